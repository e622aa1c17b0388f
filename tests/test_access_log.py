"""The access log: one JSON line per request, written in whole lines of at most PIPE_BUF bytes, bounded when
stdout blocks, and written out at shutdown."""

import asyncio
import contextlib
import fcntl
import json
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx2
import pytest
from starlette.testclient import TestClient

from app.config import Settings
from app.main import create_app
from app.web.middleware import access_log
from app.web.middleware.access_log import LINE, PIPE_BUF, LineWriter, client_json, stdout_writer, target_json, write_lines
from tests.helpers import ROOT, free_port, wait_ready

FIELDS = ["time", "request_id", "client", "method", "path", "query", "status", "bytes", "duration_ms"]
F_SETPIPE_SZ = 1031  # Linux fcntl: set a pipe's capacity
F_GETPIPE_SZ = 1032  # Linux fcntl: read it
Log = Callable[[], list[dict[str, object]]]
REQUESTS = 2000  # of about 3 KB each, against the server whose stdout nobody reads


@pytest.fixture
def stdout_log() -> Iterator[Callable[[], list[dict[str, object]]]]:
    """The process's access log sent to a pipe for the test; what it returns reads the lines written so far."""
    writer = stdout_writer()
    read_end, write_end = os.pipe()
    os.set_blocking(read_end, False)
    writer.flush()
    kept, writer.fd = writer.fd, write_end

    def read() -> list[dict[str, object]]:
        writer.flush()
        data = bytearray()
        with contextlib.suppress(BlockingIOError):
            while chunk := os.read(read_end, 65536):
                data += chunk
        return json_lines(bytes(data))

    yield read
    writer.flush()
    writer.fd = kept
    os.close(read_end)
    os.close(write_end)


@pytest.fixture
def pipe() -> Iterator[tuple[int, int]]:
    """A pipe of one page's capacity (read end, write end), closed afterwards."""
    read_end, write_end = os.pipe()
    fcntl.fcntl(write_end, F_SETPIPE_SZ, 4096)
    yield read_end, write_end
    for fd in (read_end, write_end):
        os.close(fd)


def line(n: int, padding: int = 200, client: str = "127.0.0.1", path: str = "/v1/duties/1", request_id: str = "") -> bytes:
    """A request line numbered n, its query padded."""
    target = target_json("GET", path, ("x=" + "a" * padding).encode("latin-1"))
    identity = (request_id or f"id-{n}").encode()
    return LINE % (b"2026-11-27T10:00:00+0800", identity, client_json(client), target, 200, 10**11, 1234, 567)


def test_access_log_is_one_json_line_with_the_request_id(client: TestClient, stdout_log: Log) -> None:
    response = client.get("/v1/duties/3?x=1")
    records = [r for r in stdout_log() if r["request_id"] == response.headers["x-request-id"]]
    assert len(records) == 1 and list(records[0]) == FIELDS
    record = records[0]
    assert (record["method"], record["path"], record["query"], record["status"]) == ("GET", "/v1/duties/3", "x=1", 200)
    assert record["bytes"] == int(response.headers["content-length"])


def test_access_log_can_be_switched_off(stdout_log: Log) -> None:
    with TestClient(create_app(Settings(access_log=False))) as quiet:
        request_id = quiet.get("/v1").headers["x-request-id"]
    assert [r for r in stdout_log() if r["request_id"] == request_id] == []


def test_lines_are_written_at_lifespan_shutdown(stdout_log: Log) -> None:
    writer = stdout_writer()
    writer.write()  # no tick pending
    writer.interval = 3600.0  # and the next one an hour away
    try:
        with TestClient(create_app(Settings())) as started:
            ids = {started.get(f"/v1/duties/{n}").headers["x-request-id"] for n in range(1, 6)}
            assert writer.size
        assert not writer.size
        assert ids <= {str(r["request_id"]) for r in stdout_log()}
    finally:
        writer.interval = access_log.FLUSH_SECONDS


def test_a_line_that_would_pass_pipe_buf_is_cut_to_fit() -> None:
    worst = line(0, padding=16_000, client="\x00" * 500, path="/v1/" + "\x00" * 6000, request_id="r" * 64)
    assert len(worst) <= PIPE_BUF and worst.endswith(b"\n")
    record = json.loads(worst)
    assert list(record) == FIELDS
    assert record["path"].startswith("/v1/\x00") and record["path"].endswith("…")
    assert record["query"].startswith("x=aaa") and record["query"].endswith("…")
    assert record["client"].endswith("…") and record["duration_ms"] == 1234.567


