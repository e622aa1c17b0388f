"""The server as a real process: uvicorn on a free loopback port."""

import json
import socket
import subprocess
import sys
from pathlib import Path

import httpx2
import pytest

from tests.helpers import BROKEN, ROOT, free_port, start_server, wait_ready

pytestmark = pytest.mark.process


def test_server_serves_the_department(server: str) -> None:
    response = httpx2.get(f"{server}/v1")
    assert response.status_code == 200
    assert response.json()["department"]["name"] == "辽宁省科学技术厅"


def test_server_resolves_a_percent_encoded_chinese_key(server: str) -> None:
    response = httpx2.get(f"{server}/v1/divisions/%E4%BA%BA%E4%BA%8B%E5%A4%84")
    assert response.json()["n"] == 14


def test_server_answers_errors_as_problems(server: str) -> None:
    response = httpx2.get(f"{server}/v1/duties/17")
    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"
    response = httpx2.post(f"{server}/v1/duties")
    assert response.status_code == 405
    assert response.headers["allow"] == "GET, HEAD, OPTIONS"


def test_server_head_has_no_body(server: str) -> None:
    response = httpx2.head(f"{server}/v1/duties", headers={"Accept-Encoding": "identity"})
    assert response.status_code == 200
    assert response.content == b""
    assert int(response.headers["content-length"]) > 10_000


def test_server_with_broken_data_exits_without_listening() -> None:
    port = free_port()
    process = start_server(port, BROKEN / "dangling_reference.yaml")
    _, err = process.communicate(timeout=20)
    assert process.returncode != 0
    assert b"honours.0.division" in err
    with socket.socket() as probe:
        assert probe.connect_ex(("127.0.0.1", port)) != 0


def test_server_conditional_get_is_304(server: str) -> None:
    first = httpx2.get(f"{server}/v1/divisions/11")
    again = httpx2.get(f"{server}/v1/divisions/11", headers={"If-None-Match": first.headers["etag"]})
    assert again.status_code == 304
    assert again.content == b""


def test_server_compresses_on_request(server: str) -> None:
    with httpx2.stream("GET", f"{server}/v1/export", headers={"Accept-Encoding": "br"}) as response:
        body = b"".join(response.iter_raw())
    assert response.headers["content-encoding"] == "br"
    assert int(response.headers["content-length"]) == len(body) < 20_000


def test_server_cors_preflight_and_headers(server: str) -> None:
    preflight = httpx2.options(
        f"{server}/v1/duties", headers={"Origin": "https://a.example", "Access-Control-Request-Method": "GET"}
    )
    assert preflight.status_code == 204
    assert preflight.headers["access-control-max-age"] == "86400"
    response = httpx2.get(f"{server}/v1/duties/1", headers={"Origin": "https://a.example"})
    assert response.headers["access-control-allow-origin"] == "*"
    assert response.headers["x-content-type-options"] == "nosniff"


def test_server_request_id_and_paging_links(server: str) -> None:
    response = httpx2.get(f"{server}/v1/mandates", params={"limit": 5}, headers={"X-Request-Id": "trace-42"})
    assert response.headers["x-request-id"] == "trace-42"
    assert response.links["next"]["url"] == "/v1/mandates?limit=5&offset=5"


def test_server_cached_and_first_answers_are_identical(server: str) -> None:
    headers = {"Accept-Encoding": "gzip"}
    first, second = (httpx2.get(f"{server}/v1/divisions/3", headers=headers) for _ in range(2))
    assert first.content == second.content
    assert first.headers["etag"] == second.headers["etag"]
    assert first.headers["x-request-id"] != second.headers["x-request-id"]


def test_server_with_two_workers_and_a_json_access_log(tmp_path: Path) -> None:
    port = free_port()
    log = tmp_path / "access.log"
    command = [sys.executable, "-m", "app.cli", "serve", "--port", str(port), "--workers", "2", "--access-log"]
    with log.open("wb") as out:
        process = subprocess.Popen(command, cwd=ROOT, stdout=out, stderr=subprocess.DEVNULL)
        base = f"http://127.0.0.1:{port}"
        try:
            wait_ready(base, process)
            ids = {httpx2.get(f"{base}/v1/duties/{n}").headers["x-request-id"] for n in range(1, 9)}
        finally:
            process.terminate()
            process.communicate(timeout=20)
    records = [json.loads(line) for line in log.read_text().splitlines() if line.startswith("{")]
    logged = {r["request_id"] for r in records if r["path"].startswith("/v1/duties/")}
    assert logged == ids
    assert all(r["status"] == 200 and r["method"] == "GET" for r in records if r["request_id"] in ids)


def test_server_sends_no_server_header_and_cache_headers(server: str) -> None:
    response = httpx2.get(f"{server}/v1/duties/1")
    assert "server" not in response.headers
    assert response.headers["cache-control"] == "public, max-age=300"
    assert response.headers["last-modified"].endswith(" GMT")
