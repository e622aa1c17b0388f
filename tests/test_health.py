"""GET /healthz and /readyz."""

from starlette.testclient import TestClient

from app.config import Settings
from app.main import create_app


def test_health_is_ok(client: TestClient) -> None:
    assert client.get("/healthz").json() == {"status": "ok", "version": None}


def test_ready_names_the_dataset_version(client: TestClient) -> None:
    body = client.get("/readyz").json()
    assert body["status"] == "ok"
    assert body["version"] == client.get("/v1").json()["dataset"]["version"]


def test_ready_is_503_before_the_data_is_loaded() -> None:
    app = create_app(Settings())
    unstarted = TestClient(app)
    response = unstarted.get("/readyz")
    assert response.status_code == 503
    assert response.headers["content-type"] == "application/problem+json"
