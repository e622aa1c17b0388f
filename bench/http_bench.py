"""HTTP benchmark: the configuration people deploy first, each figure against a bare app in the same run.

On this machine, under the same wrk load (default wrk -t2 -c32 -d5s --latency), in alternating rounds:

1. `lnst-api serve` with its JSON access log on (stdout is a pipe read by `cat` into a file, as a log collector
   would), with 1 and 2 workers, against a bare uvicorn ASGI app returning the same bytes with as many workers
   and no log; then the variant with the log off;
2. a search whose q is new every time (log on), against the bare app's search;
3. behind the caching edge (deploy/nginx.conf, one nginx worker): nginx serving the same bytes as static files,
   configured as the edge is (deploy/nginx.conf with files where the proxy was: the same JSON access log, request
   ids and settings) and the plainest way (no log), and nginx in front of `lnst-api serve` (log on) with its
   cache warm.

Prints requests/s, p50, p99 and the server's CPU time per request (all its processes: steadier than requests/s
when other work shares the machine), the ratios, the time to the first 200 on /readyz, resident memory, the
lines the access log wrote, and the load average before and after. Needs Debian's wrk and nginx.
"""

import argparse
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import httpx2
import nginx_edge
from common import ROOT

SEARCH = "/v1/divisions?q=" + quote("高新技术企业认定") + "&limit=3"
ENDPOINTS = {"divisions list": "/v1/divisions", "one division": "/v1/divisions/11"}
STATIC_FILES = {"/v1/divisions": "divisions.json", "/v1/divisions/11": "division-11.json"}
# Each wrk thread has its own Lua state and counter: setup() numbers the threads, so no two threads ask the same q
# (when each thread just counted from 1, every query was asked once by each thread, and all but the first were kept).
UNIQUE_SEARCH = """
local threads = 0
function setup(thread)
  threads = threads + 1
  thread:set("thread", threads)
end
local i = 0
request = function()
  i = i + 1
  return wrk.format("GET", "/v1/divisions?limit=3&q=%s" .. string.format("%%d%%09d", thread, i))  -- digits: search reads none
end
"""
UVICORN = ["--no-access-log", "--log-level", "warning", "--loop", "uvloop", "--http", "httptools", "--no-server-header"]
TICK = os.sysconf("SC_CLK_TCK")


