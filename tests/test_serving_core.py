"""The serving core against a real `lnst-api serve` process, as a hostile client and as everyday clients would use it:
one reading of each request, memory bounded under attack, raw UTF-8 targets, every refusal a logged problem, Host,
Upgrade, and clients that go away. Each test is bounded in time."""

import json
import multiprocessing
import os
import re
import select
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import httpx2
import pytest

from tests.helpers import ROOT, free_port, wait_ready

pytestmark = pytest.mark.process

PROBLEM = "application/problem+json"


@dataclass
class Served:
    """A server of this module's: its port, process, and the files its access log and errors go to."""

    port: int
    process: subprocess.Popen[bytes]
    log: Path
    errors: Path

    def worker(self) -> int:
        """The one worker's process id."""
        pid = self.process.pid
        return int(Path(f"/proc/{pid}/task/{pid}/children").read_text().split()[0])

    def logged(self) -> list[dict[str, object]]:
        """The access log's lines so far (the worker writes them every 100 ms)."""
        time.sleep(0.3)
        return [json.loads(line) for line in self.log.read_text().splitlines() if line.startswith("{")]


def serve(folder: Path, **env: str) -> Served:
    """`lnst-api serve` with one worker and its access log on, ready."""
    port = free_port()
    log, errors = folder / f"access-{port}.log", folder / f"errors-{port}.log"
    command = [sys.executable, "-m", "app.cli", "serve", "--port", str(port), "--access-log"]
    with log.open("wb") as out, errors.open("wb") as err:
        process = subprocess.Popen(command, cwd=ROOT, env={**os.environ, **env}, stdout=out, stderr=err)
    wait_ready(f"http://127.0.0.1:{port}", process)
    return Served(port, process, log, errors)


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """One server for the module's tests that need no settings of their own."""
    running = serve(tmp_path_factory.mktemp("core"), LNST_SEND_TIMEOUT="1")
    yield running
    running.process.terminate()
    running.process.wait(timeout=20)


def exchange(port: int, raw: bytes, seconds: float = 10) -> bytes:
    """Send raw bytes and read until the server closes the connection."""
    with socket.create_connection(("127.0.0.1", port), timeout=seconds) as connection:
        connection.sendall(raw)
        answer = b""
        with suppress(ConnectionResetError):
            while chunk := connection.recv(65536):
                answer += chunk
    return answer


def answers(raw: bytes) -> list[tuple[int, dict[str, str], bytes]]:
    """Every HTTP/1.1 answer in a byte stream (bodies framed by Content-Length): status, headers, body."""
    found = []
    while raw:
        head, _, rest = raw.partition(b"\r\n\r\n")
        status_line, *lines = head.decode("latin-1").split("\r\n")
        headers = {name.strip().lower(): value.strip() for name, _, value in (line.partition(":") for line in lines)}
        length = int(headers.get("content-length", "0"))
        found.append((int(status_line.split(" ")[1]), headers, rest[:length]))
        raw = rest[length:]
    return found


def request(target: bytes, *fields: bytes, version: bytes = b"1.1", host: bool = True, close: bool = True) -> bytes:
    """A raw GET with these header field lines."""
    lines = [b"GET " + target + b" HTTP/" + version, *([b"Host: 127.0.0.1"] if host else []), *fields]
    return b"\r\n".join([*lines, *([b"Connection: close"] if close else []), b"", b""])


def comparable(answer: tuple[int, dict[str, str], bytes]) -> tuple[int, dict[str, str], bytes]:
    """An answer less what differs between any two requests (date, request id)."""
    status, headers, body = answer
    return status, {k: v for k, v in headers.items() if k not in ("date", "x-request-id", "connection")}, body


ONE_READING = [  # (field, two conflicting lines' values): every request header the middleware, a route or uvicorn reads
    (b"Accept", b"text/csv", b"*/*"),
    (b"Accept", b"application/json;q=0.5", b"text/csv;q=0.9"),
    (b"Accept-Encoding", b"br", b"identity"),
    (b"If-None-Match", b'"x"', b"*"),
    (b"If-Modified-Since", b"Sun, 01 Jan 2090 00:00:00 GMT", b"Sun, 01 Jan 2000 00:00:00 GMT"),
    (b"Origin", b"https://a.example", b"https://b.example"),
    (b"X-Request-Id", b"first", b"second"),
    (b"Host", b"127.0.0.1", b"elsewhere.example"),
    (b"X-Forwarded-For", b"192.0.2.1", b"192.0.2.2"),
    (b"X-Forwarded-Proto", b"https", b"http"),
]