def test_lines_are_as_json_dumps_writes_them() -> None:
    record = {"time": "2026-11-27T10:00:00+0800", "request_id": "id-7", "client": "127.0.0.1", "method": "GET"}
    record |= {"path": "/v1/duties/1", "query": "x=" + "a" * 5, "status": 200, "bytes": 10**11, "duration_ms": 1234.567}
    assert line(7, padding=5) == (json.dumps(record, ensure_ascii=False) + "\n").encode()


def test_lines_are_written_in_whole_lines_of_at_most_pipe_buf(monkeypatch: pytest.MonkeyPatch) -> None:
    chunks: list[bytes] = []
    monkeypatch.setattr(access_log, "write_nowait", lambda fd, chunk, regular: chunks.append(chunk) or len(chunk))
    data = bytearray(b"".join(line(n, padding=n * 7 % 3000) for n in range(500)))
    assert write_lines(1, data) == len(data)
    assert b"".join(chunks) == data
    assert all(len(chunk) <= PIPE_BUF and chunk.endswith(b"\n") for chunk in chunks)
    assert len(chunks) < len(data) // (PIPE_BUF // 2)


def test_lines_are_written_within_the_interval(pipe: tuple[int, int]) -> None:
    read_end, write_end = pipe
    writer = LineWriter(write_end)

    async def serve_one() -> None:
        writer.append(line(1))
        assert writer.size
        await asyncio.sleep(3 * access_log.FLUSH_SECONDS)
        assert not writer.size

    asyncio.run(serve_one())
    assert json.loads(os.read(read_end, PIPE_BUF))["request_id"] == "id-1"


def test_blocked_stdout_keeps_memory_bounded_and_counts_dropped_lines(pipe: tuple[int, int]) -> None:
    read_end, write_end = pipe
    writer = LineWriter(write_end, cap=64 * 1024, flush_bytes=16 * 1024)
    started = time.monotonic()
    for n in range(20_000):  # about 8 MB of lines into a pipe that holds 4 KB and nobody reads
        writer.append(line(n))
        assert writer.size <= 64 * 1024
    assert time.monotonic() - started < 5.0, "appending must never wait for stdout"
    assert writer.dropped > 0
    assert writer.flush(timeout=0.2) is False  # a shutdown waits this long for a blocked stdout, no longer
    received = bytearray()
    reader = threading.Thread(target=lambda: received.extend(read_until(read_end, b"END\n")))
    reader.start()
    assert writer.flush(timeout=10) is True
    os.write(write_end, b"END\n")
    reader.join(timeout=10)
    records = json_lines(bytes(received).removesuffix(b"END\n"))
    dropped = [r for r in records if "dropped" in r]
    written = [int(str(r["request_id"]).removeprefix("id-")) for r in records if "request_id" in r]
    assert dropped and all(list(r) == ["time", "dropped", "reason"] for r in dropped)
    assert len(written) + sum(int(str(r["dropped"])) for r in dropped) == 20_000
    assert written == sorted(written) and len(written) < 1000  # in order; what came while the buffer was full, dropped


def test_a_closed_stdout_loses_lines_quietly(pipe: tuple[int, int]) -> None:
    read_end, write_end = os.pipe()
    os.close(read_end)
    writer = LineWriter(write_end)
    writer.append(line(1))
    assert writer.flush(timeout=1.0) is True
    os.close(write_end)


def read_until(fd: int, marker: bytes, seconds: float = 10.0) -> bytes:
    """Read a pipe until the data holds marker and a newline after it."""
    data = bytearray()
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        data += os.read(fd, 65536)
        at = data.find(marker)
        if at >= 0 and data.find(b"\n", at) >= 0:
            return bytes(data)
    raise AssertionError(f"{marker!r} never came")


def json_lines(data: bytes) -> list[dict[str, object]]:
    """Every line parsed as JSON (a torn or interleaved line fails here)."""
    return [json.loads(text) for text in data.decode().splitlines() if text.strip()]


