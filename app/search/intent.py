"""What a question asks for, over what it names in passing: the role of each subject term the query names whole
(a request such as 依申请公开 over a field of work over a programme over a channel such as 举报), and the scores
that follow from it."""

from dataclasses import replace

from app.search.index import TERM_KINDS, Scored
from app.search.text import words

RANKS = {"asks": 3, "matter": 2, "in_passing": 1, "channel": 0}
OUTWEIGHED = 0.5  # a subject term's share of its score when the query names a term of a higher role
CHANNEL_ALONE_COVERAGE = 0.55  # a channel alone (投诉 …) is more than low only when it is most of the query


def rank(hit: Scored) -> int:
    """The role rank of a hit: subject terms by their role, other agencies' matters as matters, text as a matter."""
    subject = hit.document.subject
    return RANKS.get(subject.role, RANKS["matter"]) if subject is not None else RANKS["matter"]


def named(scored: list[Scored]) -> list[Scored]:
    """The subject terms and other agencies' matters the query names whole: as written, or for English of two words or
    more, word for word (each word of the term, stemmed, in the query: "register a patent" names "patent registration")."""
    return [s for s in scored if s.document.kind in TERM_KINDS and _names(s)]


def _names(hit: Scored) -> bool:
    term = hit.document.normalised
    if term in hit.query.text:
        return True
    if not term.isascii():
        return False
    stems = [stem for stem, _, _ in words(term)]
    return len(stems) > 1 and all(stem in hit.query.stems for stem in stems)


def weigh(scored: list[Scored]) -> list[Scored]:
    """The hits with each subject term outweighed by a term of a higher role the query names, best first."""
    top = max(map(rank, named(scored)), default=None)
    if top is None:
        return scored
    weighed = [replace(s, score=round(s.score * OUTWEIGHED, 4)) if _outweighed(s, top) else s for s in scored]
    return sorted(weighed, key=lambda s: (-s.score, s.position))


def only_a_channel(hit: Scored) -> bool:
    """A channel term (投诉, 举报 …) that explains too little of the query to say whose matter it is."""
    return rank(hit) == RANKS["channel"] and hit.coverage < CHANNEL_ALONE_COVERAGE


def _outweighed(hit: Scored, top: int) -> bool:
    return hit.document.kind == "subject" and rank(hit) < top
