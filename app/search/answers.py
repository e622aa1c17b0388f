"""Search's answers in its own terms: findings (an item, how well, why, the evidence, how sure) for items and for divisions."""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cached_property, partial
from typing import Literal

from app.search.index import Document, Scored, SearchIndex, chosen
from app.search.intent import only_a_channel, weigh, what_is_reported, without_ruled_out_text
from app.search.referrals import Referral, referral_of
from app.search.text import words

Confidence = Literal["high", "medium", "low"]
HIGH_SCORE, HIGH_COVERAGE = 0.7, 0.55
MEDIUM_SCORE = 0.45
BARELY = 0.15  # under another agency's matter, a division scoring less than this barely touches the question: not listed
FOLLOWING_DIVISION = 0.85  # a subject's second division gets this share of its score, the third this squared …


@dataclass(frozen=True)
class Evidence:
    """A stretch of served text that answers a query: where it is, the text, and the matched character offsets."""

    field: str
    text: str
    spans: list[tuple[int, int]]


@dataclass(frozen=True)
class Finding:
    """One item that answers a query: its kind and reference, how well, why, the evidence, and how sure."""

    kind: str
    ref: str
    division_n: int | None
    score: float
    reason: str
    confidence: Confidence
    gather: Callable[[], list[Evidence]] = field(repr=False, compare=False)

    @cached_property
    def evidence(self) -> list[Evidence]:
        """The evidence, gathered when first asked for: a page shows only some of the findings."""
        return self.gather()


@dataclass(frozen=True)
class Answers:
    """The findings for a query, best first, and the other agency's matter it names, if any."""

    findings: list[Finding]
    referral: Referral | None

    @cached_property
    def referral_evidence(self) -> list[Evidence]:
        """Where the query names the other agency's matter: the term (or its English) and the matched stretches."""
        if self.referral is None:
            return []
        hit = self.referral.hit
        return [Evidence(hit.document.field, hit.document.text, hit.spans())]


SHORT_TERM, SHORT_TERM_COVERAGE = 2, 0.3  # a two-character term explaining less than this of a question is only low


# Never above low for a matter outside the remit, nor for a channel (投诉, 举报) that says little of what the matter is, nor
# for a two-character term (or one English word) that explains little of a longer question (农民工讨薪 is not 农民's: one
# generic word is too little to be sure of).
def confidence_of(hit: Scored, score: float, outside: bool) -> Confidence:
    """How sure a hit is: high only for a strong match that explains most of the query; low outside the remit or saying little."""
    if outside or only_a_channel(hit) or _one_short_word(hit):
        return "low"
    if score >= HIGH_SCORE and hit.coverage >= HIGH_COVERAGE:
        return "high"
    return "medium" if score >= MEDIUM_SCORE else "low"


def _one_short_word(hit: Scored) -> bool:
    term = hit.document.normalised
    short = len(words(term)) <= 1 if term.isascii() else len(term) <= SHORT_TERM  # "jobs at the department" is "job"
    return hit.document.kind == "subject" and short and hit.coverage < SHORT_TERM_COVERAGE


def _outside_reason(referral: Referral | None) -> str | None:
    if referral is None or not referral.decisive:
        return None
    return f"outside this department's remit: {referral.term}"


# Under another agency's matter, only the items that score at least BARELY.
def find(index: SearchIndex, raw: str, kinds: Iterable[str] | None = None) -> Answers:
    """Every item of these kinds that answers the query, best first; subject terms count for the items they cite."""
    wanted = set(kinds) if kinds is not None else {"duty", "division", "mandate", "transformation", "honour"}
    scored = weigh(what_is_reported(index, raw, index.search(raw), None))
    referral = referral_of(scored)
    outside = _outside_reason(referral)
    best: dict[tuple[str, str], tuple[Scored, Document]] = {}
    for hit in scored:
        for kind, ref, document in _items_of(index, hit):
            if kind in wanted and ((kind, ref) not in best or best[(kind, ref)][0].score < hit.score):
                best[(kind, ref)] = (hit, document)
    findings = [
        _finding(kind, ref, hit, document, outside)
        for (kind, ref), (hit, document) in best.items()
        if outside is None or hit.score >= BARELY
    ]
    return Answers(sorted(findings, key=lambda f: -f.score), referral)


