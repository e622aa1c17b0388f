"""Chinese search over the official text: character bigrams weighted by rarity, plus phrase boosts.

Queries are normalised (NFKC, Traditional to Simplified, lower case), stripped of the filler
words officials type ("谁负责", "归哪个处管", "找哪个部门"), split at punctuation and particles,
and expanded through the editorial abbreviations. Stored text is never changed: offsets of
matched spans point into the text as served.
"""

import math
import re
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache

import opencc

FILLERS = [
    re.compile(r"^(请问|请教|我想知道|想问一下|想问|想了解|我想|我要)"),
    re.compile(
        r"(由|归|找|去|向|问|该)?(谁|哪个|哪些|哪一个|哪家|哪)(个)?(处室|部门|处|单位|机构|科室)?(来)?(负责|主管|管理|管|承担|办理|办|分管)?"
    ),
    re.compile(r"(负责|主管|承担|办理)(的)?(处室|部门|单位|机构)"),
    re.compile(r"(怎么办|如何办|怎么|如何|怎样)"),
]
SEPARATORS = re.compile(r"[\s\W_的吗呢啊呀吧是]+")
NAME_WEIGHT = 1.25
MIN_SCORE = 0.2


@cache
def _converter() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


def normalise_char(char: str) -> str:
    """One character as search compares it; always one character, so offsets never shift."""
    folded = unicodedata.normalize("NFKC", char).lower()
    return folded if len(folded) == 1 else char


def normalise_text(text: str) -> str:
    """Stored text as search compares it, character for character."""
    return "".join(normalise_char(char) for char in text)


def grams(text: str) -> set[str]:
    """The character bigrams of a run of text (its one character, if it has only one)."""
    if len(text) == 1:
        return {text}
    return {text[i : i + 2] for i in range(len(text) - 1)}


@dataclass(frozen=True)
class Document:
    """One searchable piece of served text."""

    kind: str
    ref: str
    field: str
    text: str
    division_n: int | None
    division_field: str | None = None
    weight: float = 1.0
    normalised: str = ""
    grams: frozenset[str] = frozenset()

    @classmethod
    def of(
        cls,
        kind: str,
        ref: str,
        field: str,
        text: str,
        division_n: int | None = None,
        division_field: str | None = None,
        weight: float = 1.0,
    ) -> "Document":
        """Build a document with its normalised text and bigrams; division_field is its place in the division."""
        normalised = normalise_text(text)
        all_grams = {g for run in SEPARATORS.split(normalised) if run for g in grams(run)} | {
            char for char in normalised if not SEPARATORS.fullmatch(char)
        }
        return cls(kind, ref, field, text, division_n, division_field, weight, normalised, frozenset(all_grams))


@dataclass(frozen=True)
class Query:
    """A query as search understands it: its segments, one variant per abbreviation reading."""

    variants: list[tuple[list[str], str | None]]


@dataclass(frozen=True)
class Scored:
    """A document's score for a query, and why."""

    document: Document
    position: int
    score: float
    reason: str
    segments: list[str] = field(default_factory=list)

    def spans(self) -> list[tuple[int, int]]:
        """Character offsets [start, end) of the matched text in the document, merged."""
        found: list[tuple[int, int]] = []
        text = self.document.normalised
        for segment in self.segments:
            pieces = [segment] if segment in text else sorted(grams(segment))
            for piece in pieces:
                start = text.find(piece)
                while start != -1:
                    found.append((start, start + len(piece)))
                    start = text.find(piece, start + 1)
        merged: list[tuple[int, int]] = []
        for start, end in sorted(found):
            if merged and start <= merged[-1][1]:
                merged[-1] = (merged[-1][0], max(merged[-1][1], end))
            else:
                merged.append((start, end))
        return merged


