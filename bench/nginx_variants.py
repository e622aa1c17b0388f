"""Measure deploy/nginx.conf against a variant of itself and against nginx serving the same bytes as static files,
in alternating rounds on the same API (log on, 1 worker): requests/s, latency and nginx's CPU time per request.

    python bench/nginx_variants.py --rounds 3 'sendfile on;=>sendfile off;'

Each argument is a replacement, OLD=>NEW, made in the variant's copy of the configuration. Needs Debian's wrk and nginx.
"""

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

import http_bench
import httpx2
import nginx_edge


def variant(work: Path, api: http_bench.Server, replacements: list[tuple[str, str]]) -> http_bench.Server:
    """deploy/nginx.conf with the replacements made, one worker, in front of the API."""
    (work / "variant").mkdir()
    port = http_bench.free_port()
    conf = nginx_edge.edge_config(work / "variant", port, api.port, workers=1)
    text = conf.read_text(encoding="utf-8")
    for old, new in replacements:
        if old not in text:
            sys.exit(f"deploy/nginx.conf does not say {old!r}")
        text = text.replace(old, new)
    conf.write_text(text, encoding="utf-8")
    return http_bench.Server("the variant", nginx_edge.start(conf, port), port)


def main() -> None:
    """Start the API, the static files, the edge and its variant; measure each endpoint in alternating rounds."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("replacements", nargs="+", help="OLD=>NEW, made in the variant's configuration")
    parser.add_argument("--seconds", type=int, default=5)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    if not all("=>" in text for text in args.replacements):
        sys.exit("each replacement is OLD=>NEW")
    replacements = [(old, new) for old, _, new in (text.partition("=>") for text in args.replacements)]
    work, servers = Path(tempfile.mkdtemp()), {}
    try:
        servers["api"] = api = http_bench.start_api(1, True, work)
        bodies = {
            path: httpx2.get(api.url(path), headers={"Accept-Encoding": ""}).content for path in http_bench.ENDPOINTS.values()
        }
        servers["static"] = static = http_bench.start_static(work, bodies, like_the_edge=True)
        servers["edge"] = edge = http_bench.start_edge(work, api)
        servers["variant"] = changed = variant(work, api, replacements)
        for path in http_bench.ENDPOINTS.values():
            for server in (edge, changed):
                for _ in range(3):
                    assert httpx2.get(server.url(path), headers={"Accept-Encoding": ""}).status_code == 200
        print(f"{'endpoint':<15} {'server':<40} {'req/s':>8} {'p50 ms':>7} {'p99 ms':>7} {'CPU µs':>8}  ratio")
        for endpoint, path in http_bench.ENDPOINTS.items():
            runs = [(static, "/" + http_bench.STATIC_FILES[path], None), (edge, path, None), (changed, path, None)]
            files, deployed, other = http_bench.alternate(runs, args)
            http_bench.line(endpoint, static.name, files)
            http_bench.line(endpoint, "deploy/nginx.conf", deployed, files, "static as the edge")
            http_bench.line(endpoint, changed.name, other, files, "static as the edge")
    finally:
        for server in servers.values():
            server.stop()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
