"""The search evaluation: which division a ranker puts first for each question, scored per category and per half.

bench/search_eval.yaml is the tuning half; bench/search_eval_test.yaml the test half, written apart from the ranker
and the subject index and never tuned on. bench/search_eval_dev.yaml holds new questions written from the regulation
before the ranker saw them: measured once as they were, then folded into the tuning half. Categories: literal, reworded,
field_term, colloquial, english, out_of_remit (older entries of the tuning half with other kinds are literal-text
queries: reported as `literal`). An out-of-remit question may list `agencies` (acceptable names of the agency it
belongs to) and its `level`: it then also counts as referred when the response's referral names one of them (compared
by `same_agency`)."""

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from app.data.data_file import SafeLoader

BENCH = Path(__file__).resolve().parent
HALVES = {"tuning": BENCH / "search_eval.yaml", "test": BENCH / "search_eval_test.yaml"}
DEV = BENCH / "search_eval_dev.yaml"  # not a half: new questions, measured before tuning, then copied into the tuning half
CATEGORIES = ["literal", "reworded", "field_term", "colloquial", "english", "out_of_remit"]
Answer = list[tuple[str, str]]  # (division id, confidence), best first
Ranker = Callable[[str], Answer]
Referral = tuple[str, str] | None  # the referral's agency: (Chinese name, level), or none
Referrer = Callable[[str], Referral]
PROVINCE = re.compile(r"^(辽宁省|辽宁|省)")


def load(half: str) -> list[dict[str, Any]]:
    """The questions of one half (or of the dev set), each with its category."""
    path = DEV if half == "dev" else HALVES[half]
    cases: list[dict[str, Any]] = yaml.load(
        path.read_text(encoding="utf-8"), Loader=SafeLoader
    )  # the data file's: libyaml's where PyYAML has it
    for case in cases:
        case["category"] = case["kind"] if case["kind"] in CATEGORIES else "literal"
        case["accepted"] = {case["division"], *case.get("also", [])} - {None}
        case["agencies"] = [normalise_agency(name) for name in case.get("agencies", [])]
    return cases


def normalise_agency(name: str) -> str:
    """An agency's name as compared: no white space, no leading 辽宁省, 辽宁 or 省."""
    return PROVINCE.sub("", re.sub(r"\s+", "", name))


def same_agency(named: str, acceptable: list[str]) -> bool:
    """Whether a referral's agency is one of the acceptable (normalised) names: equal, or one holds the other."""
    name = normalise_agency(named)
    return bool(name) and any(a and (a == name or a in name or name in a) for a in acceptable)


@dataclass
class Score:
    """One category's figures."""

    questions: int = 0
    top1: int = 0
    top3: int = 0
    reciprocal: float = 0.0
    empty: int = 0
    above_low: int = 0  # out of remit: questions with any answer above low
    judged: int = 0  # out of remit: questions that list acceptable agencies
    referred: int = 0  # … whose referral names one of them
    level_right: int = 0  # … and gives the question's level
    misses: list[str] = field(default_factory=list)
    by_confidence: dict[str, list[int]] = field(default_factory=dict)  # confidence of the first answer -> [right, all]

    def line(self) -> str:
        """The figures as one line."""
        n = self.questions or 1
        return f"{self.questions:>4} {self.top1 / n:>7.1%} {self.top3 / n:>7.1%} {self.reciprocal / n:>6.3f} {self.empty:>6}"

    def referral_line(self) -> str:
        """Out of remit: how many questions that list agencies were referred to one of them, and at their level."""
        n = self.judged or 1
        named = f"{self.referred} of {self.judged} ({self.referred / n:.1%}) name an acceptable agency"
        return f"{named}, {self.level_right} at its level"


def evaluate(rank: Ranker, cases: list[dict[str, Any]], refer: Referrer | None = None) -> dict[str, Score]:
    """Scores by category, plus `in remit` (every category but out_of_remit) and `all`; with a referrer, the referrals."""
    scores: dict[str, Score] = {}
    for case in cases:
        answer = rank(case["q"])
        referral = refer(case["q"]) if refer is not None and case["agencies"] else None
        groups = [case["category"], "all"] + (["in remit"] if case["category"] != "out_of_remit" else [])
        for group in groups:
            _count(scores.setdefault(group, Score()), case, answer)
            if refer is not None and case["agencies"]:
                _count_referral(scores[group], case, referral)
    return scores


def _count_referral(score: Score, case: dict[str, Any], referral: Referral) -> None:
    score.judged += 1
    if referral is not None and same_agency(referral[0], case["agencies"]):
        score.referred += 1
        score.level_right += referral[1] == case.get("level")
    else:
        score.misses.append(f"{case['q']} → referral {referral[0] if referral else None} (want {case['agencies'][0]})")


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