def test_two_lines_of_any_field_read_never_change_what_a_clean_client_gets(served: Served) -> None:
    clean_targets = [b"/v1/duties?limit=3", b"/v1/export", b"/v1/matrix"]
    clean = {target: comparable(answers(exchange(served.port, request(target)))[0]) for target in clean_targets}
    for name, first, second in ONE_READING:
        for target in clean_targets:
            status, headers, _ = answers(exchange(served.port, request(target, name + b": " + first, name + b": " + second)))[0]
            assert status in (200, 304, 400), (name, status)
            if status == 400:
                assert headers["content-type"] == PROBLEM
        for target in clean_targets:
            again = comparable(answers(exchange(served.port, request(target, b"Accept: */*")))[0])
            assert again[0] == 200 and again[1]["content-type"] == clean[target][1]["content-type"], (name, target)
            assert again[2] == clean[target][2], (name, target)
    document = httpx2.get(f"http://127.0.0.1:{served.port}/openapi.json").json()
    assert document == json.loads((ROOT / "openapi.json").read_text())  # built after all of the above


def test_repeated_list_fields_are_combined_and_repeated_singletons_refused(served: Served) -> None:
    combined = answers(exchange(served.port, request(b"/v1/duties?limit=3", b"Accept: text/html", b"Accept: text/csv")))[0]
    assert combined[0] == 200 and combined[1]["content-type"].startswith("text/csv")
    refused = answers(exchange(served.port, request(b"/v1", b"Origin: https://a.example", b"Origin: https://b.example")))[0]
    assert refused[0] == 400 and refused[1]["content-type"] == PROBLEM
    assert "Origin" in json.loads(refused[2])["detail"] or "origin" in json.loads(refused[2])["detail"]


def test_a_raw_utf8_target_is_answered_exactly_as_its_percent_encoded_form(served: Served) -> None:
    for text in ("/v1/search?q=外国专家来辽工作", "/v1/divisions/人事处", "/v1/search/divisions?q=高企认定归哪个处管&limit=2"):
        raw, encoded = text.encode(), quote(text, safe="/?=&").encode()
        pipelined = exchange(served.port, request(raw, close=False) + request(encoded, close=False) + request(raw))
        first, second, third = (comparable(answer) for answer in answers(pipelined))
        assert first[0] == 200 and first == second == third, text
    logged = [line for line in served.logged() if line["path"] == "/v1/divisions/人事处"]
    assert len(logged) >= 3 and {line["status"] for line in logged} == {200}  # the OpenAPI examples are logged too


REFUSED = [  # (what, raw bytes, status): each refused by the server itself, before any route
    ("a TLS hello", b"\x16\x03\x01\x00\xa5\x01\x00\x00\xa1\x03\x03" + b"\x00" * 60, 400),
    ("a request line with two spaces", b"GET  /v1 HTTP/1.1\r\nHost: a\r\n\r\n", 400),
    ("a folded field", request(b"/v1", b"X-A: a", b" b"), 400),
    ("a NUL in a field", request(b"/v1", b"X-A: a\x00b"), 400),
    ("a body on GET", request(b"/v1", b"Content-Length: 5") + b"hello", 400),
    ("a chunked POST", b"POST /v1 HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n", 405),
    ("a lower-case method", b"get /v1 HTTP/1.1\r\nHost: a\r\n\r\n", 405),
    ("HTTP/1.1 without Host", request(b"/v1", host=False), 400),
    ("two Host lines", request(b"/v1", b"Host: b"), 400),
    ("a 70 KB field", request(b"/v1", b"X-A: " + b"a" * 70_000), 431),
    ("a 70 KB target", request(b"/v1?q=" + b"a" * 70_000), 414),
]