def free_port() -> int:
    """A loopback port nothing listens on."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def start(
    command: list[str], env: dict[str, str], port: int, stdout: int = subprocess.DEVNULL
) -> tuple[subprocess.Popen[bytes], float]:
    """Start a server; return it and the seconds until its first 200 on /readyz (or any answer from a bare app)."""
    began = time.perf_counter()
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=stdout, stderr=subprocess.DEVNULL)
    while True:
        try:
            if httpx2.get(f"http://127.0.0.1:{port}/readyz").status_code in (200, 404):
                return process, time.perf_counter() - began
        except httpx2.TransportError:
            if process.poll() is not None:
                raise RuntimeError(f"{command} exited with {process.returncode}") from None
            time.sleep(0.005)


def wrk(url: str, threads: int, connections: int, seconds: int, script: Path | None = None) -> dict[str, float]:
    """Run wrk once; return requests/s, p50 and p99 in milliseconds, requests and errors."""
    command = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--latency", url]
    if script is not None:
        command[1:1] = ["-s", str(script)]
    out = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    latency = {m.group(1): _ms(m.group(2)) for m in re.finditer(r"^\s+(50|99)%\s+(\S+)", out, re.M)}
    errors = sum(int(n) for n in re.findall(r"(?:connect|read|write|timeout) (\d+)", out))
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),  # type: ignore[union-attr]
        "p50": latency["50"],
        "p99": latency["99"],
        "requests": float(re.search(r"(\d+) requests in", out).group(1)),  # type: ignore[union-attr]
        "errors": float(errors + (int(non_2xx.group(1)) if non_2xx else 0)),
    }


def _ms(text: str) -> float:
    value, unit = re.match(r"([\d.]+)(\w+)", text).groups()  # type: ignore[union-attr]
    return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]


def rss_mb(pid: int) -> float:
    """Resident memory of a process, in MB."""
    status = Path(f"/proc/{pid}/status").read_text()
    return int(re.search(r"VmRSS:\s+(\d+) kB", status).group(1)) / 1024  # type: ignore[union-attr]


def process_tree(pid: int) -> list[int]:
    """A process and all its descendants."""
    found = [pid]
    for task in Path(f"/proc/{pid}/task").iterdir():
        for child in (task / "children").read_text().split():
            found += process_tree(int(child))
    return found


def cpu_seconds(pids: list[int]) -> float:
    """User and system CPU time these processes have used."""
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except FileNotFoundError:  # it has exited, such as nginx's cache loader a minute after start
            continue
        total += int(fields[11]) + int(fields[12])
    return total / TICK


@dataclass
class Server:
    """One server under test: its name, process, port, and (for lnst-api with the log on) the lines it logged."""

    name: str
    process: subprocess.Popen[bytes]
    port: int
    startup: float = 0.0
    log_file: Path | None = None  # what the access log wrote, collected

    def url(self, path: str) -> str:
        """A URL on this server."""
        return f"http://127.0.0.1:{self.port}{path}"

    def stop(self) -> None:
        """Stop it and wait."""
        if self.name.startswith("nginx"):
            nginx_edge.stop(self.process)
            return
        self.process.terminate()
        self.process.wait(timeout=20)


def logged(path: Path) -> tuple[int, int]:
    """The request lines an access log holds, and the lines it reports dropped."""
    data = path.read_bytes()
    return data.count(b'"request_id"'), sum(int(n) for n in re.findall(rb'"dropped": (\d+)', data))


def start_api(workers: int, log: bool, work: Path) -> Server:
    """lnst-api serve, as deployed: with the log on, its stdout a pipe that a collector (`cat`, into a file under
    work) reads, as a container runtime or journald would."""
    port = free_port()
    env = {**os.environ, "LNST_ACCESS_LOG": "true" if log else "false"}
    command = [sys.executable, "-m", "app.cli", "serve", "--port", str(port), "--workers", str(workers)]
    name = f"lnst-api serve, log {'on' if log else 'off'}, {workers} worker{'s' if workers > 1 else ''}"
    if not log:
        process, startup = start(command, env, port)
        return Server(name, process, port, startup)
    log_file = work / f"access-{port}.log"
    with log_file.open("wb") as out:
        collector = subprocess.Popen(["cat"], stdin=subprocess.PIPE, stdout=out)
    assert collector.stdin is not None
    process, startup = start(command, env, port, stdout=collector.stdin.fileno())
    collector.stdin.close()  # the server holds the only write end: cat ends when the server does
    return Server(name, process, port, startup, log_file)


def start_bare(workers: int, bodies: Path) -> Server:
    """A bare uvicorn ASGI app answering the same paths with the same bytes, no log, no Server header."""
    port = free_port()
    env = {**os.environ, "BARE_BODIES": str(bodies), "PYTHONPATH": str(ROOT / "bench")}
    command = [sys.executable, "-m", "uvicorn", "bare_app:app", "--port", str(port), "--workers", str(workers), *UVICORN]
    process, _ = start(command, env, port)
    return Server(f"bare uvicorn, {workers} worker{'s' if workers > 1 else ''}", process, port)


def start_edge(work: Path, upstream: Server) -> Server:
    """deploy/nginx.conf with one worker in front of a server."""
    port = free_port()
    (work / "edge").mkdir()
    conf = nginx_edge.edge_config(work / "edge", port, upstream.port, workers=1)
    return Server("nginx + lnst-api (cache warm)", nginx_edge.start(conf, port), port)


def start_static(work: Path, bodies: dict[str, bytes], like_the_edge: bool) -> Server:
    """nginx with one worker serving the same bytes as static files: configured as the edge is (its log included),
    or the plainest way (no log)."""
    name = "static-edge" if like_the_edge else "static"
    root = work / name / "files"
    root.mkdir(parents=True)
    for path, file in STATIC_FILES.items():
        (root / file).write_bytes(bodies[path])
    port = free_port()
    conf = nginx_edge.static_config(work / name, port, root, workers=1, like_the_edge=like_the_edge)
    what = "nginx static file, as the edge (log on)" if like_the_edge else "nginx static file, plain (no log)"
    return Server(what, nginx_edge.start(conf, port), port)


def measure(server: Server, path: str, args: argparse.Namespace, script: Path | None = None) -> dict[str, float]:
    """One warm-up second, then one measured run; with the server's CPU time per request."""
    url, pids = server.url(path), process_tree(server.process.pid)
    warm = wrk(url, args.threads, args.connections, 1, script)
    before = cpu_seconds(pids)
    result = wrk(url, args.threads, args.connections, args.seconds, script)
    result["cpu_us"] = (cpu_seconds(pids) - before) / max(result["requests"], 1) * 1e6
    result["sent"] = warm["requests"] + result["requests"]
    return result


