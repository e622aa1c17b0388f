"""Referrals: the matter of another agency a query names, and whether it outweighs everything this department does
that the query names."""

import re
from dataclasses import dataclass

from app.search.index import Scored
from app.search.intent import RANKS, named, rank
from app.search.text import words

ANSWERS_WELL = 0.45  # a score of ours that keeps an agency named in passing from deciding (the medium threshold)

# Words that make another agency's matter a field of research (垃圾分类技术研究), not the matter asked about.
RESEARCH = re.compile(r"研究(?!员|生)|研发|攻关|课题|科研项目|科技项目|research(?!er)|r ?& ?d")


@dataclass(frozen=True)
class Referral:
    """Another agency's matter the query names (its subject term) and whether it is the query's matter."""

    hit: Scored
    decisive: bool

    @property
    def term(self) -> str:
        """The matter's term, as the subject index lists it."""
        return self.hit.document.ref


def size(term: str) -> int:
    """How much a term says: Chinese by its characters, English by its words (stop words left out) twice over, so
    "phone number of the department" says no more than 号码 twice."""
    return 2 * len(words(term)) if term.isascii() else len(term)


def referral_of(scored: list[Scored]) -> Referral | None:
    """The longest matter of another agency the query names whole, unless it is part of a longer term of ours; it is
    decisive unless the query names a matter of this department at least as long (programmes and channels do not
    count: 举报 names a channel, 工厂排污 the matter), or asks about research on it (垃圾分类技术研究)."""
    found = named(scored)
    theirs = sorted((s for s in found if s.document.kind == "outside"), key=lambda s: (-size(s.document.normalised), s.position))
    ours = [s.document.normalised for s in found if s.document.kind == "subject"]
    theirs = [s for s in theirs if not any(s.document.normalised in term and s.document.normalised != term for term in ours)]
    if not theirs:
        return None
    longest = theirs[0]
    matters = [s.document.normalised for s in found if s.document.kind == "subject" and rank(s) >= RANKS["matter"]]
    matters = [term for term in matters if term not in longest.document.normalised]
    decisive = not matters or max(map(size, matters)) <= size(longest.document.normalised)
    if rank(longest) < RANKS["matter"]:  # an agency named in passing (卫健委 …): decisive only if nothing of ours answers well
        decisive = decisive and not any(s.document.kind != "outside" and s.score >= ANSWERS_WELL for s in scored)
    researched = RESEARCH.search(longest.query.text.replace(longest.document.normalised, " ")) is not None
    return Referral(longest, decisive and not researched)