# Under another agency's matter, only the divisions that score at least BARELY.
def find_divisions(index: SearchIndex, raw: str) -> Answers:
    """The divisions responsible for the query, most responsible first: the best match, helped a little by the others."""
    kinds = {"division", "mandate", "subject", "outside"}
    found = index.scored(raw, kinds=kinds)  # scored once; the weaker matches below are chosen from the same
    scored = weigh(without_ruled_out_text(index, raw, what_is_reported(index, raw, chosen(found), kinds)))
    referral = referral_of(scored)
    if all(hit.document.kind == "outside" for hit in scored):
        # their matter (or research on it, or named only in part): what of ours it touches, at most low if theirs
        scored = weigh(what_is_reported(index, raw, chosen(found, weak_too=True), kinds))
    outside = _outside_reason(referral)
    by_division: dict[int, list[tuple[float, Scored]]] = {}
    for hit in scored:
        for rank, n in enumerate(hit.document.divisions):
            by_division.setdefault(n, []).append((hit.score * FOLLOWING_DIVISION**rank, hit))
    findings = []
    for n, hits in by_division.items():
        hits.sort(key=lambda pair: -pair[0])
        (best_score, best), *others = hits
        score = round(best_score + min(0.1, 0.05 * sum(other for other, _ in others)), 4)
        reason = f"{best.reason}; {outside}" if outside else best.reason
        confidence = confidence_of(best, best_score, outside is not None)
        if outside is None or score >= BARELY:
            findings.append(
                Finding("division", str(n), n, score, reason, confidence, partial(_division_evidence, index, hits, n))
            )
    return Answers(sorted(findings, key=lambda finding: (-finding.score, finding.division_n or 0)), referral)


def _division_evidence(index: SearchIndex, hits: list[tuple[float, Scored]], n: int) -> list[Evidence]:
    return _unique([e for _, hit in hits for e in _evidence(index, hit, n)])


def _items_of(index: SearchIndex, hit: Scored) -> list[tuple[str, str, Document]]:
    """The items a scored document speaks for: itself, or for a subject term the items and duties it cites."""
    document = hit.document
    if document.kind == "outside":
        return []
    if document.kind != "subject" or document.subject is None:
        return [(document.kind, document.ref, document)]
    field = "editorial.text_en" if hit.query.stems and not hit.query.segments else "text"  # English asked, English shown
    cited = [("mandate", ref, index.by_ref.get(("mandate", ref, field))) for ref in document.subject.items]
    cited += [("duty", str(n), index.by_ref.get(("duty", str(n), field))) for n in document.subject.duties]
    return [(kind, ref, found) for kind, ref, found in cited if found is not None]


def _finding(kind: str, ref: str, hit: Scored, document: Document, outside: str | None) -> Finding:
    reason = f"{hit.reason}; {outside}" if outside else hit.reason
    confidence = confidence_of(hit, hit.score, outside is not None)
    return Finding(kind, ref, document.division_n, hit.score, reason, confidence, partial(_item_evidence, hit, document))


def _item_evidence(hit: Scored, document: Document) -> list[Evidence]:
    return [Evidence(document.field, document.text, _spans(hit, document))]


def _evidence(index: SearchIndex, hit: Scored, n: int) -> list[Evidence]:
    """What shows that division n answers: the matched text itself, or the mandate items a subject term cites."""
    document = hit.document
    if document.kind == "outside":
        return []
    if document.kind == "subject" and document.subject is not None:
        field = "editorial.text_en" if hit.query.stems and not hit.query.segments else "text"
        cited = [index.by_ref.get(("mandate", ref, field)) for ref in document.subject.items]
        return [Evidence(c.division_field or c.field, c.text, _spans(hit, c)) for c in cited if c and c.division_n == n]
    return [Evidence(document.division_field or document.field, document.text, hit.spans())]


def _spans(hit: Scored, document: Document) -> list[tuple[int, int]]:
    if document is hit.document:
        return hit.spans()
    return Scored(document, hit.position, hit.score, hit.coverage, hit.reason, hit.query).spans()


def _unique(evidence: list[Evidence]) -> list[Evidence]:
    seen: set[tuple[str, str]] = set()
    kept = []
    for item in evidence:
        if (item.field, item.text) not in seen:
            seen.add((item.field, item.text))
            kept.append(item)
    return kept