def test_every_refusal_is_a_problem_and_in_the_access_log(served: Served) -> None:
    before = len(served.logged())
    for what, raw, status in REFUSED:
        found = answers(exchange(served.port, raw))
        assert len(found) == 1, what
        assert found[0][0] == status and found[0][1]["content-type"] == PROBLEM, (what, found[0][:2])
        assert json.loads(found[0][2])["status"] == status
    logged = served.logged()[before:]
    assert sorted(line["status"] for line in logged) == sorted(status for _, _, status in REFUSED)


def test_host_is_required_once_on_http_1_1_and_not_on_http_1_0(served: Served) -> None:
    assert answers(exchange(served.port, request(b"/v1", version=b"1.0", host=False)))[0][0] == 200
    assert answers(exchange(served.port, request(b"/v1", host=False)))[0][0] == 400


def test_a_request_pipelined_after_an_upgrade_is_answered(served: Served) -> None:
    upgrade = request(
        b"/healthz",
        b"Upgrade: h2c",
        b"Connection: Upgrade, HTTP2-Settings",
        b"HTTP2-Settings: AAMAAABkAAQCAAAAAAIAAAAA",
        close=False,
    )
    found = answers(exchange(served.port, upgrade + request(b"/v1/duties/2")))
    assert [status for status, _, _ in found] == [200, 200]
    assert json.loads(found[1][2])["n"] == 2


def test_clients_that_go_away_or_stop_reading_leave_no_traceback(served: Served) -> None:
    for _ in range(30):  # gone before the answer is read
        with socket.create_connection(("127.0.0.1", served.port)) as connection:
            connection.sendall(request(b"/v1/export", close=False) * 3)
    stalled = socket.create_connection(("127.0.0.1", served.port))
    stalled.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
    stalled.sendall(request(b"/v1/export", close=False) * 200)  # 8 MB asked for, never read: cut at the 1 s send deadline
    time.sleep(3)
    stalled.close()
    assert httpx2.get(f"http://127.0.0.1:{served.port}/v1/duties/1").status_code == 200
    errors = served.errors.read_text()
    assert "Traceback" not in errors and "Exception" not in errors, errors[-2000:]


def resident_mb(pid: int) -> float:
    """A process's resident memory, in MB."""
    kilobytes = re.search(r"VmRSS:\s+(\d+)", Path(f"/proc/{pid}/status").read_text())
    assert kilobytes is not None
    return int(kilobytes.group(1)) / 1024


def endless_field(port: int, stop: threading.Event, refused: list[bytes]) -> None:
    """An unfinished field line that never ends, until the server answers (then read) or closes."""
    with socket.create_connection(("127.0.0.1", port), timeout=10) as connection:
        connection.sendall(b"GET /v1 HTTP/1.1\r\nHost: a\r\nX-A: ")
        with suppress(OSError):
            while not stop.is_set() and not select.select([connection], [], [], 0.001)[0]:
                connection.sendall(b"a" * 16384)
            refused.append(connection.recv(4096))


def heavy_keys(port: int, stop: threading.Event, number: int) -> None:
    """Requests with a thousand-fold repeated q (echoed in a 47 KB Link) and a 30 KB Accept, each query new."""
    accept = b"Accept: text/csv;q=0.1, " + b"a/b, " * 5000 + b"*/*"
    with socket.create_connection(("127.0.0.1", port), timeout=10) as connection:
        count = 0
        while not stop.is_set():
            count += 1
            query = "&".join([f"q=k{number}x{count}"] * 1000)
            connection.sendall(request(f"/v1/duties?{query}&limit=1".encode(), accept, close=False))
            answer = b""
            while b"\r\n\r\n" not in answer or len(answer.partition(b"\r\n\r\n")[2]) < content_length(answer):
                answer += connection.recv(65536)


def content_length(answer: bytes) -> int:
    """The Content-Length of a raw answer whose head has arrived."""
    found = re.search(rb"content-length: (\d+)", answer.partition(b"\r\n\r\n")[0])
    return int(found.group(1)) if found else 0


def probe(port: int) -> int | None:
    """One /healthz on a new connection, as a load balancer sends it: its status, or None if not answered within 1 s."""
    with suppress(OSError, IndexError, ValueError):
        return int(exchange(port, request(b"/healthz"), seconds=1).split(b" ")[1])
    return None


