"""Place the numbered parts: the duties (一)… and the divisions (一)办公室。… with their mandates."""

import hashlib
import re
from typing import Any

from app.importer.numbering import item_label
from app.importer.paragraphs import Paragraph
from app.importer.text import ImportFailure, Unplaced, fold

NAME_END = re.compile(r"[。:]|\s+")
MERGED = re.compile(r"^(?P<name>.+?)与(?P<other>.+?)合署办公。$")
OTHER_NAME = re.compile(r"^(?P<name>.+?)\((?P<other>[^()]+)\)$")
MAX_NAME = 40


def sentences(text: str) -> list[str]:
    """A paragraph split after each 。 (the whole text when it does not end with one)."""
    return [part + "。" for part in text.split("。") if part] if text.endswith("。") else [text]


def division_id(name: str) -> str:
    """A stable ASCII id for a division: the same name always gives the same id."""
    return "division-" + hashlib.sha256(name.encode()).hexdigest()[:8]


def numbered(paragraphs: list[Paragraph], what: str) -> tuple[list[tuple[Paragraph, int, int]], list[Unplaced]]:
    """(paragraph, number, label length) for each numbered paragraph in sequence; the others unplaced."""
    found: list[tuple[Paragraph, int, int]] = []
    unplaced: list[Unplaced] = []
    first_line: dict[int, int] = {}
    for paragraph in paragraphs:
        label = item_label(fold(paragraph.text))
        if label is None:
            reason = f"a paragraph without a number (一)… among the {what}"
            unplaced += [Unplaced(paragraph.first, paragraph.text, reason)]
            continue
        n, size = label
        printed = paragraph.text[:size]
        if n in first_line:
            raise ImportFailure(paragraph.first, f"{what}: {printed} is numbered twice: first on line {first_line[n]}")
        expected = len(found) + 1
        if n != expected:
            raise ImportFailure(paragraph.first, f"{what}: {printed} where number {expected} was expected")
        first_line[n] = paragraph.first
        found.append((paragraph, *label))
    return found, unplaced


def intro(paragraphs: list[Paragraph]) -> tuple[list[Paragraph], list[Paragraph]]:
    """The paragraphs before the first numbered one (an intro such as 主要职责是：), and the rest."""
    first = next((k for k, p in enumerate(paragraphs) if item_label(fold(p.text))), len(paragraphs))
    return paragraphs[:first], paragraphs[first:]


def duties(paragraphs: list[Paragraph]) -> tuple[list[dict[str, Any]], list[Unplaced]]:
    """The numbered duties, each with its label and text as printed."""
    found, unplaced = numbered(paragraphs, "duties")
    return [{"n": n, "label": p.text[:size], "text": p.text[size:]} for p, n, size in found], unplaced


def divisions(paragraphs: list[Paragraph]) -> tuple[list[dict[str, Any]], list[Unplaced]]:
    """The numbered divisions: name, other names, mandate sentences; a 合署办公 sentence marks a merged office."""
    merged = [p for p in paragraphs if not item_label(fold(p.text)) and MERGED.match(fold(p.text))]
    rest = [p for p in paragraphs if p not in merged]
    found, unplaced = numbered(rest, "divisions")
    records = [_division(paragraph, n, size) for paragraph, n, size in found]
    unplaced += _mark_merged(records, merged)
    return records, unplaced


def _division(paragraph: Paragraph, n: int, size: int) -> dict[str, Any]:
    text = paragraph.text[size:]
    end = NAME_END.search(fold(text))
    heading, mandate = (text[: end.start()], text[end.end() :].lstrip(" \u3000")) if end else (text, "")
    if len(heading) > MAX_NAME or "," in fold(heading):
        raise ImportFailure(paragraph.first, f"division ({n}): no name ends with 。 or : within {MAX_NAME} characters")
    record: dict[str, Any] = {"n": n, "id": "", "label": paragraph.text[:size], "name": heading, "other_names": []}
    other = OTHER_NAME.match(fold(heading))
    if other:
        name = heading[: other.end("name")]
        others = re.split(r"[、,]", heading[other.start("other") : other.end("other")])  # 办公室(财务处、审批处)
        record |= {"name": name, "other_names": [{"name": o, "kind": "bears_name", "source": heading} for o in others if o]}
    record["id"] = division_id(record["name"])
    record["mandate"] = sentences(mandate) if mandate else []
    return record


def _mark_merged(records: list[dict[str, Any]], merged: list[Paragraph]) -> list[Unplaced]:
    unplaced = []
    for paragraph in merged:
        found = MERGED.match(fold(paragraph.text))
        assert found is not None
        name, other = paragraph.text[: found.end("name")], paragraph.text[found.start("other") : found.end("other")]
        division = next((r for r in records if r["name"] == name), None)
        if division is None:
            unplaced.append(Unplaced(paragraph.first, paragraph.text, f"no division is named {name}"))
            continue
        match = [o for o in division["other_names"] if o["name"] == other]
        if not match:  # merged with an office its heading does not name
            division["other_names"].append({"name": other, "kind": "merged_office", "source": paragraph.text})
            continue
        match[0] |= {"kind": "merged_office", "source": paragraph.text}
    return unplaced
