"""deploy/nginx.conf in front of a real server: Debian's nginx with the file as written (local ports and paths)."""

import gzip
import http.server
import json
import os
import re
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import brotli
import httpx2
import pytest

from tests.helpers import ROOT, free_port, wait_ready

sys.path.insert(0, str(ROOT / "bench"))
import nginx_edge  # noqa: E402

pytestmark = [
    pytest.mark.nginx,
    pytest.mark.process,
    pytest.mark.skipif(not nginx_edge.available(), reason="Debian's nginx is not installed (.ci/run installs it)"),
]
ALLOWED = "https://portal.example.gov.cn"
MAX_AGE = 2


@dataclass
class Edge:
    """nginx's base URL and its own access log, and the API's access log behind it."""

    base: str
    api_log: Path
    api_port: int
    edge_log: Path

    def logged_by_nginx(self, request_id: str) -> list[dict[str, object]]:
        """nginx's log lines with this request id (it writes its buffer every second)."""
        for _ in range(30):
            found = [r for r in nginx_log(self.edge_log) if r["request_id"] == request_id]
            if found:
                return found
            time.sleep(0.1)
        return []

    def reached_api(self, path: str) -> list[dict[str, object]]:
        """The API's log lines for this path (the request id and status of each request that got past nginx)."""
        time.sleep(0.3)  # the API writes its log every 100 ms
        lines = self.api_log.read_text().splitlines()
        return [r for r in map(json.loads, lines) if f"{r['path']}?{r['query']}".rstrip("?") == path]


@pytest.fixture(scope="module")
def edge(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Edge]:
    """lnst-api serve (max-age 2 s, one allowed origin) behind deploy/nginx.conf (client timeouts 1 s)."""
    work = tmp_path_factory.mktemp("nginx")
    api_port, port = free_port(), free_port()
    env = {**os.environ, "LNST_CACHE_MAX_AGE": str(MAX_AGE), "LNST_CORS_ORIGINS": json.dumps([ALLOWED])}
    command = [sys.executable, "-m", "app.cli", "serve", "--port", str(api_port), "--access-log"]
    with (work / "api.log").open("wb") as log:
        api = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.DEVNULL)
    try:
        wait_ready(f"http://127.0.0.1:{api_port}", api)
        nginx = nginx_edge.start(nginx_edge.edge_config(work, port, api_port, timeouts="1s"), port)
        try:
            yield Edge(f"http://127.0.0.1:{port}", work / "api.log", api_port, work / "lnst-api.access.log")
        finally:
            nginx_edge.stop(nginx)
    finally:
        api.terminate()
        api.wait(timeout=20)


def nginx_log(path: Path) -> list[dict[str, object]]:
    """The whole lines of nginx's JSON access log (it may be writing the last one)."""
    text = path.read_text() if path.exists() else ""
    return [json.loads(line) for line in text[: text.rfind("\n") + 1].splitlines()]


def get(edge: Edge, path: str, **headers: str) -> httpx2.Response:
    """One GET through nginx, the body left as sent."""
    with httpx2.stream("GET", edge.base + path, headers={"Accept-Encoding": "identity", **headers}) as response:
        response.read_raw = b"".join(response.iter_raw())  # type: ignore[attr-defined]
    return response


def decoded(response: httpx2.Response) -> bytes:
    """The body as the API made it, whatever the coding."""
    raw: bytes = response.read_raw  # type: ignore[attr-defined]
    coding = response.headers.get("content-encoding")
    return brotli.decompress(raw) if coding == "br" else gzip.decompress(raw) if coding == "gzip" else raw


def test_a_repeated_request_is_answered_by_nginx(edge: Edge) -> None:
    first, second = get(edge, "/v1/duties/3"), get(edge, "/v1/duties/3")
    assert (first.headers["x-cache-status"], second.headers["x-cache-status"]) == ("MISS", "HIT")
    assert first.read_raw == second.read_raw  # type: ignore[attr-defined]
    assert first.headers["etag"] == second.headers["etag"]
    assert second.headers["vary"] == "Accept-Encoding, Origin"
    assert len(edge.reached_api("/v1/duties/3")) == 1


@pytest.mark.parametrize(
    ("accept_encoding", "coding"),
    [("br", "br"), ("gzip, deflate, br", "br"), ("gzip", "gzip"), ("br;q=0, gzip", "gzip"), ("identity", None),
     ("gzip;q=0", None), ("br;q=0.5, gzip;q=0", "br"), ("", None)],
)  # fmt: skip
def test_codings_never_mix(edge: Edge, accept_encoding: str, coding: str | None) -> None:
    for warm in ("br", "gzip", "identity"):
        get(edge, "/v1/divisions", **{"Accept-Encoding": warm})
    response = get(edge, "/v1/divisions", **{"Accept-Encoding": accept_encoding})
    assert response.headers["x-cache-status"] == "HIT"
    assert response.headers.get("content-encoding") == coding
    assert json.loads(decoded(response))["total"] == 14