class SearchIndex:
    """An inverted index of character bigrams over the served documents."""

    def __init__(self, documents: Sequence[Document], abbreviations: dict[str, list[str]]) -> None:
        self.documents = list(documents)
        self.abbreviations = {
            normalise_text(short): [normalise_text(e) for e in expansions] for short, expansions in abbreviations.items()
        }
        self.postings: dict[str, list[int]] = {}
        for index, document in enumerate(self.documents):
            for gram in document.grams:
                self.postings.setdefault(gram, []).append(index)
        total = len(self.documents)
        self.idf = {gram: math.log(1 + total / len(found)) for gram, found in self.postings.items()}
        self.unseen_weight = math.log(1 + total)

    def parse(self, raw: str) -> Query:
        """Normalise a query, drop filler words, split it, and add its abbreviation readings."""
        text = _converter().convert(unicodedata.normalize("NFKC", raw)).lower()
        for filler in FILLERS:
            text = filler.sub(" ", text)
        segments = [segment for segment in SEPARATORS.split(text) if segment]
        if any(len(segment) > 1 for segment in segments):
            segments = [segment for segment in segments if len(segment) > 1]
        variants: list[tuple[list[str], str | None]] = [(segments, None)]
        for short, expansions in self.abbreviations.items():
            if any(short in segment for segment in segments):
                for expansion in expansions:
                    replaced = [segment.replace(short, f" {expansion} ").split() for segment in segments]
                    variants.append(([part for parts in replaced for part in parts], f"abbreviation {short} → {expansion}"))
        return Query(variants=variants)

    def search(self, raw: str, kinds: Iterable[str] | None = None) -> list[Scored]:
        """Every document that answers the query, best first."""
        wanted = set(kinds) if kinds is not None else None
        best: dict[int, Scored] = {}
        for segments, abbreviation in self.parse(raw).variants:
            if segments:
                for scored in self._score(segments, abbreviation, wanted):
                    if scored.position not in best or best[scored.position].score < scored.score:
                        best[scored.position] = scored
        return sorted(best.values(), key=lambda s: (-s.score, s.position))

    def _score(self, segments: list[str], abbreviation: str | None, wanted: set[str] | None) -> Iterator[Scored]:
        """Score one reading of the query: rare shared bigrams, whole segments, the whole query."""
        unseen = self.unseen_weight
        query_grams = {g for segment in segments for g in grams(segment)}
        total_weight = sum(self.idf.get(g, unseen) for g in query_grams)
        total_length = sum(len(segment) for segment in segments)
        whole = "".join(segments)
        # A document holding a whole segment holds all its bigrams: below this coverage none can.
        phrase_floor = min(sum(self.idf.get(g, unseen) for g in grams(segment)) for segment in segments) / total_weight
        shared: dict[int, float] = {}
        for gram in query_grams:
            weight = self.idf.get(gram)
            if weight is not None:
                for index in self.postings[gram]:
                    shared[index] = shared.get(index, 0.0) + weight
        for index, weight in shared.items():
            document = self.documents[index]
            if wanted is not None and document.kind not in wanted:
                continue
            coverage = weight / total_weight
            if coverage + 1e-9 < phrase_floor:
                if 0.55 * coverage * document.weight < MIN_SCORE:
                    continue
                phrased: list[str] = []
                exact = False
            else:
                phrased = [segment for segment in segments if segment in document.normalised]
                exact = whole in document.normalised
            phrase = sum(len(segment) for segment in phrased) / total_length
            score = (0.55 * coverage + 0.35 * phrase + (0.1 if exact else 0.0)) * document.weight
            if score < MIN_SCORE:
                continue
            if exact:
                reason = "exact phrase"
            elif len(phrased) == len(segments):
                reason = "all terms"
            else:
                reason = f"partial terms ({len(query_grams & document.grams)} of {len(query_grams)} character pairs)"
            if abbreviation:
                reason = f"{reason}, {abbreviation}"
            yield Scored(document, index, round(score, 4), reason, segments)


@dataclass(frozen=True)
class Evidence:
    """A stretch of served text that answers a query: where it is, the text, and the matched character offsets."""

    field: str
    text: str
    spans: list[tuple[int, int]]


@dataclass(frozen=True)
class Finding:
    """One item that answers a query, in search's own terms: its kind and reference, how well, why, and the evidence."""

    kind: str
    ref: str
    division_n: int | None
    score: float
    reason: str
    evidence: list[Evidence]


def find(index: SearchIndex, raw: str, kinds: Iterable[str] | None = None) -> list[Finding]:
    """Every item that answers the query, best first, each with the one field that matched."""
    return [
        Finding(s.document.kind, s.document.ref, s.document.division_n, s.score, s.reason, [_evidence(s, s.document.field)])
        for s in index.search(raw, kinds)
    ]


def find_divisions(index: SearchIndex, raw: str) -> list[Finding]:
    """The divisions responsible for the query, most responsible first: the best match, helped a little by the others."""
    by_division: dict[int, list[Scored]] = {}
    for hit in index.search(raw, kinds={"division", "mandate"}):
        if hit.document.division_n is not None:
            by_division.setdefault(hit.document.division_n, []).append(hit)
    findings = []
    for n, hits in by_division.items():
        best, *others = hits
        score = round(best.score + min(0.1, 0.05 * sum(other.score for other in others)), 4)
        evidence = [_evidence(hit, hit.document.division_field or hit.document.field) for hit in hits]
        findings.append(Finding("division", str(n), n, score, best.reason, evidence))
    return sorted(findings, key=lambda finding: (-finding.score, finding.division_n or 0))


def _evidence(hit: Scored, place: str) -> Evidence:
    return Evidence(place, hit.document.text, hit.spans())