def alternate(runs: list[tuple[Server, str, Path | None]], args: argparse.Namespace) -> list[dict[str, float]]:
    """Every run measured in turn, args.rounds times over; the mean of each."""
    results: list[list[dict[str, float]]] = [[] for _ in runs]
    for _ in range(args.rounds):
        for found, (server, path, script) in zip(results, runs, strict=True):
            found.append(measure(server, path, args, script))
    means = [{key: sum(r[key] for r in found) / len(found) for key in found[0]} for found in results]
    for mean, found in zip(means, results, strict=True):
        mean["sent"] = sum(r["sent"] for r in found)
    return means


def line(endpoint: str, name: str, result: dict[str, float], against: dict[str, float] | None = None, what: str = "") -> None:
    """One row of figures, with its ratio to another row."""
    ratio = ""
    if against is not None:
        ratio = f"  {result['rps'] / against['rps']:.2f} of {what} (p99 {result['p99'] / against['p99']:.2f}x)"
    figures = f"{result['rps']:>8.0f} {result['p50']:>7.2f} {result['p99']:>7.2f} {result['cpu_us']:>8.1f}"
    print(f"{endpoint:<15} {name:<40} {figures}{ratio}")


def production(servers: dict[str, Server], args: argparse.Namespace) -> dict[str, dict[str, float]]:
    """lnst-api serve (log on, 1 and 2 workers; log off as a variant) against the bare app, each endpoint."""
    print(f"{'endpoint':<15} {'server':<40} {'req/s':>8} {'p50 ms':>7} {'p99 ms':>7} {'CPU µs':>8}  ratio")
    order = ["bare1", "on1", "bare2", "on2", "off1"]
    against = {"on1": "bare1", "on2": "bare2", "off1": "bare1"}
    measured: dict[str, dict[str, float]] = {}
    for endpoint, path in [*ENDPOINTS.items(), ("search, seen", SEARCH)]:
        chosen = order if path != SEARCH else ["bare1", "on1"]
        results = dict(zip(chosen, alternate([(servers[k], path, None) for k in chosen], args), strict=True))
        for key, result in results.items():
            base = results.get(against.get(key, ""))
            line(endpoint, servers[key].name, result, base, servers[against[key]].name if base else "")
        measured.update({f"{endpoint}/{key}": result for key, result in results.items()})
    return measured


def unseen_search(servers: dict[str, Server], work: Path, args: argparse.Namespace) -> dict[str, float]:
    """A search whose q is new every time (log on, 1 worker) against the bare app answering one search."""
    script = work / "unique.lua"
    script.write_text(UNIQUE_SEARCH % quote("高新技术企业认定"))
    bare, fresh = alternate([(servers["bare1"], SEARCH, None), (servers["on1"], "/", script)], args)
    line("search, new q", servers["on1"].name, fresh, bare, "the bare app's search")
    return fresh


