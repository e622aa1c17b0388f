"""The faults production brings, reproduced against real `lnst-api serve` processes on loopback: the data file changed
or broken and then a worker killed, reloads with a good and a bad file, stalled half-headers, a full connection table,
SIGTERM with a client that never reads, and start-ups that fail. Each is bounded in time and prints its figures."""

import os
import re
import resource
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path

import httpx2
import pytest

from tests.helpers import BROKEN, ROOT, free_port

pytestmark = pytest.mark.process

DATA = ROOT / "data" / "lnst.yaml"


@dataclass
class Running:
    """A server started for one test: its process, base URL, port and the file its stderr goes to."""

    process: subprocess.Popen[bytes]
    base: str
    port: int
    stderr: Path

    def workers(self) -> list[int]:
        """The worker processes' ids."""
        pid = self.process.pid
        return [int(child) for child in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]

    def log(self) -> str:
        """What the server has written to stderr so far."""
        return self.stderr.read_text(encoding="utf-8", errors="replace")

    def stop(self, timeout: float = 30) -> int:
        """SIGTERM, and wait for the exit code."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
        return self.process.wait(timeout=timeout)


@contextmanager
def serving(
    folder: Path, *args: str, env: dict[str, str] | None = None, preexec: Callable[[], None] | None = None
) -> Iterator[Running]:
    """`lnst-api serve` on a free port with these arguments, ready; stopped (killed if need be) afterwards."""
    port = free_port()
    stderr = folder / f"serve-{port}.err"
    command = [sys.executable, "-m", "app.cli", "serve", "--port", str(port), "--no-access-log", *args]
    with stderr.open("wb") as err:
        process = subprocess.Popen(
            command, cwd=ROOT, env={**os.environ, **(env or {})}, stdout=subprocess.DEVNULL, stderr=err, preexec_fn=preexec
        )
    running = Running(process, f"http://127.0.0.1:{port}", port, stderr)
    try:
        wait_until_ready(running)
        yield running
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=10)


def wait_until_ready(running: Running, seconds: float = 60) -> None:
    """Poll /readyz until it answers 200; fail with the server's stderr if it exits first."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if running.process.poll() is not None:
            raise AssertionError(f"the server exited with {running.process.returncode}: {running.log()}")
        with suppress(httpx2.TransportError):
            if httpx2.get(f"{running.base}/readyz", timeout=5).status_code == 200:
                return
        time.sleep(0.05)
    raise AssertionError("the server did not become ready")


def versions(base: str, calls: int = 40) -> list[str]:
    """The dataset version /readyz names, call after call, each on a new connection."""
    return [httpx2.get(f"{base}/readyz", timeout=10).json()["version"] for _ in range(calls)]


def etags(base: str, calls: int = 40) -> set[str]:
    """The ETags of one resource over many calls, each on a new connection."""
    return {httpx2.get(f"{base}/v1/duties/1", timeout=10).headers["etag"] for _ in range(calls)}


def replaced(running: Running, killed: int, seconds: float = 5) -> float:
    """Seconds until the supervisor has started a worker in place of the killed one."""
    started = time.monotonic()
    while time.monotonic() - started < seconds:
        children = running.workers()
        if killed not in children and len(children) >= 2:
            return time.monotonic() - started
        time.sleep(0.01)
    raise AssertionError("no replacement worker was started")


