"""The index: every searchable text as a document, an inverted index of its tokens by rarity, and each document's score."""

# A document scores for a query by the rare tokens they share, whole segments and the whole query; a short term, also by
# how much of the term the query holds.

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from operator import itemgetter

from app.search.spelling import Speller
from app.search.text import (
    EXPANSION_MARK,
    GAP,
    HAN,
    SEPARATORS,
    chinese_runs,
    grams,
    mainland_wording,
    normalise_query,
    normalise_text,
    tokens,
    words,
)

NAME_WEIGHT = 1.25
MIN_SCORE = 0.2
FALLBACK_SCORE = 0.08  # when nothing reaches MIN_SCORE, weaker matches are answered (with low confidence)
TERM_KINDS = ("subject", "outside")  # short terms scored by how much of the term the query holds
PARTLY_HELD = 0.6  # a term's share of its score when the query holds only part of it
GAP_IN_CHINESE = re.compile(r"(?<=[\u3400-\u9fff])\s+(?=[\u3400-\u9fff])")  # where a filler was


# The most a score could reach is the bound by which the likeliest documents are scored first and the hopeless skipped.
@dataclass(frozen=True)
class Weights:
    """A document's score, its weights named once: the score itself and the most it could reach are both written with them."""

    term_held: float = 0.45  # a short term (subject, outside) held by the query: what it scores before coverage
    term_coverage: float = 0.55  # … and what it adds for explaining all of the query
    text_coverage: float = 0.55  # served text: the share of the query's token weight it holds
    text_phrase: float = 0.35  # … the share it holds as whole segments, runs and words
    text_exact: float = 0.1  # … the whole query found as one phrase

    def term(self, held: float, coverage: float) -> float:
        """A short term's score: how much of the term the query holds, and how much of the query the term explains."""
        return held * (self.term_held + self.term_coverage * coverage) * (1.0 if held > 0.999 else PARTLY_HELD)

    def text(self, coverage: float, phrase: float, exact: bool) -> float:
        """Served text's score: the query's tokens it holds, those it holds as phrases, and the whole query as one."""
        return self.text_coverage * coverage + self.text_phrase * phrase + (self.text_exact if exact else 0.0)

    # A phrase never weighs more than the tokens it shares.
    def bound(self, term: bool, coverage: float) -> float:
        """The most a document could score at this coverage: a term held whole; text with all it shares as phrase, exactly."""
        if term:  # self.term(1.0, coverage), written out: this runs for every candidate document
            return self.term_held + self.term_coverage * coverage
        return self.text_coverage * coverage + self.text_phrase * coverage + self.text_exact  # self.text(c, c, True)


WEIGHTS = Weights()


@dataclass(frozen=True)
class Subject:
    """What a subject term stands for: the divisions in order, the items and duties it cites, or the agency it is for."""

    term: str
    items: tuple[str, ...] = ()
    duties: tuple[int, ...] = ()
    agency: str | None = None
    label: str = ""  # how a reason names it: "基因测序 “gene sequencing” → 生物医药技术发展与产业化处 (item biomedicine.1)"
    role: str = "matter"  # what the term says of a question: asks, matter, in_passing or channel


@dataclass(frozen=True)
class Document:
    """One searchable piece of served text (or an editorial term), with the divisions it speaks for, in order."""

    kind: str
    ref: str
    field: str
    text: str
    divisions: tuple[int, ...] = ()
    division_field: str | None = None
    weight: float = 1.0
    subject: Subject | None = None
    normalised: str = ""
    tokens: frozenset[str] = frozenset()

    @property
    def division_n(self) -> int | None:
        """The first division it speaks for."""
        return self.divisions[0] if self.divisions else None

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
        divisions: tuple[int, ...] = (),
        subject: Subject | None = None,
    ) -> "Document":
        """Build a document with its normalised text and tokens."""
        normalised = normalise_text(text)
        speaks_for = divisions or ((division_n,) if division_n is not None else ())
        return cls(kind, ref, field, text, speaks_for, division_field, weight, subject, normalised, frozenset(tokens(normalised)))


