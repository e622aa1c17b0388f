"""Start-up time: `open_store(Settings())` and importing the server's code, each checkout in fresh subprocesses, alternately.

What is imported is what the server imports: `app.server.worker` where a checkout has one (it imports `app.main`, and
decides how the collector runs during start-up), else `app.main`.

Usage: python bench/startup.py [--baseline DIR] [--rounds N] [CHECKOUT]

Every run is a new interpreter (this one's, so the same dependencies) started in the checkout with the checkout
first on PYTHONPATH, so it loads that checkout's code and its bundled data file. Rounds alternate baseline and
checkout so that a change in the machine's load falls on both. Medians of wall and CPU time (time.process_time) are
printed; the machine has few cores and may be shared, so the CPU figures are the ones to compare.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent
CHILD = """
import importlib, importlib.util, json, sys, time
entry = "app.server.worker" if importlib.util.find_spec("app.server.worker") else "app.main"  # what the server imports
wall, cpu = time.perf_counter(), time.process_time()
importlib.import_module(entry)
import_wall, import_cpu = time.perf_counter() - wall, time.process_time() - cpu
import app.main
from app.config import Settings
from app.data.store import open_store
settings = Settings()
wall, cpu = time.perf_counter(), time.process_time()
store = open_store(settings)
open_wall, open_cpu = time.perf_counter() - wall, time.process_time() - cpu
print(json.dumps({"import_wall": import_wall, "import_cpu": import_cpu, "open_wall": open_wall, "open_cpu": open_cpu,
                  "module": app.main.__file__}))
"""
FIGURES = ("open_cpu", "open_wall", "import_cpu", "import_wall")


def run_once(checkout: Path) -> dict[str, float]:
    """One fresh interpreter in `checkout`: its times, in seconds."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("LNST_")}
    env["PYTHONPATH"] = str(checkout)
    result = subprocess.run([sys.executable, "-c", CHILD], cwd=checkout, env=env, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise SystemExit(f"{checkout}: the child failed\n{result.stderr}")
    found: dict[str, object] = json.loads(result.stdout.strip().splitlines()[-1])
    module = Path(str(found.pop("module"))).resolve()
    if not module.is_relative_to(checkout):
        raise SystemExit(f"{checkout}: loaded {module}, not this checkout's code")
    return {key: float(str(value)) for key, value in found.items()}


def measure(checkouts: list[Path], rounds: int) -> dict[Path, dict[str, float]]:
    """Median milliseconds of each figure for each checkout, after one discarded warm-up run each."""
    samples: dict[Path, list[dict[str, float]]] = {checkout: [] for checkout in checkouts}
    for checkout in checkouts:
        run_once(checkout)
    for _ in range(rounds):
        for checkout in checkouts:
            samples[checkout].append(run_once(checkout))
    return {
        checkout: {key: 1000 * statistics.median(run[key] for run in runs) for key in FIGURES}
        for checkout, runs in samples.items()
    }


def report(medians: dict[Path, dict[str, float]], checkout: Path, baseline: Path | None) -> None:
    """A table of medians, then the growth against the baseline."""
    print(f"{'checkout':<40} {'open CPU':>9} {'open wall':>10} {'import CPU':>11} {'import wall':>12}  (median ms)")
    for path, figures in medians.items():
        print(f"{str(path):<40} " + " ".join(f"{figures[key]:>{w}.1f}" for key, w in zip(FIGURES, (9, 10, 11, 12), strict=True)))
    if baseline is None:
        return
    now, before = medians[checkout], medians[baseline]
    for key in FIGURES:
        print(f"{key:<12} {now[key] - before[key]:+8.1f} ms  ({now[key] / before[key]:.2f}x the baseline)")
    print("Compare the CPU figures: wall time also counts waiting for a core, which other work on the machine takes.")


def main() -> None:
    """Parse the arguments, measure alternately, print the medians and the load average around the run."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("checkout", nargs="?", type=Path, default=HERE, help="the checkout to measure (default: this one)")
    parser.add_argument("--baseline", type=Path, help="another checkout to compare with, e.g. /tmp/before")
    parser.add_argument("--rounds", type=int, default=7, help="fresh runs of each checkout (default 7)")
    args = parser.parse_args()
    checkout = args.checkout.resolve()
    baseline = args.baseline.resolve() if args.baseline else None
    checkouts = [baseline, checkout] if baseline else [checkout]
    print("load average before: {:.2f} {:.2f} {:.2f}".format(*os.getloadavg()), f"({os.cpu_count()} cores)")
    medians = measure(checkouts, args.rounds)
    print("load average after:  {:.2f} {:.2f} {:.2f}".format(*os.getloadavg()))
    print(f"{args.rounds} rounds, fresh interpreter each ({sys.executable})")
    report(medians, checkout, baseline)


if __name__ == "__main__":
    main()