def attack(port: int, seconds: float, results: "multiprocessing.Queue[list[bytes]]") -> None:
    """16 endless fields and 16 clients of heavy keys for this long, in a process of their own; what the endless
    fields were answered goes back on the queue."""
    stop, refused = threading.Event(), []
    attackers = [threading.Thread(target=endless_field, args=(port, stop, refused)) for _ in range(16)]
    attackers += [threading.Thread(target=heavy_keys, args=(port, stop, n)) for n in range(16)]
    for attacker in attackers:
        attacker.start()
    time.sleep(seconds)
    stop.set()
    for attacker in attackers:
        attacker.join(timeout=20)
    results.put(refused)


def test_memory_held_for_sixteen_attackers_of_each_kind_stays_bounded_and_probes_pass(tmp_path: Path) -> None:
    running = serve(tmp_path)
    try:
        pid = running.worker()
        for _ in range(20):
            httpx2.get(f"http://127.0.0.1:{running.port}/v1/duties?limit=2")
        before = resident_mb(pid)
        # The attackers run in a process of their own, so the probes time the server, not this process's threads.
        context = multiprocessing.get_context("fork")
        results: multiprocessing.Queue[list[bytes]] = context.Queue()
        attackers = context.Process(target=attack, args=(running.port, 8.5, results))
        attackers.start()
        probes: list[int | None] = []
        peak, started = before, time.monotonic()
        while time.monotonic() - started < 8:
            moment = time.monotonic()
            probes.append(probe(running.port))
            peak = max(peak, resident_mb(pid))
            time.sleep(max(0.0, 0.2 - (time.monotonic() - moment)))
        refused = results.get(timeout=40)
        attackers.join(timeout=10)
        peak = max(peak, resident_mb(pid))
    finally:
        running.process.terminate()
        running.process.wait(timeout=20)
    # Probes take their turn with the attackers' requests. A prober with Kubernetes' timeout and threshold (1 s,
    # three failures in a row) must never take the worker out, and nine probes in ten must be answered within 1 s.
    answered = [status == 200 for status in probes]
    assert len(probes) >= 8 and sum(answered) >= 0.9 * len(probes), probes
    assert not any(answered[n : n + 3] == [False] * 3 for n in range(len(answered))), probes
    assert len(refused) == 16 and all(answer.startswith(b"HTTP/1.1 431 ") for answer in refused), refused[:2]
    assert peak - before <= 64, (before, peak)
    print(f"16 endless fields and 16 clients of 47 KB keys for 8 s: worker {before:.0f} -> peak {peak:.0f} MB;")
    print(f"  {sum(answered)} of {len(probes)} /healthz probes 200 within 1 s, never three in a row missed")


def test_a_refusal_after_a_cached_response_is_the_refusal(served: Served) -> None:
    cached = request(b"/v1/duties?limit=3", close=False)
    found = answers(exchange(served.port, cached + cached + b"BAD LINE\r\n\r\n", seconds=5))
    assert [status for status, _, _ in found] == [200, 200, 400] and found[2][1]["content-type"] == PROBLEM
    found = answers(exchange(served.port, cached + request(b"/v1", b"X-A: " + b"a" * 70_000), seconds=5))
    assert [status for status, _, _ in found] == [200, 431]


def test_cached_responses_on_one_connection_outlive_uvicorns_own_keep_alive(tmp_path: Path) -> None:
    running = serve(tmp_path, LNST_KEEP_ALIVE_TIMEOUT="1", LNST_HEAD_TIMEOUT="1")  # uvicorn's own timer: 3 s
    try:
        with socket.create_connection(("127.0.0.1", running.port), timeout=5) as connection:
            statuses = []
            for _ in range(12):  # 6 s of requests 0.5 s apart: the first routed, the rest cached
                connection.sendall(request(b"/v1/duties/4", close=False))
                answer = b""
                while b"\r\n\r\n" not in answer or len(answer.partition(b"\r\n\r\n")[2]) < content_length(answer):
                    chunk = connection.recv(65536)
                    assert chunk, f"closed after {len(statuses)} answers"
                    answer += chunk
                statuses.append(int(answer.split(b" ")[1]))
                time.sleep(0.5)
    finally:
        running.process.terminate()
        running.process.wait(timeout=20)
    assert statuses == [200] * 12
