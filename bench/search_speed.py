"""Search speed, in process: the bundled data and a synthetic file 100 times larger.

Prints medians in microseconds and ratios against a baseline measured in the same run
(the same app answering GET /v1/duties/1, which does no search). The response cache is off, so every
request runs the route: these are the times of an unseen query.
"""

import argparse
import asyncio
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote

import yaml
from common import ROOT, median_request_us, median_us

from app.config import Settings
from app.data.store import open_store
from app.main import create_app
from app.search import find_divisions

LARGE = ROOT / "bench" / "out" / "lnst-x100.yaml"
REPEAT = 50


def measure(data_path: Path, label: str, queries: list[str]) -> None:
    """Start-up time, then index-only and whole-request search times for one data file."""
    settings = Settings(data_path=data_path, access_log=False, response_cache=False)  # time the search, not the response cache
    start = time.perf_counter()
    app = create_app(settings)
    app.state.store = store = open_store(settings)
    startup = time.perf_counter() - start
    index = store.search_index
    index_times = sorted(median_us(lambda q=q: find_divisions(index, q), REPEAT) for q in queries)
    request_times = sorted(asyncio.run(median_request_us(app, f"/v1/divisions?q={quote(q)}&limit=5", REPEAT)) for q in queries)
    search_all = sorted(asyncio.run(median_request_us(app, f"/v1/search?q={quote(q)}&limit=10", REPEAT)) for q in queries)
    baseline = asyncio.run(median_request_us(app, "/v1/duties/1", REPEAT * 4))
    middle = len(queries) // 2
    print(
        f"\n== {label}: {len(store.divisions)} divisions, {len(store.mandates)} mandate items, {len(index.documents)} documents"
    )
    print(f"start-up (validate, load tables, build views and index): {startup:.2f} s")
    rows = [
        ("search, index only", index_times),
        ("GET /v1/divisions?q=…&limit=5", request_times),
        ("GET /v1/search?q=…&limit=10", search_all),
    ]
    for what, times in rows:
        print(f"{what:<32} median over queries {times[middle]:8.1f} us, slowest {times[-1]:8.1f} us")
    print(f"{'baseline GET /v1/duties/1':<32} median             {baseline:8.1f} us")
    print(f"ratio divisions-search / baseline: {request_times[middle] / baseline:.2f}x")


def main() -> None:
    """Run both sizes (--bundled-only: the bundled data alone; --sample N: every k-th question, about N of them)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bundled-only", action="store_true", help="skip the 100x file (it takes hours with every question)")
    parser.add_argument("--sample", type=int, default=0, help="time about this many questions, evenly spread (0: all)")
    args = parser.parse_args()
    cases = yaml.safe_load((ROOT / "bench" / "search_eval.yaml").read_text(encoding="utf-8"))
    step = max(1, len(cases) // args.sample) if args.sample else 1
    queries = [case["q"] for case in cases[::step]] + [("高新技术企业认定" * 125)[:1000]]
    print(f"{len(queries)} queries (the evaluation set and one of 1,000 characters), each timed {REPEAT} times")
    measure(ROOT / "data" / "lnst.yaml", "bundled data", queries)
    if args.bundled_only:
        return
    if not LARGE.exists():
        subprocess.run([sys.executable, str(ROOT / "bench" / "make_large_data.py")], check=True)
    measure(LARGE, "synthetic data, 100x", queries)


if __name__ == "__main__":
    main()