@dataclass(frozen=True)
class Query:
    """One reading of a query: its normalised text, Chinese segments, English stems and all its tokens."""

    text: str
    segments: list[str]
    stems: list[str]
    tokens: set[str]
    note: str | None = None  # how this reading differs from the query: an abbreviation expanded, a typo mended
    expanded: tuple[str, str] | None = None  # the abbreviation this reading expands, and what it reads it as


@dataclass(frozen=True)
class Scored:
    """A document's score for one reading of a query, how much of the query it explains, and why."""

    document: Document
    position: int
    score: float
    coverage: float
    reason: str
    query: Query = field(repr=False)

    def spans(self) -> list[tuple[int, int]]:
        """Character offsets [start, end) of the matched text in the document, merged."""
        text = self.document.normalised
        found = [(start, end) for stem, start, end in words(text) if stem in self.query.tokens]
        for segment in self.query.segments:
            for piece in [segment] if segment in text else sorted(grams(segment)):
                start = text.find(piece)
                while start != -1:
                    found.append((start, start + len(piece)))
                    start = text.find(piece, start + 1)
        merged: list[tuple[int, int]] = []
        for start, end in sorted(found):
            if merged and not text[merged[-1][1] : start].strip():  # touching, or apart only by spaces
                merged[-1] = (merged[-1][0], max(merged[-1][1], end))
            else:
                merged.append((start, end))
        return merged


def read_query(text: str, note: str | None = None, expanded: tuple[str, str] | None = None) -> Query:
    """A reading of a normalised query."""
    segments = chinese_runs(text)
    if any(len(segment) > 1 for segment in segments):
        segments = [segment for segment in segments if len(segment) > 1]
    stems = [s for s, _, _ in words(text)]
    found = {g for segment in segments for g in grams(segment)} | set(stems)
    found |= {a + b for a, b in zip(stems, stems[1:], strict=False)}
    return Query(text, segments, stems, found, note, expanded)


