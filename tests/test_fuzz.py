"""Property-based API testing with schemathesis: every operation, every check, generated from the app's own
OpenAPI document; each generated GET is also sent as HEAD and OPTIONS. Then the schemathesis command line
runs all its phases against a real server."""

import json
import subprocess
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import CHECKS, load_all_checks
from starlette.testclient import TestClient

from app.config import Settings
from app.main import create_app
from tests.helpers import ROOT

pytestmark = pytest.mark.fuzz

load_all_checks()
ALL_CHECKS = CHECKS.get_all()
CASES_PER_OPERATION = 100
generated: Counter[str] = Counter()


# schemathesis makes its tests when this module is collected, in every run, the edit-test loop's included, so the
# document is read from the file here (cheap), the app made but not started (its lifespan loads the data), and the
# fixture below starts it for this module's tests and checks that the app serves the same document as the file.
# (schemathesis.openapi.from_asgi would start the app at collection; its lazy from_fixture fails on pytest 9.2.)
FUZZED_DOCUMENT = ROOT / "openapi.json"
fuzzed_app = create_app(Settings(access_log=False))
schema = schemathesis.openapi.from_path(FUZZED_DOCUMENT)
schema.app = fuzzed_app


@pytest.fixture(scope="module", autouse=True)
def fuzzed_client() -> Iterator[TestClient]:
    """A client over the app the generated requests reach, started for this module; its document is the one fuzzed."""
    with TestClient(fuzzed_app) as test_client:
        served = test_client.get("/openapi.json")
        assert served.status_code == 200
        assert json.loads(served.content) == json.loads(FUZZED_DOCUMENT.read_bytes()), "run `make contracts`"
        yield test_client


@schema.parametrize()
@settings(
    max_examples=CASES_PER_OPERATION, deadline=None, derandomize=True, database=None, suppress_health_check=list(HealthCheck)
)
def test_generated_requests_pass_every_check(case: Any, fuzzed_client: TestClient) -> None:
    generated[case.operation.label] += 1
    response = case.call_and_validate(checks=ALL_CHECKS)
    assert response.status_code < 500
    if case.method.upper() != "GET":  # schemathesis also sends other methods (answered 405, checked above)
        return
    sent = response.request.url  # the exact URL schemathesis sent, query encoding included
    head = fuzzed_client.head(sent, headers=case.headers)
    assert head.status_code == response.status_code
    assert head.content == b""
    assert head.headers.get("content-type") == response.headers.get("content-type", [None])[0]
    options = fuzzed_client.options(sent)
    assert options.status_code == 204
    assert options.headers["allow"] == "GET, HEAD, OPTIONS"


def test_generation_reached_every_operation(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    assert set(generated) == {f"GET {path}" for path in paths}, "run the whole module: the generated tests fill the counter"
    with_parameters = {f"GET {path}" for path, item in paths.items() if item["get"].get("parameters")}
    # An operation without parameters has only a handful of distinct requests (its methods); those are all sent.
    assert all(generated[label] >= CASES_PER_OPERATION for label in with_parameters), generated
    print("generated cases per operation:", dict(sorted(generated.items())))


@pytest.fixture(scope="module")
def cli_report(server: str, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """The JSON report of `schemathesis run` (examples, coverage, fuzzing and stateful phases) against the real server."""
    reports = tmp_path_factory.mktemp("schemathesis")
    command = [
        str(Path(sys.executable).parent / "schemathesis"),
        "run",
        f"{server}/openapi.json",
        "--checks=all",
        "--mode=all",
        f"--max-examples={2 * CASES_PER_OPERATION}",
        "--seed=20261126",
        "--generation-database=none",
        "--report=json",
        f"--report-dir={reports}",
        "--no-color",
    ]
    done = subprocess.run(command, capture_output=True, text=True, timeout=600)
    (report,) = reports.glob("json-*.json")
    result: dict[str, Any] = json.loads(report.read_text(encoding="utf-8"))
    result["output"] = done.stdout + done.stderr
    result["returncode"] = done.returncode
    return result


def test_schemathesis_run_finds_nothing_against_the_real_server(client: TestClient, cli_report: dict[str, Any]) -> None:
    operations = len(client.get("/openapi.json").json()["paths"])
    assert cli_report["returncode"] == 0, cli_report["output"]
    assert cli_report["failures"] == [] and cli_report["errors"] == []
    assert cli_report["complete"] is True
    assert all(phase["status"] == "success" for phase in cli_report["phases"].values()), cli_report["phases"]
    assert cli_report["operations"]["tested"] == cli_report["operations"]["total"] == operations
    assert cli_report["test_cases"]["generated"] >= operations * CASES_PER_OPERATION
    print("schemathesis run:", cli_report["test_cases"])
