"""Search quality: top-1, top-3 and MRR per category on each half of the evaluation set, out-of-remit answers above
low, the precision of each confidence level, and the ranker without its subject index or English, in one run."""

import argparse
import sys

from common import ROOT
from evaluation import CATEGORIES, Ranker, Referrer, Score, evaluate, load

from app.config import Settings
from app.data.store import Store, open_store
from app.routers.referrals import referral_public
from app.search import SearchIndex, find_divisions


def project(store: Store, index: SearchIndex) -> Ranker:
    """This project's ranker, as the API answers GET /v1/divisions?q=."""
    ids = {d.n: d.id for d in store.divisions}
    return lambda q: [(ids[int(f.ref)], f.confidence) for f in find_divisions(index, q).findings]


def referrer(store: Store, index: SearchIndex) -> Referrer:
    """This project's referral, as the API answers it: the agency's Chinese name and level."""

    def refer(q: str) -> tuple[str, str] | None:
        referral = referral_public(store, find_divisions(index, q))
        return (referral.agency.name, referral.agency.level) if referral is not None else None

    return refer


def report(name: str, scores: dict[str, Score], misses: bool) -> None:
    """Print one ranker's table."""
    print(f"\n{name}\n{'category':<14} {'n':>4} {'top-1':>7} {'top-3':>7} {'MRR':>6} {'empty':>6}")
    for group in [*CATEGORIES, "in remit", "all"]:
        if group in scores:
            print(f"{group:<14} {scores[group].line()}")
    outside = scores.get("out_of_remit", Score())
    print(f"out of remit answered above low: {outside.above_low} of {outside.questions}")
    print(f"out of remit referred: {outside.referral_line()}")
    levels = scores.get("in remit", Score()).by_confidence
    for level in ("high", "medium", "low"):
        right, total = levels.get(level, [0, 0])
        print(f"first answer {level:<6}: {total:>3} questions, precision {right / (total or 1):.1%}")
    if misses:
        for group in CATEGORIES:
            for miss in scores.get(group, Score()).misses:
                print(f"  miss [{group}] {miss}")


def main() -> None:
    """Evaluate on the chosen half (the tuning half by default; the test half is for reporting, never tuning)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--half", choices=["tuning", "test", "dev", "both"], default="tuning")
    parser.add_argument("--misses", action="store_true", help="list the questions the ranker gets wrong (tuning half only)")
    args = parser.parse_args()
    store = open_store(Settings())
    plain = [d for d in store.search_index.documents if d.kind not in ("subject", "outside") and ".text_en" not in d.field]
    rankers = {
        "this project": project(store, store.search_index),
        "without the subject index and English": project(store, SearchIndex(plain, {})),
    }
    for half in ["tuning", "test"] if args.half == "both" else [args.half]:
        cases = load(half)
        print(f"=== {half} half: {len(cases)} questions ({ROOT.name})")
        for name, rank in rankers.items():
            refer = referrer(store, store.search_index) if name == "this project" else None
            report(name, evaluate(rank, cases, refer), args.misses and half in ("tuning", "dev") and name == "this project")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