def test_csv_and_json_never_mix(edge: Edge) -> None:
    for _ in range(2):
        for accept, media_type in [("text/csv", "text/csv"), ("application/json", "application/json"), ("*/*", "application/")]:
            response = get(edge, "/v1/honours", Accept=accept)
            assert response.headers["content-type"].startswith(media_type), accept
    assert get(edge, "/v1/honours", Accept="text/csv").headers["x-cache-status"] == "HIT"
    assert get(edge, "/v1/export", Accept="application/ld+json").headers["content-type"].startswith("application/ld+json")
    assert get(edge, "/v1/export").headers["content-type"] == "application/json"


def raw_exchange(edge: Edge, raw: bytes) -> bytes:
    """Raw bytes through nginx, read until it closes the connection."""
    with socket.create_connection(("127.0.0.1", int(edge.base.rsplit(":", 1)[1])), timeout=10) as connection:
        connection.sendall(raw)
        answer = b""
        while chunk := connection.recv(65536):
            answer += chunk
    return answer


def test_repeated_accept_lines_never_poison_what_clean_clients_get(edge: Edge) -> None:
    pairs = [(b"text/csv", b"*/*", "text/csv"), (b"application/json;q=0.5", b"text/csv;q=0.9", "application/json"),
             (b"*/*", b"text/csv", "application/json")]  # fmt: skip
    for limit, (first, second, media_type) in enumerate(pairs, start=4):
        head = b"GET /v1/mandates?limit=%d HTTP/1.1\r\nHost: a\r\nAccept: %s\r\nAccept: %s\r\nConnection: close\r\n\r\n"
        assert raw_exchange(edge, head % (limit, first, second)).startswith(b"HTTP/1.1 200 ")
        clean = get(edge, f"/v1/mandates?limit={limit}", Accept=first.decode())  # the same cache key, one line
        assert clean.headers["content-type"].startswith(media_type), (first, second)


def test_the_longest_documented_query_and_a_raw_utf8_target_pass_the_edge(edge: Edge) -> None:
    longest = get(edge, "/v1/search?q=" + quote("科技" * 500) + "&limit=1")  # q of 1,000 characters, the documented most
    assert longest.status_code == 200 and len(longest.headers["link"]) > 9000
    raw = raw_exchange(edge, "GET /v1/divisions/人事处 HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n".encode())
    encoded = get(edge, "/v1/divisions/" + quote("人事处"))
    assert raw.startswith(b"HTTP/1.1 200 ") and raw.endswith(encoded.read_raw)  # type: ignore[attr-defined]


def test_cors_answers_stay_right(edge: Edge) -> None:
    for _ in range(2):
        allowed = get(edge, "/v1/duties/4", Origin=ALLOWED)
        assert allowed.headers["access-control-allow-origin"] == ALLOWED
        assert "access-control-allow-origin" not in get(edge, "/v1/duties/4", Origin="https://evil.example").headers
        assert "access-control-allow-origin" not in get(edge, "/v1/duties/4").headers
    assert allowed.headers["x-cache-status"] == "HIT"
    preflight = httpx2.options(edge.base + "/v1/duties", headers={"Origin": ALLOWED, "Access-Control-Request-Method": "GET"})
    assert preflight.status_code == 204 and preflight.headers["access-control-allow-origin"] == ALLOWED


def test_an_expired_answer_is_revalidated_with_if_none_match(edge: Edge) -> None:
    first = get(edge, "/v1/duties/5")
    time.sleep(MAX_AGE + 1.6)  # nginx counts whole seconds, and an answer is fresh through its last one
    assert get(edge, "/v1/duties/5").headers["x-cache-status"] in ("STALE", "REVALIDATED", "UPDATING")
    time.sleep(0.3)
    renewed = get(edge, "/v1/duties/5")
    assert renewed.headers["x-cache-status"] == "HIT" and renewed.headers["etag"] == first.headers["etag"]
    assert [r["status"] for r in edge.reached_api("/v1/duties/5")] == [200, 304]


@pytest.mark.parametrize("path", ["/v1/duties/99", "/v1/divisions?limit=0", "/readyz", "/healthz"])
def test_errors_and_probes_are_never_cached(edge: Edge, path: str) -> None:
    statuses = [get(edge, path).headers["x-cache-status"] for _ in range(3)]
    assert statuses == ["MISS"] * 3
    assert len(edge.reached_api(path)) >= 3


def test_request_ids_pass_both_ways(edge: Edge) -> None:
    assert get(edge, "/v1/duties/6", **{"X-Request-Id": "trace-1"}).headers["x-request-id"] == "trace-1"
    assert get(edge, "/v1/duties/6", **{"X-Request-Id": "trace-2"}).headers["x-request-id"] == "trace-2"  # a hit
    assert [r["request_id"] for r in edge.reached_api("/v1/duties/6")] == ["trace-1"]
    own = get(edge, "/v1/duties/7", **{"X-Request-Id": "not valid!"}).headers["x-request-id"]
    assert re.fullmatch(r"\d{10}\.\d{3}-\d+-1", own), own  # time, connection, first request on it
    assert own == edge.reached_api("/v1/duties/7")[0]["request_id"]
    assert [r["path"] for r in edge.logged_by_nginx(own)] == ["/v1/duties/7"]  # the same id in nginx's own log