@pytest.mark.process
def test_server_writes_every_line_before_exiting_on_sigterm(tmp_path: Path) -> None:
    port, log = free_port(), tmp_path / "access.log"
    command = [sys.executable, "-m", "app.cli", "serve", "--port", str(port), "--access-log"]
    with log.open("wb") as out:
        process = subprocess.Popen(command, cwd=ROOT, stdout=out, stderr=subprocess.DEVNULL)
        base = f"http://127.0.0.1:{port}"
        try:
            wait_ready(base, process)
            with httpx2.Client() as session:
                ids = {session.get(f"{base}/v1/duties/{n % 16 + 1}").headers["x-request-id"] for n in range(300)}
        finally:
            process.send_signal(signal.SIGTERM)
            process.wait(timeout=20)
    assert ids <= {r["request_id"] for r in json_lines(log.read_bytes())}


@pytest.mark.process
def test_two_workers_sharing_one_pipe_write_whole_lines() -> None:
    port, base = free_port(), ""
    command = [sys.executable, "-m", "app.cli", "serve", "--port", str(port), "--workers", "2", "--access-log"]
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    assert process.stdout is not None
    received = bytearray()
    reader = threading.Thread(target=lambda: received.extend(read_to_end(process.stdout.fileno())))  # type: ignore[union-attr]
    reader.start()
    base = f"http://127.0.0.1:{port}"
    ids: set[str] = set()
    try:
        wait_ready(base, process)

        def hammer(k: int) -> None:
            with httpx2.Client() as session:
                for n in range(150):
                    ids.add(session.get(f"{base}/v1/duties/1", params={"pad": f"{k}-{n}-" + "x" * 1500}).headers["x-request-id"])

        threads = [threading.Thread(target=hammer, args=(k,)) for k in range(8)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
    finally:
        process.terminate()
        process.wait(timeout=20)
        reader.join(timeout=10)
        process.stdout.close()
    records = json_lines(bytes(received))
    assert len(ids) == 1200 and ids <= {r["request_id"] for r in records}


@pytest.mark.process
def test_server_keeps_answering_when_nobody_reads_its_stdout() -> None:
    read_end, write_end = os.pipe()
    fcntl.fcntl(write_end, F_SETPIPE_SZ, 4096)
    port = free_port()
    command = [sys.executable, "-m", "app.cli", "serve", "--port", str(port), "--access-log"]
    process = subprocess.Popen(command, cwd=ROOT, stdout=write_end, stderr=subprocess.DEVNULL)
    os.close(write_end)
    base = f"http://127.0.0.1:{port}"
    received = bytearray()
    reader = threading.Thread(target=lambda: received.extend(read_to_end(read_end)))
    try:
        wait_ready(base, process)
        started = time.monotonic()
        with httpx2.Client() as session:
            for n in range(REQUESTS):  # lines of ~3 KB: 6 MB against a 4 MB buffer and a 4 KB pipe
                assert session.get(f"{base}/v1/duties/1", params={"pad": f"{n}-" + "x" * 3000}).status_code == 200
        assert time.monotonic() - started < 60
        status = Path(f"/proc/{process.pid}/status").read_text()
        rss_kb = int(next(x for x in status.splitlines() if x.startswith("VmRSS")).split()[1])
    finally:
        reader.start()  # stdout drains only now
        process.terminate()
        process.wait(timeout=20)
        reader.join(timeout=10)
        os.close(read_end)
    records = json_lines(bytes(received))
    padded = [r for r in records if str(r.get("query", "")).startswith("pad=")]
    dropped = sum(int(str(r["dropped"])) for r in records if "dropped" in r)
    assert dropped > 0 and len(padded) + dropped == REQUESTS
    assert rss_kb < 200 * 1024


def read_to_end(fd: int) -> bytes:
    """Everything a pipe delivers until every writer has closed it."""
    data = bytearray()
    while chunk := os.read(fd, 65536):
        data += chunk
    return bytes(data)


def test_a_pipe_on_stdout_is_widened_so_a_bursty_collector_keeps_up(pipe: tuple[int, int]) -> None:
    _, write_end = pipe
    access_log.widen_pipe(write_end)
    assert fcntl.fcntl(write_end, F_GETPIPE_SZ) == access_log.PIPE_BYTES
    regular = os.open(os.devnull, os.O_WRONLY)
    try:
        access_log.widen_pipe(regular)  # not a pipe: left alone, quietly
    finally:
        os.close(regular)
