"""Shared fixtures: clients over the bundled data and over the tiny fixture file."""

from collections.abc import Iterator
from pathlib import Path

import httpx2
import pytest
from starlette.testclient import TestClient

from app.config import Settings
from app.main import create_app

TESTS = Path(__file__).parent
ROOT = TESTS.parent
TINY = TESTS / "data" / "tiny.yaml"
BROKEN = TESTS / "data" / "broken"
SOURCE_TEXT = ROOT / "data" / "source" / "000_d93237738c31802a.txt"


@pytest.fixture(scope="session")
def client() -> Iterator[TestClient]:
    """A client over the bundled data/lnst.yaml."""
    with TestClient(create_app(Settings())) as test_client:
        yield test_client


@pytest.fixture(scope="session")
def tiny_client() -> Iterator[TestClient]:
    """A client over the tiny hand-written fixture file."""
    with TestClient(create_app(Settings(data_path=TINY))) as test_client:
        yield test_client


def assert_problem(response: httpx2.Response, status: int) -> dict[str, object]:
    """Check a response is an RFC 9457 problem with this status, and return its body."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/problem+json"
    body: dict[str, object] = response.json()
    assert body["status"] == status
    assert set(body) >= {"type", "title", "status", "detail", "instance"}
    assert isinstance(body["detail"], str) and body["detail"]
    assert "Traceback" not in response.text
    return body