def ready_again(running: Running, workers: int, seconds: float = 60) -> None:
    """Wait until every worker serves: as many distinct request-id prefixes (one per worker) as workers."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        prefixes = {httpx2.get(f"{running.base}/readyz").headers["x-request-id"].split("-")[0] for _ in range(20)}
        if len(prefixes) >= workers:
            return
        time.sleep(0.1)
    raise AssertionError("the workers did not all come back")


def test_a_broken_file_then_a_killed_worker_keeps_serving_the_snapshot(tmp_path: Path) -> None:
    data = tmp_path / "lnst.yaml"
    shutil.copy(DATA, data)
    with serving(tmp_path, "--workers", "2", "--data", str(data)) as running:
        (before,) = set(versions(running.base, 4))
        data.write_text("garbage: [\n", encoding="utf-8")
        killed = running.workers()[0]
        os.kill(killed, signal.SIGKILL)
        took = replaced(running, killed)
        ready_again(running, 2)
        seen = versions(running.base)
        assert set(seen) == {before}, seen
        assert running.process.poll() is None
    print(f"worker SIGKILLed after the file was broken: replacement started in {took:.3f} s, 40/40 /readyz on {before}")
    assert running.process.returncode == 0


def test_an_edited_file_then_a_killed_worker_keeps_one_version(tmp_path: Path) -> None:
    data = tmp_path / "lnst.yaml"
    shutil.copy(DATA, data)
    with serving(tmp_path, "--workers", "2", "--data", str(data)) as running:
        (before,) = set(versions(running.base, 4))
        with data.open("a", encoding="utf-8") as file:
            file.write("# an edit nobody reloaded\n")
        killed = running.workers()[1]
        os.kill(killed, signal.SIGKILL)
        took = replaced(running, killed)
        ready_again(running, 2)
        seen, tags = versions(running.base), etags(running.base)
    assert set(seen) == {before} and len(tags) == 1, (seen, tags)
    print(f"worker SIGKILLed after a valid edit: replacement started in {took:.3f} s; 40 /readyz, one version; 40 GETs, one ETag")


def poll_versions(base: str, stop: threading.Event, seen: list[tuple[float, str]]) -> None:
    """Call /readyz until stopped, noting when each answer came and the version (or status) it named."""
    while not stop.is_set():
        try:
            response = httpx2.get(f"{base}/readyz", timeout=10)
            seen.append((time.monotonic(), response.json().get("version") or str(response.status_code)))
        except httpx2.TransportError as error:
            seen.append((time.monotonic(), type(error).__name__))


def test_a_reload_with_a_good_file_switches_every_worker_at_once(tmp_path: Path) -> None:
    data = tmp_path / "lnst.yaml"
    shutil.copy(DATA, data)
    with serving(tmp_path, "--workers", "2", "--data", str(data)) as running:
        (before,) = set(versions(running.base, 4))
        with data.open("a", encoding="utf-8") as file:
            file.write("# a reviewed edit\n")
        stop, seen = threading.Event(), []
        pollers = [threading.Thread(target=poll_versions, args=(running.base, stop, seen)) for _ in range(3)]
        for poller in pollers:
            poller.start()
        time.sleep(0.5)
        signalled = time.monotonic()
        running.process.send_signal(signal.SIGHUP)
        deadline = time.monotonic() + 60
        while not (seen and seen[-1][1] not in (before, "503")) and time.monotonic() < deadline:
            time.sleep(0.05)
        time.sleep(1)
        stop.set()
        for poller in pollers:
            poller.join(timeout=20)
        after = set(versions(running.base))
        log = running.log()
    assert len(after) == 1 and after != {before}, after
    (new,) = after
    order = [version for _, version in sorted(seen)]
    first_new = order.index(new)
    assert set(order[:first_new]) == {before} and set(order[first_new:]) == {new}, order
    times = sorted(moment for moment, _ in seen)
    gap = max(later - earlier for earlier, later in zip(times, times[1:], strict=False))
    switched = min(moment for moment, version in seen if version == new) - signalled
    assert "reloaded: version" in log
    print(f"reload with a good file: {len(seen)} /readyz during it, {first_new} on {before} then all on {new}, never mixed;")
    print(f"  first answer on the new version {switched:.2f} s after SIGHUP; longest wait for an answer {gap:.2f} s")


def test_a_reload_with_a_bad_file_keeps_serving_and_names_every_problem(tmp_path: Path) -> None:
    data = tmp_path / "lnst.yaml"
    shutil.copy(DATA, data)
    with serving(tmp_path, "--workers", "2", "--data", str(data)) as running:
        (before,) = set(versions(running.base, 4))
        shutil.copy(BROKEN / "dangling_reference.yaml", data)
        running.process.send_signal(signal.SIGHUP)
        deadline = time.monotonic() + 20
        while "reload refused" not in running.log() and time.monotonic() < deadline:
            time.sleep(0.05)
        seen = versions(running.base)
        log = running.log()
    assert f"{data}:70:5: honours.0.division: no division has id 'third-office'" in log, log
    assert "reload refused: 1 problem(s); still serving version " + before in log
    assert set(seen) == {before}
    print(f"reload with a bad file: refused with its line, 40/40 /readyz still on {before}")


def half_header(port: int) -> socket.socket:
    """A connection that sends the start of a request head and then nothing."""
    connection = socket.create_connection(("127.0.0.1", port), timeout=10)
    connection.sendall(b"GET /v1/duties HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: app")
    return connection


def closed_after(connections: list[socket.socket], started: float, seconds: float) -> list[float]:
    """When each connection was closed by the server (seconds since `started`), waiting at most `seconds`."""
    closed: dict[int, float] = {}
    deadline = time.monotonic() + seconds
    for connection in connections:
        connection.setblocking(False)
    while len(closed) < len(connections) and time.monotonic() < deadline:
        for index, connection in enumerate(connections):
            if index in closed:
                continue
            try:
                if connection.recv(4096) == b"":
                    closed[index] = time.monotonic() - started
            except BlockingIOError:
                pass
            except OSError:
                closed[index] = time.monotonic() - started
        time.sleep(0.05)
    for connection in connections:
        connection.close()
    return sorted(closed.values())


def test_stalled_half_headers_are_closed_by_the_deadline_while_others_are_answered(tmp_path: Path) -> None:
    with serving(tmp_path, "--workers", "2", env={"LNST_HEAD_TIMEOUT": "3"}) as running:
        started = time.monotonic()
        stalled = [half_header(running.port) for _ in range(200)]
        answers = []
        while time.monotonic() - started < 2.5:
            moment = time.monotonic()
            answers.append((httpx2.get(f"{running.base}/v1/duties/3", timeout=5).status_code, time.monotonic() - moment))
        closed = closed_after(stalled, started, 10)
    assert len(closed) == 200, f"{len(closed)} of 200 were closed"
    assert closed[-1] < 3 + 1.5, closed[-1]
    assert all(status == 200 for status, _ in answers)
    slowest = max(took for _, took in answers)
    print(f"200 stalled half-headers, LNST_HEAD_TIMEOUT=3: all closed {closed[0]:.2f}-{closed[-1]:.2f} s after opening;")
    print(f"  meanwhile {len(answers)} GETs answered 200, slowest {slowest * 1000:.0f} ms")


def low_open_file_limit() -> None:
    """Run in the server before exec: the common limit of 1,024 open files, soft and hard."""
    resource.setrlimit(resource.RLIMIT_NOFILE, (1024, 1024))


def test_three_thousand_stalled_sockets_under_1024_open_files_do_not_stop_the_server(tmp_path: Path) -> None:
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if hard != resource.RLIM_INFINITY and hard < 3300:
        pytest.skip(f"this test opens 3,000 sockets; the hard open-file limit here is {hard}")
    resource.setrlimit(resource.RLIMIT_NOFILE, (max(soft, 3300) if hard == resource.RLIM_INFINITY else hard, hard))
    with serving(tmp_path, "--workers", "2", preexec=low_open_file_limit) as running:
        stalled = []
        for _ in range(3000):
            with suppress(OSError):
                stalled.append(half_header(running.port))
        time.sleep(1.2)  # the stalled sockets have waited long enough to be let go for new ones
        statuses = [httpx2.get(f"{running.base}/v1/duties/3", timeout=5).status_code for _ in range(50)]
        ready = [httpx2.get(f"{running.base}/readyz", timeout=5).status_code for _ in range(10)]
        for connection in stalled:
            connection.close()
        log = running.log()
    assert statuses.count(200) == 50, statuses
    assert ready == [200] * 10, ready
    assert "connection limit reached" in log
    print("3,000 stalled sockets, 1,024 open files per worker: 50/50 GETs 200, 10/10 /readyz 200, the limit logged")


def test_a_request_beyond_the_connection_limit_is_a_503_problem_but_probes_pass(tmp_path: Path) -> None:
    with serving(tmp_path, env={"LNST_MAX_CONNECTIONS": "4"}) as running:
        held = [socket.create_connection(("127.0.0.1", running.port)) for _ in range(4)]
        refused = httpx2.get(f"{running.base}/v1/duties/1", timeout=5)
        probe = httpx2.get(f"{running.base}/readyz", timeout=5)
        time.sleep(1.2)  # the held connections have now waited long enough for a request to be let go
        later = httpx2.get(f"{running.base}/v1/duties/1", timeout=5)
        for connection in held:
            connection.close()
    assert refused.status_code == 503 and refused.headers["retry-after"] == "1"
    assert refused.headers["content-type"] == "application/problem+json" and refused.json()["status"] == 503
    assert probe.status_code == 200
    assert later.status_code == 200


def test_a_request_head_past_64_kib_is_refused_before_it_is_held(tmp_path: Path) -> None:
    with serving(tmp_path) as running:
        connection = socket.create_connection(("127.0.0.1", running.port), timeout=10)
        connection.sendall(b"GET /v1 HTTP/1.1\r\nHost: 127.0.0.1\r\n")
        with suppress(OSError):  # the server may close before it has read everything sent
            for line in range(200):
                connection.sendall(b"X-Pad-%d: %s\r\n" % (line, b"a" * 1000))
        answer = connection.recv(4096)
        connection.close()
        after = httpx2.get(f"{running.base}/v1/duties/1", timeout=5)
    assert answer.startswith(b"HTTP/1.1 431 ") and b"application/problem+json" in answer, answer
    assert after.status_code == 200


def pipelined(port: int, path: str, count: int, last: str | None = None) -> socket.socket:
    """A connection that sends `count` requests for `path` (and one for `last`) at once, reading nothing yet."""
    connection = socket.create_connection(("127.0.0.1", port), timeout=10)
    request = f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".encode()
    tail = f"GET {last} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".encode() if last else b""
    connection.sendall(request * count + tail)
    return connection


def read_answers(connection: socket.socket, seconds: float) -> tuple[list[int], bool]:
    """Read HTTP/1.1 answers until the server closes: their statuses, and whether it closed cleanly (EOF, not reset)."""
    buffer, statuses, deadline = b"", [], time.monotonic() + seconds
    connection.settimeout(seconds)
    clean = False
    while time.monotonic() < deadline:
        try:
            chunk = connection.recv(1 << 20)
        except OSError:
            break
        if not chunk:
            clean = True
            break
        buffer += chunk
        while b"\r\n\r\n" in buffer:
            head, _, rest = buffer.partition(b"\r\n\r\n")
            length = int(next(line.split(b":")[1] for line in head.split(b"\r\n") if line.lower().startswith(b"content-length")))
            if len(rest) < length:
                break
            statuses.append(int(head.split(b" ")[1]))
            buffer = rest[length:]
    connection.close()
    return statuses, clean


def refused_after(port: int, started: float, seconds: float = 5) -> float:
    """Seconds from `started` until a new connection is refused."""
    while time.monotonic() - started < seconds:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
        except OSError:
            return time.monotonic() - started
        time.sleep(0.01)
    raise AssertionError("new connections were still accepted")


def test_sigterm_answers_what_was_received_and_exits_by_the_grace_period(tmp_path: Path) -> None:
    with serving(tmp_path, env={"LNST_GRACE_PERIOD": "3"}) as running:
        hog = pipelined(running.port, "/v1/export", 2000)  # 80 MB asked for, and never read
        patient = pipelined(running.port, "/v1/export", 1000, last="/readyz")  # 40 MB, read only after SIGTERM
        idle = socket.create_connection(("127.0.0.1", running.port))
        idle.sendall(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        time.sleep(0.5)
        started = time.monotonic()
        running.process.send_signal(signal.SIGTERM)
        refused = refused_after(running.port, started)
        statuses, clean = read_answers(patient, 10)
        idle_answers, idle_closed = read_answers(idle, 5)
        code = running.process.wait(timeout=20)
        exited = time.monotonic() - started
        hog.close()
    assert statuses == [200] * 1000 + [503], (len(statuses), statuses[-3:])
    assert clean and idle_closed and idle_answers == [200]
    assert refused < 0.5, refused
    assert exited < 3 + 1.5, exited
    assert code == 5  # stopped, but the client that never read was cut at the grace period
    print(f"SIGTERM, LNST_GRACE_PERIOD=3: new connections refused after {refused:.2f} s; 1,000 pipelined answers and a 503")
    print(f"  /readyz sent before the signal all delivered, then a clean close; exit {code} after {exited:.2f} s")


def test_sigterm_with_every_connection_drained_exits_zero(tmp_path: Path) -> None:
    with serving(tmp_path, "--workers", "2") as running:
        assert httpx2.get(f"{running.base}/v1/duties/1").status_code == 200
        started = time.monotonic()
        code = running.stop()
    print(f"SIGTERM with nothing in flight: exit {code} after {time.monotonic() - started:.2f} s")
    assert code == 0


def test_a_port_in_use_is_exit_4(tmp_path: Path) -> None:
    with socket.create_server(("127.0.0.1", 0)) as taken:
        port = taken.getsockname()[1]
        done = subprocess.run(
            [sys.executable, "-m", "app.cli", "serve", "--port", str(port)], cwd=ROOT, capture_output=True, text=True, timeout=30
        )
    assert done.returncode == 4, done.stderr
    assert f"cannot listen on 127.0.0.1 port {port}" in done.stderr


def test_workers_that_keep_failing_to_start_are_exit_4(tmp_path: Path) -> None:
    port = free_port()
    env = {**os.environ, "LNST_DATABASE_URL": f"sqlite:///{tmp_path}/missing/folder/lnst.db"}
    started = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-m", "app.cli", "serve", "--port", str(port), "--workers", "2"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    took = time.monotonic() - started
    assert done.returncode == 4, done.stderr[-2000:]
    assert re.search(r"giving up: \d+ worker start-ups failed in a row", done.stderr)
    print(f"workers failing at start-up: exit {done.returncode} after {took:.2f} s")


WRK_MIX = """
local paths = {"/v1/duties", "/v1/divisions/11", "/v1/mandates?limit=10&offset=20", "/v1/divisions?q=%E5%8F%8C%E5%88%9B"}
local counter = 0
request = function()
  counter = counter + 1
  return wrk.format("GET", paths[counter % #paths + 1])
end
"""


def probe(port: int, timeout: float = 1.0) -> int | None:
    """One /readyz on a new connection, as a load balancer sends it: its status, or None if not answered in time."""
    started = time.monotonic()
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=timeout) as connection:
            connection.sendall(b"GET /readyz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
            answer = b""
            while chunk := connection.recv(4096):
                answer += chunk
                connection.settimeout(max(0.001, timeout - (time.monotonic() - started)))
        return int(answer.split(b" ")[1])
    except (OSError, IndexError, ValueError):
        return None


@pytest.mark.load
@pytest.mark.skipif(shutil.which("wrk") is None, reason="Debian's wrk is not installed (.ci/run installs it)")
def test_probes_answer_within_a_second_under_1000_connections(tmp_path: Path) -> None:
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if hard != resource.RLIM_INFINITY and hard < 2200:
        pytest.skip(f"wrk -c1000 needs 2,000 open files; the hard limit here is {hard}")
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard if hard != resource.RLIM_INFINITY else max(soft, 4096), hard))
    script = tmp_path / "mix.lua"
    script.write_text(WRK_MIX, encoding="utf-8")
    with serving(tmp_path, "--workers", "2") as running:
        load = subprocess.Popen(
            ["wrk", "-t2", "-c1000", "-d10s", "-s", str(script), running.base + "/"], stdout=subprocess.PIPE, text=True
        )
        time.sleep(1)
        answers, took = [], []
        while len(answers) < 80:
            moment = time.monotonic()
            answers.append(probe(running.port))
            took.append(time.monotonic() - moment)
            time.sleep(max(0.0, 0.1 - took[-1]))
        report = load.communicate(timeout=60)[0]
    rate = next(line for line in report.splitlines() if "Requests/sec" in line).split()[-1]
    took.sort()
    answered = answers.count(200)
    print(f"/readyz under wrk -c1000 (2 workers, {rate} requests/s, load average {os.getloadavg()[0]:.1f}):")
    print(f"  {answered}/80 answered 200 within 1 s; median {took[40] * 1000:.0f} ms, slowest {took[-1] * 1000:.0f} ms")
    assert answered >= 76, answers  # 95%: the machine is shared; docs/performance.md quotes repeated runs