def behind_the_edge(servers: dict[str, Server], bodies: dict[str, bytes], work: Path, args: argparse.Namespace) -> None:
    """nginx static files (configured as the edge is, and plain), nginx + lnst-api with its cache warm, and bare
    uvicorn, on each endpoint."""
    like, plain = start_static(work, bodies, like_the_edge=True), start_static(work, bodies, like_the_edge=False)
    edge = start_edge(work, servers["on1"])
    servers.update(static_edge=like, static=plain, edge=edge)
    for path in ENDPOINTS.values():
        for _ in range(3):
            assert httpx2.get(edge.url(path), headers={"Accept-Encoding": ""}).status_code == 200
    print(f"{'endpoint':<15} {'server':<40} {'req/s':>8} {'p50 ms':>7} {'p99 ms':>7} {'CPU µs':>8}  ratio")
    for endpoint, path in ENDPOINTS.items():
        file = "/" + STATIC_FILES[path]
        runs = [(like, file, None), (plain, file, None), (edge, path, None), (servers["bare1"], path, None)]
        like_result, plain_result, edge_result, bare_result = alternate(runs, args)
        line(endpoint, like.name, like_result)
        line(endpoint, plain.name, plain_result)
        line(endpoint, edge.name, edge_result, like_result, "static as the edge")
        line(endpoint, "", edge_result, plain_result, "plain static")
        line(endpoint, "", edge_result, bare_result, "bare uvicorn, 1 worker")
        line(endpoint, servers["bare1"].name, bare_result)


def main() -> None:
    """Start every server, measure, print the figures, stop them all."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=5)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--rounds", type=int, default=2, help="alternate the servers this many times; report the means")
    parser.add_argument("--no-edge", action="store_true", help="leave out the nginx figures")
    args = parser.parse_args()
    if shutil.which("wrk") is None or not (args.no_edge or nginx_edge.available()):
        sys.exit("needs Debian's wrk and nginx: apt-get install wrk nginx")
    work = Path(tempfile.mkdtemp())
    servers: dict[str, Server] = {}
    try:
        servers["on1"] = start_api(1, True, work)
        paths = [*ENDPOINTS.values(), SEARCH]
        bodies = {path: httpx2.get(servers["on1"].url(path), headers={"Accept-Encoding": ""}).content for path in paths}
        (work / "bodies.json").write_text(json.dumps({p: b.decode() for p, b in bodies.items()}, ensure_ascii=False))
        servers.update(on2=start_api(2, True, work), off1=start_api(1, False, work))
        servers.update(bare1=start_bare(1, work / "bodies.json"), bare2=start_bare(2, work / "bodies.json"))
        memory = [rss_mb(servers["on1"].process.pid)]
        print(f"machine: {os.cpu_count()} cores; load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
        print(f"load: wrk -t{args.threads} -c{args.connections} -d{args.seconds}s --latency, {args.rounds} alternating rounds")
        print("log on: one JSON line per request on stdout, a pipe `cat` copies to a file; bare: no log, no Server header")
        print("CPU µs: the server's CPU time per request (all its processes)\n")
        measured = production(servers, args)
        fresh = unseen_search(servers, work, args)
        memory.append(rss_mb(servers["on1"].process.pid))
        for key in ("on2", "off1", "bare2"):
            servers.pop(key).stop()
        if not args.no_edge:
            print("\nbehind the caching edge: deploy/nginx.conf, one nginx worker, its JSON access log on (buffered)")
            behind_the_edge(servers, bodies, work, args)
        sent = fresh["sent"] + sum(r["sent"] for key, r in measured.items() if key.endswith("/on1"))
        summary(servers["on1"], memory, sent)
    finally:
        for server in servers.values():
            server.stop()
        shutil.rmtree(work, ignore_errors=True)


def summary(server: Server, memory: list[float], sent: float) -> None:
    """Start-up, memory, what the access log wrote, and the load average after."""
    time.sleep(0.5)  # the last access log lines
    lines, dropped = logged(server.log_file) if server.log_file else (0, 0)
    print(f"\nstart-up of {server.name}: {server.startup:.2f} s to the first 200 on /readyz")
    print(f"resident memory of {server.name}: {memory[0]:.1f} MB after start-up, {memory[1]:.1f} MB after the runs")
    print(f"access log of {server.name}: {lines:,} lines for the {sent:,.0f} requests wrk sent it, {dropped} dropped")
    print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
