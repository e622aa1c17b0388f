"""Cached responses sent by the request gate itself, without uvicorn's protocol, a task or the framework: the same bytes as
the routes' answers, in order behind requests still being routed, logged, and only where nothing about the request
needs more."""

import json
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from starlette.testclient import TestClient

from app.config import Settings
from app.main import create_app
from app.web.middleware.api_middleware import ApiMiddleware
from tests.helpers import ROOT, free_port, wait_ready

CACHED = ["/v1/divisions/11", "/v1/mandates?limit=5&offset=5", "/v1/duties.csv", "/v1/divisions?q=" + quote("双创")]
VARIANTS = [
    {},
    {"Accept-Encoding": "gzip"},
    {"Accept-Encoding": "br, gzip"},
    {"Origin": "https://example.org"},
    {"Accept": "text/csv;q=0, application/json"},
]


Headers = list[tuple[bytes, bytes]]


def scope_of(path: str, query: bytes = b"", method: str = "GET", headers: Headers | None = None) -> dict[str, Any]:
    """A request scope as uvicorn's protocol makes it, with the Accept header the test client sends."""
    return {"type": "http", "method": method, "path": path, "raw_path": path.encode(), "query_string": query,
            "headers": [(b"accept", b"*/*"), *(headers or [])], "client": ("127.0.0.1", 40000)}  # fmt: skip


@pytest.fixture(scope="module")
def middleware() -> Iterator[ApiMiddleware]:
    """The middleware of an app that has routed /v1/duties/1 and /v1/duties once each."""
    with TestClient(create_app(Settings(access_log=False))) as client:
        assert client.get("/v1/duties/1").status_code == client.get("/v1/duties").status_code == 200
        built = client.app.state.server_hooks.middleware  # type: ignore[attr-defined]
        assert isinstance(built, ApiMiddleware)
        yield built


def test_a_cached_response_is_given_only_for_what_is_cached_and_nothing_needs_more(middleware: ApiMiddleware) -> None:
    status, lines, body = middleware.cached_response(scope_of("/v1/duties/1")) or (0, b"", b"")
    assert status == 200 and json.loads(body)["n"] == 1
    assert b"etag: " in lines and b"x-request-id: " in lines and lines.endswith(b"\r\n")
    assert middleware.cached_response(scope_of("/v1/duties/1", b"x=1")) is not None  # a parameter the route ignores
    assert middleware.cached_response(scope_of("/v1/duties/2")) is None  # not routed yet
    assert middleware.cached_response(scope_of("/v1/duties/1", method="DELETE")) is None
    for header in [(b"x-forwarded-for", b"203.0.113.9"), (b"content-length", b"3"), (b"transfer-encoding", b"chunked")]:
        assert middleware.cached_response(scope_of("/v1/duties/1", headers=[header])) is None, header
    assert middleware.cached_response(scope_of("/v1/duties/1", b"q=" + b"a" * 20000)) is None  # refused by the route's way: 414


def test_a_cached_response_is_304_empty_for_head_and_carries_cors(middleware: ApiMiddleware) -> None:
    etag = middleware.cached_response(scope_of("/v1/duties"))[1].split(b"etag: ")[1].split(b"\r\n")[0]  # type: ignore[index]
    status, lines, body = middleware.cached_response(scope_of("/v1/duties", headers=[(b"if-none-match", etag)])) or (0, b"", b"")
    assert (status, body) == (304, b"") and b"content-length" not in lines and etag in lines
    status, lines, body = middleware.cached_response(scope_of("/v1/duties", method="HEAD")) or (0, b"", b"")
    assert (status, body) == (200, b"") and b"content-length: " in lines
    lines = (middleware.cached_response(scope_of("/v1/duties", headers=[(b"origin", b"https://a.example")])) or (0, b"", b""))[1]
    assert b"access-control-allow-origin: *\r\n" in lines


def request(path: str, headers: dict[str, str], method: str = "GET", version: str = "1.1") -> bytes:
    """One raw request with a fixed request id."""
    fields = {"Host": "test", "X-Request-Id": "fixed-id", **headers}
    lines = [f"{method} {path} HTTP/{version}", *(f"{name}: {value}" for name, value in fields.items())]
    return ("\r\n".join(lines) + "\r\n\r\n").encode()


def read_answer(stream: socket.socket, buffer: bytearray, method: str = "GET") -> bytes:
    """One whole response from the connection, its Date line taken out."""
    while b"\r\n\r\n" not in buffer:
        chunk = stream.recv(65536)
        assert chunk, "the server closed the connection"
        buffer += chunk
    end = buffer.index(b"\r\n\r\n") + 4
    head = bytes(buffer[:end])
    length = 0
    if method != "HEAD" and not head.startswith((b"HTTP/1.1 304", b"HTTP/1.0 304")):
        found = [line for line in head.split(b"\r\n") if line.lower().startswith(b"content-length:")]
        length = int(found[0].split(b":")[1]) if found else 0
    while len(buffer) < end + length:
        buffer += stream.recv(65536)
    answer = bytes(buffer[: end + length])
    del buffer[: end + length]
    return b"\r\n".join(line for line in answer.split(b"\r\n") if not line.startswith(b"date: "))


