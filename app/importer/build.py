"""Assemble the placed parts of a text into a data file's plain values, in the order of data/lnst.yaml."""

import re
from dataclasses import dataclass
from typing import Any

from app.importer import fact_parts, numbered_parts
from app.importer.articles import TRANSFORMATION
from app.importer.detect import cut
from app.importer.layouts import Sectioned, title_name
from app.importer.paragraphs import paragraphs
from app.importer.text import ImportFailure, Line, Unplaced, decode, fold, lines_of

DEPARTMENT_PREFIX = re.compile(
    r"(?:^[^:]{2,12}:|^\d{4}年\d{1,2}月,)([^,:、。]+?省[^,:、。]*?(?:委员会|办公厅|厅|局|委|中心|院|署))"
)
ORDER = (
    "headings",
    "department",
    "regulation",
    "duties",
    "divisions",
    "transformation",
    "leaders",
    "honours",
    "provisions",
    "editorial",
)


HEADING_ORDER = ("duties", "divisions", "transformation", "leaders", "regulation", "honours", "address")


@dataclass(frozen=True)
class Imported:
    """The data file's values, the layout read, and every line left unplaced."""

    layout: str
    data: dict[str, Any]
    lines: int
    unplaced: list[Unplaced]

    @property
    def placed(self) -> int:
        """How many non-blank lines were placed."""
        return self.lines - len({u.line for u in self.unplaced})


def import_text(raw: bytes, department: str | None = None) -> Imported:
    """Read a published text (UTF-8 or GB18030) in any known layout; ImportFailure when it cannot be read at all."""
    lines = lines_of(decode(raw))
    sectioned = cut(lines)
    data, unplaced = assemble(sectioned, department)
    return Imported(sectioned.layout, data, len(lines), sorted(sectioned.unplaced + unplaced, key=lambda u: u.line))


def assemble(sectioned: Sectioned, department: str | None) -> tuple[dict[str, Any], list[Unplaced]]:
    """The data file's values from the sections; parts the text lacks are left out."""
    parts = {section.part: section.lines for section in sectioned.sections}
    found: dict[str, Any] = {"headings": {s.part: s.heading.text for s in sectioned.sections if s.heading is not None}}
    found["headings"] = {key: found["headings"][key] for key in HEADING_ORDER if key in found["headings"]}
    unplaced = _numbered(found, sectioned)
    if "regulation" in parts:
        facts, kept = fact_parts.regulation(paragraphs(parts["regulation"]))
        found |= {"regulation": facts} if facts else {}
        heading = next(s.heading.text for s in sectioned.sections if s.part == "regulation" and s.heading)
        sectioned.provisions += [{"section": heading, "kind": "supplementary", "text": text} for text in kept]
    elif facts := _facts(sectioned.provisions):  # the regulation layouts state them in their articles
        found["regulation"] = facts
    for section in sectioned.sections:
        if section.part.startswith("kept:") and section.heading is not None:
            kind, heading = section.part.removeprefix("kept:"), section.heading.text
            sectioned.provisions += [{"section": heading, "kind": kind, "text": p.text} for p in paragraphs(section.lines)]
    if sectioned.provisions:
        found["provisions"] = sectioned.provisions
    name = department or sectioned.department or _repealed_name(found.get("regulation", {})) or _printed_name(parts)
    if name is None:
        raise ImportFailure(0, "the text does not name the department (no title line): give its name with --name")
    found["department"] = {"name": name}
    if parts.get("address"):
        found["department"]["address"], more = fact_parts.address(parts["address"])
        unplaced += more
    if "transformation" in parts:
        found["transformation"] = fact_parts.transformation(paragraphs(parts["transformation"]))
    if "leaders" in parts:
        leaders, more = fact_parts.leaders(parts["leaders"], name)
        found |= {"leaders": leaders} if leaders else {}
        unplaced += more
    if "honours" in parts:
        ids = {d["name"]: d["id"] for d in found.get("divisions", [])}
        found["honours"], more = fact_parts.honours(paragraphs(parts["honours"]), ids)
        unplaced += more
    found["editorial"] = {}
    return {key: found[key] for key in ORDER if key in found}, unplaced


def _numbered(found: dict[str, Any], sectioned: Sectioned) -> list[Unplaced]:
    """Duties and divisions; a paragraph before the first numbered one (主要职责是：) is kept as a provision."""
    unplaced: list[Unplaced] = []
    for section in sectioned.sections:
        if section.part not in ("duties", "divisions"):
            continue
        before, items = numbered_parts.intro(paragraphs(section.lines))
        heading = section.heading.text if section.heading else section.part
        sectioned.provisions += [{"section": heading, "kind": section.part, "text": p.text} for p in before]
        place = numbered_parts.duties if section.part == "duties" else numbered_parts.divisions
        found[section.part], more = place(items)
        unplaced += more
    _last_duty_as_transformation(found, sectioned)
    return unplaced


def _last_duty_as_transformation(found: dict[str, Any], sectioned: Sectioned) -> None:
    """A last numbered duty that reads （N）职能转变。… is the transformation, when the text has no section for it."""
    duties = found.get("duties", [])
    if not duties or any(section.part == "transformation" for section in sectioned.sections):
        return
    lead = TRANSFORMATION.match(fold(duties[-1]["text"]))
    if lead:
        last = duties.pop()
        found["transformation"] = {"text": last["text"][lead.end() :]}
        found["headings"]["transformation"] = last["label"] + last["text"][: lead.end() - 1]


def _facts(provisions: list[dict[str, str]]) -> dict[str, Any]:
    """The regulation's dates and authority, where a kept article states them in a sentence this importer knows."""
    found: dict[str, Any] = {}
    for provision in provisions:
        for sentence in numbered_parts.sentences(provision["text"]):
            found |= fact_parts.regulation_fact(sentence) or {}
    return found


def _printed_name(parts: dict[str, list[Line]]) -> str | None:
    """The department's name as the leaders' titles or the honours' recipients begin with it (甲省乙厅副厅长 …)."""
    lines = [*parts.get("leaders", []), *parts.get("honours", [])]
    found = [match[1] for line in lines if (match := DEPARTMENT_PREFIX.search(fold(line.text)))]
    if not found:
        return None
    folded = max(set(found), key=found.count)
    line = next(line.text for line in lines if folded in fold(line.text))
    start = fold(line).index(folded)
    return line[start : start + len(folded)]


def _repealed_name(regulation: dict[str, Any]) -> str | None:
    repeals = regulation.get("repeals")
    return title_name(repeals["title"]) if repeals else None
