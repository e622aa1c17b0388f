"""Fixtures: clients over the bundled data and the tiny fixture file, and a real server process."""

import os
from collections.abc import Iterator

import pytest
from starlette.testclient import TestClient

from app.config import Settings
from app.main import create_app
from app.web.middleware.access_log import stdout_writer
from tests.helpers import TINY, free_port, start_server, wait_ready


@pytest.fixture(scope="session", autouse=True)
def quiet_access_log() -> Iterator[None]:
    """In-process apps write their access log to /dev/null, not to the terminal between tests (see test_access_log)."""
    writer, devnull = stdout_writer(), os.open(os.devnull, os.O_WRONLY)
    writer.flush()
    writer.fd = devnull
    yield
    writer.flush()
    writer.fd = 1
    os.close(devnull)


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
