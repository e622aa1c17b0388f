"""Sustained load: `lnst-api serve --workers 2` under concurrent wrk load on a mix of endpoints.

Reports requests served, errors (anything but 2xx/3xx, and socket errors; target 0), latency p50/p99,
and the resident memory of the server (master and workers) after warm-up and at the end; exits 1 if
there were errors or memory grew by more than --max-growth percent. The mix: lists, single items, CSV,
JSON-LD, repeated and never-seen searches, conditional requests that get 304, and br/gzip answers.

    .venv/bin/python bench/sustained_load.py                 # 60 s, the figures for docs/performance.md
    .venv/bin/python bench/sustained_load.py --seconds 3     # the CI smoke run (tests/test_load.py)

Needs Debian's wrk (apt-get install wrk)."""

import argparse
import os
import shutil
import sys
import tempfile
from pathlib import Path
from urllib.parse import quote

import httpx2
from http_bench import free_port, rss_mb, start, wrk

SEEN_QUERIES = ["高企认定归哪个处管", "外国专家来辽工作", "科研诚信", "双创", "技术市场"]


def server_pids(master: int) -> list[int]:
    """The master process and its children (the workers, and multiprocessing's helper)."""
    children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
    return [master, *(int(pid) for pid in children)]


def mix(base: str) -> list[tuple[str, dict[str, str], bool]]:
    """(path, headers, unseen) for each kind of request; unseen paths get a fresh suffix every time."""
    etag = httpx2.get(base + "/v1/duties/7").headers["etag"]
    list_etag = httpx2.get(base + "/v1/divisions", headers={"Accept-Encoding": "br"}).headers["etag"]
    entries: list[tuple[str, dict[str, str], bool]] = [
        ("/v1", {}, False),
        ("/v1/duties", {"Accept-Encoding": "br"}, False),
        ("/v1/divisions", {"Accept-Encoding": "gzip"}, False),
        ("/v1/mandates?limit=10&offset=20", {}, False),
        ("/v1/duties/7", {}, False),
        ("/v1/divisions/" + quote("人事处"), {}, False),
        ("/v1/honours", {"Accept": "text/csv"}, False),
        ("/v1/export.jsonld", {"Accept-Encoding": "br"}, False),
        ("/v1/duties/7", {"If-None-Match": etag}, False),
        ("/v1/divisions", {"If-None-Match": list_etag, "Accept-Encoding": "br"}, False),
        ("/v1/matrix?format=csv", {"Accept-Encoding": "gzip"}, False),
    ]
    entries += [(f"/v1/divisions?limit=3&q={quote(q)}", {"Accept-Encoding": "br"}, False) for q in SEEN_QUERIES]
    entries += [("/v1/search?limit=5&q=" + quote("科技创新"), {}, True), ("/v1/divisions?q=" + quote("项目管理"), {}, True)]
    return entries


def lua_script(entries: list[tuple[str, dict[str, str], bool]]) -> str:
    """A wrk script that walks the mix in turn; unseen searches get a counter appended, so each is new."""
    rows = []
    for path, headers, unseen in entries:
        header_table = ", ".join(f'["{name}"] = "{value.replace(chr(34), chr(92) + chr(34))}"' for name, value in headers.items())
        rows.append(f'  {{path = "{path}", headers = {{{header_table}}}, unseen = {str(unseen).lower()}}},')
    return (
        "local mix = {\n" + "\n".join(rows) + "\n}\n"
        "local counter = 0\n"
        "function setup(thread) thread:set('offset', math.random(1, 1000000) * 100000) end\n"
        "request = function()\n"
        "  counter = counter + 1\n"
        "  local entry = mix[counter % #mix + 1]\n"
        "  local path = entry.path\n"
        "  if entry.unseen then path = path .. (offset or 0) + counter end\n"
        "  return wrk.format('GET', path, entry.headers)\n"
        "end\n"
    )


def main() -> int:
    """Run the load, print the figures, exit 1 on errors or memory growth."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=60, help="measured load, after warm-up (default 60)")
    parser.add_argument("--warm-up", type=int, default=10, help="seconds of the same load before memory is first read")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--max-growth", type=float, default=10.0, help="percent of resident memory growth allowed")
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        print("wrk is not installed: apt-get install wrk", file=sys.stderr)
        return 2
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    env = {**os.environ, "LNST_ACCESS_LOG": "false"}
    command = [sys.executable, "-m", "app.cli", "serve", "--port", str(port), "--workers", str(args.workers)]
    process, ready = start(command, env, port)
    try:
        with tempfile.TemporaryDirectory() as folder:
            script = Path(folder) / "mix.lua"
            entries = mix(base)
            script.write_text(lua_script(entries), encoding="utf-8")
            warm = wrk(base + "/", args.threads, args.connections, args.warm_up, script)
            pids = server_pids(process.pid)
            before = {pid: rss_mb(pid) for pid in pids}
            result = wrk(base + "/", args.threads, args.connections, args.seconds, script)
            after = {pid: rss_mb(pid) for pid in pids}
            alive = process.poll() is None and httpx2.get(base + "/readyz").status_code == 200
    finally:
        process.terminate()
        process.wait(timeout=10)
    growth = (sum(after.values()) / sum(before.values()) - 1) * 100
    print(f"sustained load: lnst-api serve --workers {args.workers}, ready after {ready:.2f} s")
    load = f"wrk -t{args.threads} -c{args.connections}, {len(entries)} kinds of request in turn"
    print(f"load: {load}, {args.seconds} s after {args.warm_up} s of warm-up")
    print(f"requests served: {result['requests']:,.0f} ({result['rps']:,.0f}/s); warm-up {warm['requests']:,.0f} more")
    print(f"errors: {result['errors'] + warm['errors']:.0f} (non-2xx/3xx answers and socket errors, warm-up included)")
    print(f"latency: p50 {result['p50']:.2f} ms, p99 {result['p99']:.2f} ms")
    for pid in pids:
        role = "master" if pid == process.pid else "child"
        print(f"resident memory, {role} {pid}: {before[pid]:.1f} MB after warm-up, {after[pid]:.1f} MB at the end")
    print(f"resident memory in all: {sum(before.values()):.1f} MB -> {sum(after.values()):.1f} MB ({growth:+.1f}%)")
    print(f"server still ready afterwards: {alive}")
    failed = result["errors"] + warm["errors"] > 0 or growth > args.max_growth or not alive
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