class SearchIndex:
    """An inverted index of tokens over the documents, with each token's rarity (IDF)."""

    def __init__(self, documents: Sequence[Document], abbreviations: dict[str, list[str]]) -> None:
        self.documents = list(documents)
        self.abbreviations = {normalise_text(k): [normalise_text(e) for e in v] for k, v in abbreviations.items()}
        self.postings: dict[str, list[int]] = {}
        for index, document in enumerate(self.documents):
            for token in document.tokens:
                self.postings.setdefault(token, []).append(index)
        total = len(self.documents)
        self.idf = {token: math.log(1 + total / len(found)) for token, found in self.postings.items()}
        self.unseen_weight = math.log(1 + total)
        self.term_weight = [
            sum(self.idf[t] for t in d.tokens if len(t) > 1 or len(d.normalised) == 1) or 1.0 for d in self.documents
        ]
        self.by_ref = {(d.kind, d.ref, d.field): d for d in self.documents}
        self.english = sorted(t for t in self.postings if t.startswith("~") and "~" not in t[1:])
        terms = (d.normalised for d in self.documents if d.kind in TERM_KINDS and d.field == "term")
        self.speller = Speller(terms)

    def readings(self, raw: str) -> list[Query]:
        """The query as written, and again with each abbreviation expanded, homophone mended (公基金 → 公积金), gap closed."""
        found = []
        for text in filter(None, dict.fromkeys([normalise_query(raw), mainland_wording(raw)])):
            found.append(read_query(text))
            for short, expansions in self.abbreviations.items():
                if (said := _abbreviated(short, text)) is not None:
                    found += [
                        read_query(
                            said.sub(f"{EXPANSION_MARK}{e}{EXPANSION_MARK}", text), f"abbreviation {short} → {e}", (short, e)
                        )
                        for e in expansions
                    ]
            for typed, meant in self.speller.mended(text).items():
                found.append(read_query(text.replace(typed, meant), f"spelling {typed} → {meant}"))
        # The gaps that fillers (怎么, 谁来) left inside Chinese, closed: 科技资源怎么布局 names 科技资源布局.
        plain = [query for query in found if not query.note]
        found += [read_query(joined) for query in plain if (joined := GAP_IN_CHINESE.sub("", query.text)) != query.text]
        for query in found:
            query.tokens.update(self._word_forms(query.stems))
        return [query for query in found if query.tokens]

    # Five letters or more in common (pharma → pharmaceutical); nothing for a word the index holds.
    def _word_forms(self, stems: list[str]) -> set[str]:
        """For an English word the index does not hold, the indexed words it begins or that begin it (biotech → biotechnology)."""
        forms: set[str] = set()
        for asked in stems:
            if asked in self.idf or len(asked) < 6:  # "~" and five letters
                continue
            forms.update(
                known for known in self.english if len(known) >= 6 and (known.startswith(asked) or asked.startswith(known))
            )
        return forms

    def search(self, raw: str, kinds: Iterable[str] | None = None, weak_too: bool = False) -> list[Scored]:
        """Every document that answers the query well, best first; see `chosen` for the weaker matches."""
        return chosen(self.scored(raw, kinds), weak_too)

    def scored(self, raw: str, kinds: Iterable[str] | None = None) -> list[Scored]:
        """Every document that answers the query at all, best first, each scored by its best reading."""
        wanted = set(kinds) if kinds is not None else None
        best: dict[int, Scored] = {}
        for query in self.readings(raw):
            for scored in self._score(query, wanted):
                if scored.position not in best or best[scored.position].score < scored.score:
                    best[scored.position] = scored
        return sorted(best.values(), key=lambda s: (-s.score, s.position))

    def _score(self, query: Query, wanted: set[str] | None) -> Iterable[Scored]:
        """Score the documents sharing a token with this reading, likeliest first; once one scores well, skip the hopeless."""
        total, shared = self.weight_of(query), self.shared(query)
        strong = False
        for bound, index in self._likeliest(shared, total, wanted):
            document = self.documents[index]
            if strong and bound < MIN_SCORE:
                continue
            score, reason = self.score_of(query, index, shared[index], total)
            strong = strong or score >= MIN_SCORE
            if score >= FALLBACK_SCORE:
                reason = reason or f"subject {document.subject.label if document.subject else document.text}"
                reason = f"{reason}, {query.note}" if query.note else reason
                coverage = round(min(shared[index] / total, 1.0), 4)
                yield Scored(document, index, round(score, 4), coverage, reason, query)

    def score_of(self, query: Query, index: int, shared: float, total: float) -> tuple[float, str]:
        """One document's score for a reading of the query (given the weight of the tokens they share), and why."""
        document = self.documents[index]
        coverage = shared / total
        if document.kind in TERM_KINDS:
            held = min(shared / self.term_weight[index], 1.0) * _parts_held(document.normalised, query.text)
            return WEIGHTS.term(held, coverage) * document.weight, ""
        score, reason = _text_score(query, document, coverage, total, self.idf)
        return score * document.weight, reason

    def bound_of(self, index: int, shared: float, total: float) -> float:
        """The most a document could score, given the weight of the tokens it shares with the query."""
        document = self.documents[index]
        return WEIGHTS.bound(document.kind in TERM_KINDS, shared / total) * document.weight

    def _likeliest(self, shared: dict[int, float], total: float, wanted: set[str] | None) -> list[tuple[float, int]]:
        """The wanted documents with the highest score each could reach, highest first (ties in the order found)."""
        bounds = []
        for index, weight in shared.items():
            if wanted is None or self.documents[index].kind in wanted:
                bounds.append((self.bound_of(index, weight, total), index))
        bounds.sort(key=itemgetter(0), reverse=True)
        return bounds

    def weight_of(self, query: Query) -> float:
        """The weight of all a reading's tokens (those the index lacks as rare as a token found once)."""
        return sum(self.idf.get(t, self.unseen_weight) for t in query.tokens)

    # The rarer tokens are those of short postings; a query with only common tokens is looked up by them all.
    def shared(self, query: Query) -> dict[int, float]:
        """For each document, the weight of the query tokens it holds: found by the rarer tokens, topped up with the common."""
        known = [t for t in query.tokens if t in self.idf]
        limit = max(64, len(self.documents) // 20)
        rare = [t for t in known if len(self.postings[t]) <= limit]
        shared: dict[int, float] = {}
        for token in rare or known:
            weight = self.idf[token]
            for index in self.postings[token]:
                shared[index] = shared.get(index, 0.0) + weight
        common = [t for t in known if len(self.postings[t]) > limit] if rare else []
        for index in shared if common else ():
            tokens = self.documents[index].tokens
            shared[index] += sum(self.idf[t] for t in common if t in tokens)
        return shared


@cache  # one pattern per abbreviation
def _short_pattern(short: str) -> re.Pattern[str]:
    """An abbreviation as said: a Chinese one anywhere, pinyin initials (gxq) as a word of their own."""
    return re.compile(rf"(?<![a-z]){re.escape(short)}(?![a-z])" if short.isascii() else re.escape(short))


def _abbreviated(short: str, text: str) -> re.Pattern[str] | None:
    """Where a text says an abbreviation, as a pattern to replace it by; None if nowhere."""
    pattern = _short_pattern(short)
    return pattern if short in text and pattern.search(text) else None


# With weak_too, also when only other agencies' matters answer well: then this department's weaker matches besides.
def chosen(found: list[Scored], weak_too: bool = False) -> list[Scored]:
    """Of the scored documents, those that answer well; if none does, the weaker matches."""
    strong = [s for s in found if s.score >= MIN_SCORE]
    if weak_too and all(s.document.kind == "outside" for s in strong):
        return strong + [s for s in found if s.score < MIN_SCORE and s.document.kind != "outside"]
    return strong or found


# A short part is a character or a number; without the longer parts, the term's tokens would come from the short part alone.
def _parts_held(term: str, text: str) -> float:
    """0 for a Chinese term with a gap whose short part (专利…卖, 15%…资格) or whose longer parts the query lacks, else 1."""
    short, longer = _gap_parts(term)
    if not short and not longer:
        return 1.0
    held = all(part in text for part in short) and any(part in text for part in longer)
    return 1.0 if held or not longer else 0.0


@cache  # one entry per editorial term: split once, not for every query that scores it
def _gap_parts(term: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """A Chinese gapped term's short parts and longer parts; none for a term without a gap or in English."""
    parts = [part for part in term.split(GAP) if part]
    if len(parts) < 2 or term.isascii():
        return (), ()
    return tuple(p for p in parts if len(HAN.findall(p)) < 2), tuple(p for p in parts if len(HAN.findall(p)) >= 2)


def _text_score(query: Query, document: Document, coverage: float, total: float, idf: dict[str, float]) -> tuple[float, str]:
    """Served text: shared rare tokens, whole segments and words found (by their weight), and the whole query as one phrase."""
    text = document.normalised
    phrased = [segment for segment in query.segments if segment in text]
    stems_found = [s for s in query.stems if s in document.tokens]
    found = {g for segment in phrased for g in grams(segment)} | set(stems_found)
    if coverage >= 0.3:  # runs of three or more characters of a segment, found together, count as phrase too
        for run in {segment[i : i + 3] for segment in query.segments for i in range(len(segment) - 2)}:
            if run in text:
                found |= {run[:2], run[1:]}
    phrase = sum(idf.get(token, 0.0) for token in found) / total
    whole = "".join(query.segments)
    exact = bool(whole) and not query.stems and whole in text
    score = WEIGHTS.text(coverage, phrase, exact)
    if exact:
        return score, "exact phrase"
    if len(phrased) == len(query.segments) and len(stems_found) == len(query.stems):
        return score, "all terms"
    pairs = [g for segment in query.segments for g in grams(segment)]
    parts = []
    if pairs:
        parts.append(f"{sum(g in document.tokens for g in set(pairs))} of {len(set(pairs))} character pairs")
    if query.stems:
        parts.append(f"{len(set(stems_found))} of {len(set(query.stems))} words")
    return score, f"partial terms ({', '.join(parts)})"


__all__ = ["SEPARATORS", "Document", "Query", "Scored", "SearchIndex", "Subject"]
