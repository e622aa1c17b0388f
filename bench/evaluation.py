"""The search evaluation: which division a ranker puts first for each question, scored per category and per half.

bench/search_eval.yaml is the tuning half; bench/search_eval_test.yaml the test half, written apart from the ranker
and the subject index and never tuned on. Categories: literal, reworded, field_term, colloquial, english,
out_of_remit (older entries of the tuning half with other kinds are literal-text queries: reported as `literal`)."""

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

BENCH = Path(__file__).resolve().parent
HALVES = {"tuning": BENCH / "search_eval.yaml", "test": BENCH / "search_eval_test.yaml"}
CATEGORIES = ["literal", "reworded", "field_term", "colloquial", "english", "out_of_remit"]
Answer = list[tuple[str, str]]  # (division id, confidence), best first
Ranker = Callable[[str], Answer]


def load(half: str) -> list[dict[str, Any]]:
    """The questions of one half, each with its category."""
    cases: list[dict[str, Any]] = yaml.safe_load(HALVES[half].read_text(encoding="utf-8"))
    for case in cases:
        case["category"] = case["kind"] if case["kind"] in CATEGORIES else "literal"
        case["accepted"] = {case["division"], *case.get("also", [])} - {None}
    return cases


@dataclass
class Score:
    """One category's figures."""

    questions: int = 0
    top1: int = 0
    top3: int = 0
    reciprocal: float = 0.0
    empty: int = 0
    above_low: int = 0  # out of remit: questions with any answer above low
    misses: list[str] = field(default_factory=list)
    by_confidence: dict[str, list[int]] = field(default_factory=dict)  # confidence of the first answer -> [right, all]

    def line(self) -> str:
        """The figures as one line."""
        n = self.questions or 1
        return f"{self.questions:>4} {self.top1 / n:>7.1%} {self.top3 / n:>7.1%} {self.reciprocal / n:>6.3f} {self.empty:>6}"


def evaluate(rank: Ranker, cases: list[dict[str, Any]]) -> dict[str, Score]:
    """Scores by category, plus `in remit` (every category but out_of_remit) and `all`."""
    scores: dict[str, Score] = {}
    for case in cases:
        answer = rank(case["q"])
        groups = [case["category"], "all"] + (["in remit"] if case["category"] != "out_of_remit" else [])
        for group in groups:
            _count(scores.setdefault(group, Score()), case, answer)
    return scores


def _count(score: Score, case: dict[str, Any], answer: Answer) -> None:
    score.questions += 1
    score.empty += not answer
    if not case["accepted"]:
        score.above_low += any(confidence != "low" for _, confidence in answer)
        if any(confidence != "low" for _, confidence in answer):
            score.misses.append(f"{case['q']} → {answer[0]}")
        return
    ranked = [division for division, _ in answer]
    position = next((k + 1 for k, division in enumerate(ranked) if division in case["accepted"]), None)
    if position is not None:
        score.top1 += position == 1
        score.top3 += position <= 3
        score.reciprocal += 1 / position
    if position != 1:
        score.misses.append(f"{case['q']} → {answer[0] if answer else None} (want {case['division']})")
    if answer:
        tally = score.by_confidence.setdefault(answer[0][1], [0, 0])
        tally[0] += position == 1
        tally[1] += 1
