"""Shared fixtures: clients over the bundled data and the tiny fixture file, and a real server process."""

import os
import socket
import subprocess
import sys
import time
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


def free_port() -> int:
    """A port nothing listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def start_server(port: int, data: Path | None = None) -> subprocess.Popen[bytes]:
    """Start `lnst-api serve` in its own process."""
    env = dict(os.environ)
    if data is not None:
        env["LNST_DATA_PATH"] = str(data)
    command = [sys.executable, "-m", "app.cli", "serve", "--port", str(port)]
    return subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def wait_ready(base: str, process: subprocess.Popen[bytes], seconds: float = 20) -> None:
    """Poll /readyz until it answers 200."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            _, err = process.communicate()
            raise AssertionError(f"the server exited: {err.decode()}")
        try:
            if httpx2.get(f"{base}/readyz").status_code == 200:
                return
        except httpx2.TransportError:
            time.sleep(0.05)
    raise AssertionError("the server did not become ready")


@pytest.fixture(scope="session")
def server() -> Iterator[str]:
    """The base URL of a running server over the bundled data."""
    port = free_port()
    process = start_server(port)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_ready(base, process)
        yield base
    finally:
        process.terminate()
        process.communicate(timeout=10)
