"""Search speed of two commits, run in turn on the same questions: whether a change made the index slower.

Each commit is checked out into a temporary worktree and timed in a fresh interpreter with its own data file (the
commit as deployed: code and data together), alternately and in turns that swap which goes first, so that the
machine's load falls on both alike. Prints, for each run, the time of `find_divisions` per question (the best of three
passes over the questions), the load average beside it, and the ratio of the medians (the second against the first).
"""

import argparse
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml
from common import ROOT

# Run inside each worktree: the questions come from this checkout's evaluation set, so both commits time the same ones.
TIMER = """
import sys, time, yaml
sys.path.insert(0, ".")
from app.config import Settings
from app.data.store import open_store
from app.search import find_divisions
questions = yaml.safe_load(sys.stdin.read())
index = open_store(Settings()).search_index
for q in questions[:20]:
    find_divisions(index, q)
best = float("inf")
for _ in range(3):
    start = time.perf_counter()
    for q in questions:
        find_divisions(index, q)
    best = min(best, (time.perf_counter() - start) / len(questions) * 1e6)
print(best)
"""


def time_commit(tree: Path, questions: str) -> float:
    """Microseconds per question in the worktree: the best of three passes."""
    done = subprocess.run([sys.executable, "-c", TIMER], cwd=tree, input=questions, capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"timing {tree} failed:\n{done.stderr}")
    return float(done.stdout.strip())


def _load() -> str:
    """The machine's one-minute load average, or ? where /proc does not give it."""
    loadavg = Path("/proc/loadavg")
    return loadavg.read_text().split()[0] if loadavg.exists() else "?"


def main() -> None:
    """Time two commits in turn, --rounds times each."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("first", help="the baseline commit")
    parser.add_argument("second", nargs="?", default="HEAD", help="the commit compared with it (default HEAD)")
    parser.add_argument("--questions", type=int, default=300, help="how many questions of the tuning half, evenly spread")
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    if args.first == args.second:
        parser.error("name two different commits")
    cases = yaml.safe_load((ROOT / "bench" / "search_eval.yaml").read_text(encoding="utf-8"))
    step = max(1, len(cases) // args.questions)
    questions = yaml.safe_dump([case["q"] for case in cases[::step]][: args.questions], allow_unicode=True)
    times: dict[str, list[float]] = {args.first: [], args.second: []}
    with tempfile.TemporaryDirectory() as scratch:
        trees = {commit: Path(scratch) / f"tree{n}" for n, commit in enumerate(times)}
        try:
            for commit, tree in trees.items():
                subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "-q", "--detach", str(tree), commit], check=True)
            for turn in range(args.rounds):
                for commit in list(trees)[:: 1 if turn % 2 == 0 else -1]:  # who goes first swaps each round
                    times[commit].append(time_commit(trees[commit], questions))
                    print(f"{commit:<12} {times[commit][-1]:8.0f} us a question   load {_load()}", flush=True)
        finally:
            for tree in trees.values():
                subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(tree)], check=False)
            subprocess.run(["git", "-C", str(ROOT), "worktree", "prune"], check=False)
    ratio = statistics.median(times[args.second]) / statistics.median(times[args.first])
    print(f"{args.second} / {args.first}: {ratio:.3f}")


if __name__ == "__main__":
    main()
