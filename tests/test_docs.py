"""The API docs work on a network with no internet: every asset comes from this server."""

import re
import subprocess
import tempfile

import pytest
from starlette.testclient import TestClient

from tests.helpers import CHROMIUM, OFFLINE_CHROMIUM_ARGS

EXTERNAL_URL = re.compile(r"""(?:src|href|url|spec-url)\s*[=(:]\s*["']?\s*(?:https?:)?//""", re.IGNORECASE)
ASSET_URL = re.compile(r"""(?:src|href)="(/[^"]+)\"""")


@pytest.mark.parametrize("page", ["/docs", "/redoc"])
def test_pages_name_no_external_url(client: TestClient, page: str) -> None:
    html = client.get(page).text
    assert "http://" not in html and "https://" not in html and "//cdn" not in html
    assert not EXTERNAL_URL.search(html)
    assets = ASSET_URL.findall(html)
    assert assets, "the page loads no local asset"
    for asset in assets:
        response = client.get(asset)
        assert response.status_code == 200, asset
        assert response.content


def test_swagger_start_up_script_names_no_external_url(client: TestClient) -> None:
    script = client.get("/docs/assets/swagger-init.js").text
    assert "SwaggerUIBundle" in script
    assert "//" not in script.replace("// ", "")


@pytest.mark.parametrize("name", ["main.py", "..%2F..%2Fapp%2Fmain.py", "swagger-ui-bundle.js.map", "static"])
def test_unknown_assets_are_404(client: TestClient, name: str) -> None:
    response = client.get(f"/docs/assets/{name}")
    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"


def test_pages_forbid_other_origins(client: TestClient) -> None:
    policy = client.get("/docs").headers["content-security-policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";"))
    assert directives["default-src"] == "'none'"
    assert directives["script-src"] == "'self'"
    assert directives["connect-src"] == "'self'"
    assert directives["frame-ancestors"] == "'none'"


def render_in_chromium(url: str) -> str:
    """The page's DOM after its scripts ran, in headless Chromium that can reach 127.0.0.1 and nothing else."""
    assert CHROMIUM is not None
    with tempfile.TemporaryDirectory() as profile:
        command = [
            CHROMIUM,
            *OFFLINE_CHROMIUM_ARGS,
            f"--user-data-dir={profile}",
            "--virtual-time-budget=20000",
            "--dump-dom",
            url,
        ]
        done = subprocess.run(command, capture_output=True, timeout=120, check=True)
    return done.stdout.decode()


@pytest.mark.browser
@pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium is not installed (.ci/run installs it)")
def test_swagger_ui_lists_every_operation_offline(server: str, client: TestClient) -> None:
    dom = render_in_chromium(f"{server}/docs")
    listed = set(re.findall(r'class="opblock-summary-path" data-path="([^"]+)"', dom))
    assert listed == set(client.get("/openapi.json").json()["paths"])


@pytest.mark.browser
@pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium is not installed (.ci/run installs it)")
def test_redoc_lists_every_operation_offline(server: str, client: TestClient) -> None:
    dom = render_in_chromium(f"{server}/redoc")
    listed = set(re.findall(r'id="operation/([A-Za-z0-9_]+)"', dom))
    paths = client.get("/openapi.json").json()["paths"]
    assert listed == {operation["operationId"] for item in paths.values() for operation in item.values()}
