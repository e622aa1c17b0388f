"""Fixtures: clients over the bundled data and the tiny fixture file, and a real server process; the kinds of slow test."""

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from app.config import Settings
from app.main import create_app
from app.web.middleware.access_log import stdout_writer
from tests.helpers import TINY, free_port, start_server, wait_ready
from tests.kinds import KINDS, WHOLLY_OF_A_KIND, never_selected


def pytest_configure(config: pytest.Config) -> None:
    """Every kind is a registered marker (pyproject.toml), so a typo in KINDS fails at once; schemathesis for fuzzing."""
    registered = {line.split(":")[0] for line in config.getini("markers")}
    missing = [kind for kind in (*KINDS, "slow") if kind not in registered]
    if missing:
        raise pytest.UsageError(f"register the markers {missing} in pyproject.toml")
    # schemathesis's plugin (about 0.4 s to import, in every process) is loaded only for a run that may fuzz.
    if not never_selected(config.getoption("markexpr"), WHOLLY_OF_A_KIND["test_fuzz.py"]):
        config.pluginmanager.import_plugin("schemathesis.pytest.plugin")


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_auto_num_workers(config: pytest.Config) -> int:
    """`-n auto` (pyproject.toml): the edit-test loop over whole folders (`pytest -m "not slow"`) takes a worker per core.
    Anything else runs in one process: a few files do not repay the workers' start, and the real-process, browser and
    load tests time themselves."""
    folders = all((config.invocation_params.dir / arg.split("::")[0]).is_dir() for arg in config.args)
    fast = never_selected(config.getoption("markexpr"), frozenset({"slow"}))
    return (os.cpu_count() or 1) if folders and fast else 0


def pytest_ignore_collect(collection_path: Path, config: pytest.Config) -> bool | None:
    """A module wholly of kinds that `-m` leaves out is not imported (tests/kinds.py)."""
    marks = WHOLLY_OF_A_KIND.get(collection_path.name)
    return True if marks is not None and never_selected(config.getoption("markexpr"), marks) else None


@pytest.hookimpl(tryfirst=True)  # before -m deselects
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Each test of a kind is also slow; a test that starts the `server` fixture is a process test; slow alone is refused,
    and so is a test in a module of WHOLLY_OF_A_KIND without its markers."""
    for item in items:
        if "server" in getattr(item, "fixturenames", ()) and not item.get_closest_marker("process"):
            item.add_marker(pytest.mark.process)
        kinds = [kind for kind in KINDS if item.get_closest_marker(kind)]
        if item.get_closest_marker("slow") and not kinds:
            raise pytest.UsageError(f"{item.nodeid} is marked slow: mark it with its kind instead, one of {', '.join(KINDS)}")
        if kinds:
            item.add_marker(pytest.mark.slow)
        wanted = WHOLLY_OF_A_KIND.get(item.path.name, frozenset())
        if not all(item.get_closest_marker(mark) for mark in wanted):
            raise pytest.UsageError(f"{item.nodeid} must be marked {', '.join(sorted(wanted))} (tests/kinds.py)")


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
