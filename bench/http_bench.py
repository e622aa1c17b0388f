"""HTTP benchmark: this project's server against a bare uvicorn ASGI app returning the same bytes.

Both run in one go on this machine under the same wrk load (default: wrk -t2 -c32 -d10s --latency),
one uvicorn worker each. Prints requests/s, p50 and p99 for both, the ratio project / bare, the time
from process start to the first 200 on /readyz, and resident memory over 100,000 requests.
Needs Debian's wrk (apt-get install wrk).
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
from pathlib import Path
from urllib.parse import quote

import httpx2
from common import ROOT

SEARCH = "/v1/divisions?q=" + quote("高新技术企业认定") + "&limit=3"
ENDPOINTS = {"divisions list": "/v1/divisions", "one division": "/v1/divisions/11", "search": SEARCH}
MIX = ["/v1/divisions", "/v1/divisions/11", SEARCH, "/v1/duties/7", "/v1/search?q=" + quote("科研诚信"), "/v1/mandates?limit=10"]
UNIQUE_SEARCH = """
local i = 0
request = function()
  i = i + 1
  return wrk.format("GET", "/v1/divisions?limit=3&q=%s" .. i)
end
"""
COUNTED = """
local paths = {%s}
local i = 0
local seen = 0
local limit = %d
request = function()
  i = i + 1
  return wrk.format("GET", paths[i %% #paths + 1])
end
response = function(status, headers, body)
  seen = seen + 1
  if seen >= limit then wrk.thread:stop() end
end
"""


def free_port() -> int:
    """A loopback port nothing listens on."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def start(command: list[str], env: dict[str, str], port: int) -> tuple[subprocess.Popen[bytes], float]:
    """Start a server; return it and the seconds until its first 200 on /readyz (or /)."""
    began = time.perf_counter()
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
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


def main() -> None:
    """Measure both servers and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--access-log", action="store_true", help="leave the project's JSON access log on (to /dev/null)")
    parser.add_argument("--rounds", type=int, default=2, help="alternate bare and project this many times; report the means")
    parser.add_argument(
        "--bare-without-server-header",
        action="store_true",
        help="drop uvicorn's Server header from the bare app too (lnst-api serve drops it)",
    )
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        sys.exit("wrk is not installed: apt-get install wrk")
    python = sys.executable
    env = {**os.environ, "LNST_ACCESS_LOG": "true" if args.access_log else "false"}
    project_port, bare_port = free_port(), free_port()
    uvicorn_options = ["--no-access-log", "--log-level", "warning", "--loop", "uvloop", "--http", "httptools"]
    serve = [
        python,
        "-m",
        "app.cli",
        "serve",
        "--port",
        str(project_port),
        "--no-access-log" if not args.access_log else "--access-log",
    ]
    project, startup = start(serve, env, project_port)
    work = Path(tempfile.mkdtemp())
    try:
        base = f"http://127.0.0.1:{project_port}"
        bodies = {path: httpx2.get(base + path).text for path in ENDPOINTS.values()}
        (work / "bodies.json").write_text(json.dumps(bodies, ensure_ascii=False), encoding="utf-8")
        bare_env = {**env, "BARE_BODIES": str(work / "bodies.json"), "PYTHONPATH": str(ROOT / "bench")}
        bare_command = [python, "-m", "uvicorn", "bare_app:app", "--port", str(bare_port), *uvicorn_options]
        bare, _ = start(bare_command + (["--no-server-header"] if args.bare_without_server_header else []), bare_env, bare_port)
        try:
            print(f"machine: {os.cpu_count()} cores, load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
            print(
                f"load: wrk -t{args.threads} -c{args.connections} -d{args.seconds}s --latency, {args.rounds} alternating rounds"
            )
            print("project: lnst-api serve (uvicorn, 1 worker, uvloop, httptools, no Server header)")
            server_header = "no Server header" if args.bare_without_server_header else "uvicorn defaults, Server header on"
            print(f"bare: uvicorn bare_app:app (1 worker, uvloop, httptools, {server_header})")
            print(f"project access log: {'on' if args.access_log else 'off'}")
            print(f"{'endpoint':<16} {'server':<8} {'req/s':>9} {'p50 ms':>8} {'p99 ms':>8}")
            search_bare = 0.0
            for name, path in ENDPOINTS.items():
                runs: dict[str, list[dict[str, float]]] = {"bare": [], "project": []}
                for _ in range(args.rounds):
                    for label, port in (("bare", bare_port), ("project", project_port)):
                        wrk(f"http://127.0.0.1:{port}{path}", args.threads, args.connections, 2)  # warm-up
                        runs[label].append(wrk(f"http://127.0.0.1:{port}{path}", args.threads, args.connections, args.seconds))
                results = {label: {k: sum(r[k] for r in rs) / len(rs) for k in rs[0]} for label, rs in runs.items()}
                for label, r in results.items():
                    print(f"{name:<16} {label:<8} {r['rps']:>9.0f} {r['p50']:>8.2f} {r['p99']:>8.2f}")
                search_bare = results["bare"]["rps"]  # the last endpoint is the search
                ratio = results["project"]["rps"] / results["bare"]["rps"]
                p99 = results["project"]["p99"] / results["bare"]["p99"]
                print(f"{name:<16} ratio project/bare: req/s {ratio:.2f}, p99 {p99:.2f}x")
        finally:
            bare.terminate()
            bare.wait(timeout=10)
        print(f"start-up: process start to first 200 on /readyz: {startup:.2f} s")
        script = work / "counted.lua"
        paths = ", ".join(json.dumps(p) for p in MIX)
        script.write_text(COUNTED % (paths, 10_000 // args.threads))
        memory = [rss_mb(project.pid)]
        served = errors = 0.0
        for _ in range(10):
            result = wrk(base + "/", args.threads, args.connections, 60, script)
            served += result["requests"]
            errors += result["errors"]
            memory.append(rss_mb(project.pid))
        print(f"memory: {served:.0f} requests over a mix of {len(MIX)} endpoints, {errors:.0f} errors")
        print("resident MB at start and after each 10,000: " + " ".join(f"{m:.1f}" for m in memory))
        print(f"growth from the 2nd to the 10th 10,000: {memory[10] - memory[2]:+.1f} MB")
        unique = work / "unique.lua"
        unique.write_text(UNIQUE_SEARCH % quote("高新技术企业认定"))
        fresh = wrk(base + "/", args.threads, args.connections, args.seconds, unique)
        print(f"{'search, new q':<16} {'project':<8} {fresh['rps']:>9.0f} {fresh['p50']:>8.2f} {fresh['p99']:>8.2f}")
        print(f"{'search, new q':<16} ratio to bare's search: req/s {fresh['rps'] / search_bare:.2f} (every query unseen)")
        print(f"resident MB after {fresh['requests']:.0f} unseen searches: {rss_mb(project.pid):.1f} (kept answers are capped)")
        print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    finally:
        project.terminate()
        project.wait(timeout=10)
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
