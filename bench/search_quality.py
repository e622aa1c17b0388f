"""Search quality on bench/search_eval.yaml: top-1 accuracy and MRR, against baselines in the same run."""

import re
import sqlite3
from collections.abc import Callable

import yaml
from common import ROOT

from app.config import Settings
from app.search import SearchIndex, find_divisions
from app.store import Store, open_store

Ranker = Callable[[str], list[str]]


def project(store: Store, index: SearchIndex) -> Ranker:
    """This project's ranker: bigrams, phrase boosts, normalisation, fillers, abbreviations."""
    ids = {d.n: d.id for d in store.divisions}
    return lambda q: [ids[int(f.ref)] for f in find_divisions(index, q)]


def substring(store: Store) -> Ranker:
    """Baseline: the whole query as a substring (what SQL LIKE '%q%' finds), divisions by matching items."""

    def rank(q: str) -> list[str]:
        counts = {d.id: sum(q in text for text in [d.name, *(i.text for i in d.mandate)]) for d in store.divisions}
        return [i for i, c in sorted(counts.items(), key=lambda kv: -kv[1]) if c]

    return rank


def fts5_trigram(store: Store) -> Ranker:
    """Baseline: SQLite FTS5 with the trigram tokenizer, ranked by bm25."""
    db = sqlite3.connect(":memory:")
    db.execute("CREATE VIRTUAL TABLE doc USING fts5(division, text, tokenize='trigram')")
    for d in store.divisions:
        db.executemany("INSERT INTO doc VALUES (?, ?)", [(d.id, t) for t in [d.name, *(i.text for i in d.mandate)]])

    def rank(q: str) -> list[str]:
        terms = [t for t in re.split(r"[\s\W]+", q) if t]
        if not terms:
            return []
        match = " OR ".join('"' + t.replace('"', '""') + '"' for t in terms)
        rows = db.execute("SELECT division, min(rank) FROM doc WHERE doc MATCH ? GROUP BY division ORDER BY 2", (match,))
        return [row[0] for row in rows]

    return rank


def evaluate(rank: Ranker, cases: list[dict[str, str]]) -> tuple[float, float, int]:
    """Top-1 accuracy, mean reciprocal rank, and how many queries found the right division at all."""
    top1 = reciprocal = found = 0.0
    for case in cases:
        ranked = rank(case["q"])
        if case["division"] in ranked:
            position = ranked.index(case["division"]) + 1
            top1 += position == 1
            reciprocal += 1 / position
            found += 1
    return top1 / len(cases), reciprocal / len(cases), int(found)


def main() -> None:
    """Print the figures for the project's ranker and the baselines."""
    cases = yaml.safe_load((ROOT / "bench" / "search_eval.yaml").read_text(encoding="utf-8"))
    store = open_store(Settings())
    without_abbreviations = SearchIndex(store.search_index.documents, {})
    rankers = {
        "project (bigrams + phrase + normalisation + abbreviations)": project(store, store.search_index),
        "project without abbreviations": project(store, without_abbreviations),
        "baseline: whole-query substring (SQL LIKE)": substring(store),
        "baseline: SQLite FTS5 trigram + bm25": fts5_trigram(store),
    }
    print(f"{len(cases)} queries, {len(store.divisions)} divisions")
    print(f"{'ranker':<62} {'top-1':>7} {'MRR':>7} {'found':>7}")
    for name, rank in rankers.items():
        top1, mrr, found = evaluate(rank, cases)
        print(f"{name:<62} {top1:>7.1%} {mrr:>7.3f} {found:>4}/{len(cases)}")


if __name__ == "__main__":
    main()
