"""Every bound in pyproject.toml is true: what each dependency must offer at its lower bound, checked where it is
installed. `make test-lowest` and `make test-newest` run these against the lowest and the newest versions allowed."""

import inspect
import re
import signal
import socket
import subprocess
import tomllib
from collections.abc import Iterator
from typing import Any

import httptools
import httpx2
import pytest
import uvicorn
import uvicorn.config
import uvicorn.importer
import uvicorn.server
from fastapi import FastAPI

from tests.helpers import ROOT, free_port, start_server, wait_ready
from tools.bounds import canonical, locked_test_tools, lower_bounds, lowest_constraints


def dependency_lines() -> list[str]:
    """The lines of pyproject.toml's [project].dependencies array, as written."""
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    block = text[text.index("\ndependencies = [\n") :]
    return [line.strip() for line in block[: block.index("\n]\n")].splitlines()[2:]]


def test_every_runtime_dependency_has_a_lower_bound_no_cap_and_a_reason() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    bounds = lower_bounds()  # raises for a dependency without exactly one bound, a `>=` one
    assert len(bounds) == len(project["dependencies"]) == len(dependency_lines())
    for line in dependency_lines():
        assert re.fullmatch(r'"[^"]+",  # \S.*', line), f"each bound says in a comment what sets it: {line}"


def test_the_lowest_install_pins_each_runtime_dependency_at_its_bound_and_only_test_tools_at_the_lock() -> None:
    constraints = lowest_constraints().splitlines()
    for name, version, _ in lower_bounds():
        assert any(line.split(";")[0] == f"{name}=={version}" for line in constraints), name
    runtime = {canonical(line.split("==")[0]) for line in (ROOT / "requirements.txt").read_text().splitlines() if "==" in line}
    assert locked_test_tools(), "constraints.txt gave no test tool"
    assert not {canonical(line.split("==")[0]) for line in locked_test_tools()} & runtime


def test_ci_runs_the_locked_the_lowest_and_the_newest() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert all(re.search(rf"^\s*run make {target}$", ci, re.MULTILINE) for target in ("test", "test-lowest", "test-newest"))
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert re.search(r"^test-lowest:", makefile, re.MULTILINE) and re.search(r"^test-newest:", makefile, re.MULTILINE)


# --- What each dependency must offer at its lower bound ---------------------------------------------------------


def test_fastapi_takes_a_telemetry_config() -> None:  # fastapi>=0.142
    from fastapi.telemetry import TelemetryConfig

    assert {"tracing", "metrics", "logs"} <= set(TelemetryConfig.__annotations__)
    assert "telemetry" in inspect.signature(FastAPI).parameters


class Headers:
    """What httptools' parser reports, kept."""

    def __init__(self) -> None:
        self.headers: list[tuple[bytes, bytes]] = []
        self.complete = False

    def on_header(self, name: bytes, value: bytes) -> None:
        self.headers.append((name, value))

    def on_message_complete(self) -> None:
        self.complete = True


def test_httptools_refuses_a_request_with_both_content_length_and_chunked() -> None:
    """RFC 9112 section 6.3: a request with both could desync a pipeline; the parser refuses it before any route."""
    sink = Headers()
    parser = httptools.HttpRequestParser(sink)
    with pytest.raises(httptools.HttpParserError):
        parser.feed_data(b"GET / HTTP/1.1\r\nHost: a\r\nContent-Length: 1\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n")
    assert not sink.complete


def test_uvicorn_offers_the_public_interface_the_server_is_built_on() -> None:
    """Only these uvicorn names are used: each exists, with these parameters, at the lower bound."""
    config = inspect.signature(uvicorn.Config).parameters
    options = ["http", "lifespan", "timeout_keep_alive", "timeout_graceful_shutdown", "access_log", "server_header"]
    assert set(options + ["proxy_headers", "log_level", "backlog"]) <= set(config)
    assert "sockets" in inspect.signature(uvicorn.Server.run).parameters
    assert list(inspect.signature(uvicorn.Server.handle_exit).parameters) == ["self", "sig", "frame"]
    server = uvicorn.Server(uvicorn.Config(app=FastAPI()))
    assert server.should_exit is False
    assert isinstance(uvicorn.server.ServerState().connections, set)
    protocol: Any = uvicorn.importer.import_from_string(uvicorn.config.HTTP_PROTOCOLS["httptools"])
    assert {"config", "server_state", "app_state", "_loop"} <= set(inspect.signature(protocol).parameters)


# --- A real server on the installed versions --------------------------------------------------------------------


@pytest.fixture(scope="module")
def served() -> Iterator[tuple[int, subprocess.Popen[bytes]]]:
    port = free_port()
    process = start_server(port)
    try:
        wait_ready(f"http://127.0.0.1:{port}", process)
        yield port, process
    finally:
        if process.poll() is None:
            process.kill()
            process.communicate(timeout=10)


def exchange(port: int, raw: bytes) -> bytes:
    """Send raw bytes and read until the server closes (10 s at most)."""
    with socket.create_connection(("127.0.0.1", port), timeout=10) as stream:
        stream.sendall(raw)
        answer = bytearray()
        while chunk := stream.recv(1 << 16):
            answer += chunk
        return bytes(answer)


@pytest.mark.process
def test_a_real_server_answers_compressed_json(served: tuple[int, subprocess.Popen[bytes]]) -> None:
    port, _ = served
    response = httpx2.get(f"http://127.0.0.1:{port}/v1/duties?limit=2", headers={"Accept-Encoding": "br"})
    assert response.status_code == 200 and response.headers["content-encoding"] == "br"
    assert response.json()["items"]  # decoded by the brotli installed


@pytest.mark.process
def test_a_real_server_answers_http_1_0_and_closes(served: tuple[int, subprocess.Popen[bytes]]) -> None:
    port, _ = served
    for _ in range(2):  # routed, then cached
        answer = exchange(port, b"GET /v1/divisions/11 HTTP/1.0\r\n\r\n" * 2)
        assert answer.startswith(b"HTTP/1.1 200 ") and answer.count(b"HTTP/1.1 ") == 1  # the second is never read


@pytest.mark.process
def test_a_real_server_refuses_a_folded_header_line(served: tuple[int, subprocess.Popen[bytes]]) -> None:
    port, _ = served
    folded = b"GET /v1 HTTP/1.1\r\nHost: a\r\nX-A: a\r\n b\r\nConnection: close\r\n\r\n"
    assert exchange(port, folded).startswith(b"HTTP/1.1 400 ")


@pytest.mark.process
def test_a_real_server_stops_on_sigterm(served: tuple[int, subprocess.Popen[bytes]]) -> None:
    _, process = served
    process.send_signal(signal.SIGTERM)
    _, err = process.communicate(timeout=30)
    assert process.returncode == 0, err.decode()
    assert b"Traceback" not in err, err.decode()
