"""The one error format on every error path; HEAD; 405 with Allow."""

import pytest
from fastapi import FastAPI
from starlette.testclient import TestClient

from app.config import Settings
from app.main import create_app
from tests.helpers import assert_problem

ERROR_PATHS = [
    ("GET", "/nowhere", 404),
    ("GET", "/v1/duties/99", 404),
    ("GET", "/v1/divisions/nope", 404),
    ("GET", "/v1/duties/x", 422),
    ("GET", "/v1/mandates?limit=-5", 422),
    ("POST", "/v1/duties", 405),
    ("PUT", "/v1/divisions/1", 405),
    ("DELETE", "/v1", 405),
    ("PATCH", "/v1/export", 405),
]


@pytest.mark.parametrize(("method", "path", "status"), ERROR_PATHS)
def test_error_paths_share_the_problem_format(client: TestClient, method: str, path: str, status: int) -> None:
    body = assert_problem(client.request(method, path), status)
    assert body["type"] == "about:blank"
    assert body["instance"] == path.split("?")[0]


@pytest.mark.parametrize("method", ["POST", "PUT", "DELETE", "PATCH"])
def test_other_methods_are_405_with_allow(client: TestClient, method: str) -> None:
    response = client.request(method, "/v1/duties/1")
    assert_problem(response, 405)
    assert response.headers["allow"] == "GET, HEAD, OPTIONS"


@pytest.mark.parametrize("path", ["/v1", "/v1/duties", "/v1/divisions/人事处", "/v1/export", "/healthz"])
def test_head_answers_like_get_without_a_body(client: TestClient, path: str) -> None:
    got, head = client.get(path), client.head(path)
    assert head.status_code == got.status_code == 200
    assert head.content == b""
    assert head.headers["content-length"] == got.headers["content-length"]
    assert head.headers["etag"] == got.headers["etag"]
    assert head.headers["content-type"] == got.headers["content-type"]


def test_head_of_a_missing_item_is_404_without_a_body(client: TestClient) -> None:
    response = client.head("/v1/duties/99")
    assert response.status_code == 404
    assert response.content == b""


def test_unexpected_error_is_a_500_problem_without_a_trace() -> None:
    app: FastAPI = create_app(Settings())

    @app.get("/boom")
    def boom() -> None:
        raise RuntimeError("secret internals")

    with TestClient(app, raise_server_exceptions=False) as failing:
        response = failing.get("/boom")
    body = assert_problem(response, 500)
    assert "secret internals" not in response.text
    assert body["instance"] == "/boom"
