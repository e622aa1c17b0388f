"""Mistyped homophones: a query's stretch one same-sounding character off a subject term (公基金 for 公积金), read as the term."""

# Also 残疾正 for 残疾证. The sounds are those of the common characters in homophones.txt (written by
# tools/homophones.py), so nothing is looked up at run time.

from collections.abc import Iterable
from functools import cache
from pathlib import Path

from app.search.text import HAN, chinese_runs

TABLE = Path(__file__).with_name("homophones.txt")
SHORTEST = 3  # a two-character term mended by sound would take too many words for another (科技 / 可及)
LONG_ENOUGH = 4  # a term this long may be mended even where a word of grammar was typed for one of its characters
MENDED_CHARACTERS = 120  # Chinese is mended only this far into a query: a longer text is not a typed question
# Words of grammar are not taken for a mistyped character of a shorter term: 全省科技创新要怎么规划 has no 创新药
# (innovative drugs) in it.
GRAMMAR = frozenset(
    "的地得了着过是在有和与及或也都就还又要会能可把被给让向对从为以于而但并之其这那哪谁什么吗呢吧啊我你他她它们个些一不没很太更最已再才只"
)


@cache
def sounds() -> dict[str, str]:
    """Each common character's commonest toneless reading."""
    found: dict[str, str] = {}
    for line in TABLE.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            reading, characters = line.split(" ", 1)
            found.update(dict.fromkeys(characters, reading))
    return found


def _same_sound(typed: str, meant: str, grammar_too: bool = False) -> bool:
    sound = sounds().get(typed)
    return typed != meant and (grammar_too or typed not in GRAMMAR) and sound is not None and sound == sounds().get(meant)


class Speller:
    """The terms a query may be mended towards, found by the term with each of its characters left out."""

    def __init__(self, terms: Iterable[str]) -> None:
        self.terms = set(terms)
        self.by_gap: dict[str, list[str]] = {}
        for term in self.terms:
            if len(term) >= SHORTEST and len(HAN.findall(term)) == len(term):
                for i in range(len(term)):
                    self.by_gap.setdefault(f"{term[:i]}?{term[i + 1 :]}", []).append(term)
        self.lengths = sorted({len(gapped) for gapped in self.by_gap})  # of the terms that may be mended towards
        self.named_lengths = sorted({len(term) for term in self.terms if len(term) > 1})  # of every term, to see it named

    # Not where the stretch runs into a term the text names as written, unless the term it stands for holds that one
    # (科技特派元 may be 科技特派员, which holds 科技); no word of grammar is taken for a typo in a term shorter than
    # LONG_ENOUGH; of the stretches that hold one another, the longest.
    def mended(self, text: str) -> dict[str, str]:
        """Each stretch of the text that is a term but for one mistyped homophone, with the term it stands for."""
        found: dict[str, str] = {}
        budget = MENDED_CHARACTERS
        for run in chinese_runs(text):
            if budget <= 0:
                break
            run, budget = run[:budget], budget - len(run)
            named = [
                (start, run[start : start + n])
                for n, start in _windows(run, self.named_lengths)
                if run[start : start + n] in self.terms
            ]
            for length, start in _windows(run, self.lengths):
                window = run[start : start + length]
                for i, typed in enumerate(window):
                    for term in self.by_gap.get(f"{window[:i]}?{window[i + 1 :]}", ()):
                        crossed = [w for at, w in named if at < start + length and start < at + len(w) and w not in term]
                        long_term = len(term) >= LONG_ENOUGH  # 人工只能 is 人工智能: three more characters say so
                        if _same_sound(typed, term[i], long_term) and term not in text and not crossed:
                            found[window] = term
        return {typed: term for typed, term in found.items() if not any(typed != other and typed in other for other in found)}


def _windows(run: str, lengths: list[int]) -> list[tuple[int, int]]:
    """Every (length, start) of a stretch of the run of one of these lengths."""
    return [(n, start) for n in lengths if n <= len(run) for start in range(len(run) - n + 1)]
