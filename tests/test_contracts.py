"""The published contracts are current: openapi.json, the data file's JSON Schema and the TypeScript types."""

import datetime
import json
import subprocess
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from openapi_spec_validator import validate
from starlette.testclient import TestClient

from app.cli import pretty
from app.schemas.source import data_file_schema
from tests.helpers import NPM, ROOT, npm_tools, read_yaml

REGENERATE = "out of date: run `make contracts` and commit the result"


def json_ready(value: Any) -> Any:
    """YAML values as a JSON document holds them: dates become ISO strings."""
    if isinstance(value, dict):
        return {key: json_ready(item) for key, item in value.items()}
    if isinstance(value, list):
        return [json_ready(item) for item in value]
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


@pytest.fixture(scope="module")
def data_schema() -> dict[str, Any]:
    """The committed JSON Schema of data/lnst.yaml."""
    schema: dict[str, Any] = json.loads((ROOT / "data" / "lnst.schema.json").read_text(encoding="utf-8"))
    return schema


@pytest.fixture(scope="module")
def bundled_data() -> Any:
    """data/lnst.yaml as a plain JSON-like document."""
    return json_ready(read_yaml(ROOT / "data" / "lnst.yaml"))


def test_committed_openapi_matches_the_app(client: TestClient) -> None:
    committed = (ROOT / "openapi.json").read_bytes()
    assert committed == pretty(client.get("/openapi.json").json()), f"openapi.json {REGENERATE}"


def test_committed_openapi_is_a_valid_openapi_document() -> None:
    validate(json.loads((ROOT / "openapi.json").read_text(encoding="utf-8")))  # openapi-spec-validator: raises on any error


def test_committed_data_schema_matches_the_pydantic_schemas(data_schema: dict[str, Any]) -> None:
    assert data_schema == json.loads(pretty(data_file_schema())), f"data/lnst.schema.json {REGENERATE}"


def test_data_file_points_editors_at_its_schema() -> None:
    first_line = (ROOT / "data" / "lnst.yaml").read_text(encoding="utf-8").splitlines()[0]
    assert first_line == "# yaml-language-server: $schema=./lnst.schema.json"


def test_bundled_data_validates_against_the_committed_schema(data_schema: dict[str, Any], bundled_data: Any) -> None:
    jsonschema.Draft202012Validator.check_schema(data_schema)
    validator = jsonschema.Draft202012Validator(data_schema, format_checker=jsonschema.FormatChecker())
    assert [error.message for error in validator.iter_errors(bundled_data)] == []


@pytest.mark.parametrize(
    ("edit", "complaint"),
    [
        (lambda d: d["duties"][0].update(note="x"), "Additional properties"),
        (lambda d: d["duties"][0].update(n="1"), "is not of type 'integer'"),
        (lambda d: d["regulation"].update(effective_date="2019-13-40"), "is not a 'date'"),
        (lambda d: d.pop("divisions"), "'divisions' is a required property"),
    ],
)
def test_the_schema_catches_what_an_editor_gets_wrong(
    data_schema: dict[str, Any], bundled_data: Any, edit: Any, complaint: str
) -> None:
    broken = json.loads(json.dumps(bundled_data))
    edit(broken)
    validator = jsonschema.Draft202012Validator(data_schema, format_checker=jsonschema.FormatChecker())
    messages = [error.message for error in flattened(validator.iter_errors(broken))]
    assert any(complaint in message for message in messages), messages


def flattened(errors: Any) -> Any:
    """Each error and, for an optional part (anyOf: the part or null), the errors inside it."""
    for error in errors:
        yield error
        yield from flattened(error.context or [])


@pytest.mark.npm
@pytest.mark.skipif(NPM is None, reason="node and npm are not installed; the TypeScript check runs where they are")
def test_typescript_types_are_generated_from_the_committed_openapi(tmp_path: Path) -> None:
    generated = tmp_path / "lnst-api.d.ts"
    command = [str(npm_tools() / "openapi-typescript"), "openapi.json", "--output", str(generated)]
    subprocess.run(command, cwd=ROOT, check=True, capture_output=True, timeout=120)
    committed = ROOT / "clients" / "typescript" / "lnst-api.d.ts"
    assert committed.read_text(encoding="utf-8") == generated.read_text(encoding="utf-8"), f"TypeScript types {REGENERATE}"


@pytest.mark.npm
@pytest.mark.skipif(NPM is None, reason="node and npm are not installed; the TypeScript check runs where they are")
def test_typescript_example_compiles_against_the_types() -> None:
    done = subprocess.run(
        [str(npm_tools() / "tsc"), "-p", "clients/typescript"], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stdout + done.stderr