def exchange(port: int, requests: list[bytes], methods: list[str]) -> list[bytes]:
    """Send the requests in one write on one connection; read as many answers."""
    with socket.create_connection(("127.0.0.1", port), timeout=10) as stream:
        stream.sendall(b"".join(requests))
        buffer = bytearray()
        return [read_answer(stream, buffer, method) for method in methods]


def start(port: int, log: Path, cache: bool) -> subprocess.Popen[bytes]:
    """`lnst-api serve` with its access log in a file; with the response cache on or off."""
    env = {**os.environ, "LNST_ACCESS_LOG": "true", "LNST_RESPONSE_CACHE": "true" if cache else "false"}
    command = [sys.executable, "-m", "app.cli", "serve", "--port", str(port)]
    with log.open("wb") as out:
        return subprocess.Popen(command, cwd=ROOT, env=env, stdout=out, stderr=subprocess.DEVNULL)


@pytest.fixture(scope="module")
def servers(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[int, int, Path]]:
    """Two servers, one with the response cache and one routing every request; the first one's access log."""
    work = tmp_path_factory.mktemp("cached-responses")
    (caching_port, routing_port), log = (free_port(), free_port()), work / "caching.log"
    caching, routing = start(caching_port, log, True), start(routing_port, work / "routing.log", False)
    try:
        wait_ready(f"http://127.0.0.1:{caching_port}", caching)
        wait_ready(f"http://127.0.0.1:{routing_port}", routing)
        yield caching_port, routing_port, log
    finally:
        for process in (caching, routing):
            process.terminate()
            process.wait(timeout=20)


@pytest.mark.process
def test_gate_cached_responses_are_the_routes_answers_byte_for_byte(servers: tuple[int, int, Path]) -> None:
    caching, routing, _ = servers
    for path in CACHED:
        for headers in VARIANTS:
            for method in ("GET", "HEAD"):
                raw = request(path, headers, method)
                routed = exchange(routing, [raw], [method])[0]
                assert exchange(caching, [raw, raw, raw], [method] * 3) == [routed] * 3, (path, headers, method)
            etag = next(line for line in routed.split(b"\r\n") if line.startswith(b"etag: "))[6:].decode()
            conditional = request(path, {**headers, "If-None-Match": etag})
            routed = exchange(routing, [conditional], ["GET"])[0]
            assert routed.startswith(b"HTTP/1.1 304 ")
            assert exchange(caching, [conditional] * 2, ["GET"] * 2) == [routed] * 2, (path, headers)


@pytest.mark.process
def test_pipelined_requests_are_answered_in_order_behind_one_still_routed(servers: tuple[int, int, Path]) -> None:
    caching, routing, _ = servers
    paths = ["/v1/search?q=" + quote(f"新的问题{time.time()}"), "/v1/divisions/11", "/v1/nothing", "/v1/divisions/11"]
    exchange(caching, [request("/v1/divisions/11", {})], ["GET"])  # cached from now on
    raws = [request(path, {}) for path in paths]
    answers = exchange(caching, raws, ["GET"] * 4)
    assert [answer.split(b" ")[1] for answer in answers] == [b"200", b"200", b"404", b"200"]
    assert answers[1:] == exchange(routing, raws[1:], ["GET"] * 3)


@pytest.mark.process
def test_gate_cached_responses_are_logged_and_forwarded_requests_keep_their_client(servers: tuple[int, int, Path]) -> None:
    caching, _, log = servers
    path = "/v1/duties/7"
    for headers in [{}, {}, {"X-Forwarded-For": "203.0.113.9"}]:
        exchange(caching, [request(path, {**headers, "X-Request-Id": f"log-{len(headers)}-{time.time()}"})], ["GET"])
    time.sleep(0.5)  # the log is written within 0.1 s
    records = [json.loads(line) for line in log.read_text().splitlines() if line.startswith("{") and path in line]
    assert [record["client"] for record in records[-3:]] == ["127.0.0.1", "127.0.0.1", "203.0.113.9"]
    assert all(record["status"] == 200 and record["bytes"] > 100 for record in records[-3:])


@pytest.mark.process
def test_an_http_1_0_request_is_answered_and_the_connection_closed(servers: tuple[int, int, Path]) -> None:
    caching, _, _ = servers
    with socket.create_connection(("127.0.0.1", caching), timeout=10) as stream:
        stream.sendall(request("/v1/divisions/11", {}, version="1.0") * 2)
        answer = read_answer(stream, bytearray())
        assert answer.startswith(b"HTTP/1.1 200 ") and b"connection: close\r\n" in answer.lower()
        assert stream.recv(1 << 20) == b""  # closed after the first answer: the second request is never read