def test_ids_nginx_makes_differ_on_one_connection(edge: Edge) -> None:
    with httpx2.Client(base_url=edge.base) as client:
        ids = [client.get("/v1/duties/5").headers["x-request-id"] for _ in range(5)]  # a miss, then hits
    assert len(set(ids)) == 5
    assert [i.rsplit("-", 1)[1] for i in ids] == ["1", "2", "3", "4", "5"]
    assert len({i.split("-")[1] for i in ids}) == 1
    for request_id in ids:
        assert len(edge.logged_by_nginx(request_id)) == 1


def test_upstream_connections_are_kept_alive(edge: Edge) -> None:
    get(edge, "/v1/duties/8?n=0")
    before = upstream_connections(edge.api_port)
    for n in range(1, 20):
        assert get(edge, f"/v1/duties/8?n={n}").headers["x-cache-status"] == "MISS"
    after = upstream_connections(edge.api_port)
    assert before & after, (before, after)  # the same connection carried the later requests
    assert len(after) <= 4


def test_stalled_clients_are_dropped_by_nginx_before_the_api_sees_them(edge: Edge) -> None:
    host, port = edge.base.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=5) as stalled:
        stalled.sendall(b"GET /v1/duties/9 HTTP/1.1\r\nHost: x\r\n")  # and never the blank line
        started = time.monotonic()
        answer = stalled.recv(1024)  # nginx closes the connection (or answers 408) after client_header_timeout
        assert answer == b"" or answer.startswith(b"HTTP/1.1 408"), answer
        assert 0.5 < time.monotonic() - started < 4
    assert edge.reached_api("/v1/duties/9") == []
    conf = (ROOT / "deploy" / "nginx.conf").read_text()
    for directive in ("client_header_timeout 10s;", "client_body_timeout 10s;", "send_timeout 10s;"):
        assert directive in conf


def upstream_connections(port: int) -> set[int]:
    """Local ports of established loopback connections to this port (nginx's side of each)."""
    found = set()
    for line in Path("/proc/net/tcp").read_text().splitlines()[1:]:
        local, remote, state = line.split()[1:4]
        if state == "01" and int(remote.split(":")[1], 16) == port:
            found.add(int(local.split(":")[1], 16))
    return found


def test_the_benchmarks_static_reference_is_this_file_with_files_for_the_proxy(tmp_path: Path) -> None:
    root = tmp_path / "files"
    root.mkdir()
    (root / "one.json").write_bytes(b'{"n": 1}')
    port = free_port()
    conf = nginx_edge.static_config(tmp_path, port, root, like_the_edge=True)
    assert "proxy_pass" not in conf.read_text() and "log_format lnst_json" in conf.read_text()
    nginx = nginx_edge.start(conf, port)
    try:
        response = httpx2.get(f"http://127.0.0.1:{port}/one.json")
        assert response.content == b'{"n": 1}' and response.headers["content-type"] == "application/json"
        request_id = response.headers["x-request-id"]
    finally:
        nginx_edge.stop(nginx)  # a stop writes the log's buffer
    logged = nginx_log(tmp_path / "lnst-api.access.log")
    assert [(r["path"], r["request_id"]) for r in logged if r["path"] == "/one.json"] == [("/one.json", request_id)]


def test_one_request_id_reaches_the_upstream_the_client_and_the_log(tmp_path: Path) -> None:
    seen: list[str] = []

    class SlowUpstream(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self) -> None:  # noqa: N802 (the name http.server calls)
            seen.append(self.headers["X-Request-Id"])
            time.sleep(0.02)  # nginx's clock moves on while the upstream answers
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Cache-Control", "no-store")
            self.send_header("Content-Length", "2")
            self.end_headers()
            self.wfile.write(b"{}")

        def log_message(self, format: str, *args: object) -> None:
            pass

    upstream = http.server.ThreadingHTTPServer(("127.0.0.1", 0), SlowUpstream)
    threading.Thread(target=upstream.serve_forever, daemon=True).start()
    port = free_port()
    nginx = nginx_edge.start(nginx_edge.edge_config(tmp_path, port, upstream.server_address[1]), port)
    try:
        with httpx2.Client(base_url=f"http://127.0.0.1:{port}") as client:
            sent = [client.get(f"/slow/{n}").headers["x-request-id"] for n in range(5)]
    finally:
        nginx_edge.stop(nginx)  # a stop writes the log's buffer
        upstream.shutdown()
        upstream.server_close()
    logged = nginx_log(tmp_path / "lnst-api.access.log")
    assert seen[-5:] == sent  # the healthz probe of start() came first
    assert [r["request_id"] for r in logged if r["path"].startswith("/slow/")] == sent
