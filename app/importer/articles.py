"""The regulation layout (第一条 …) and the older numbered-section layout (一、职责调整 …), cut into parts."""

import re
from collections.abc import Callable

from app.importer.layouts import Section, Sectioned, title_name
from app.importer.numbering import article_label, item_label, section_label
from app.importer.paragraphs import paragraphs
from app.importer.text import Line, Unplaced, fold

DUTIES_INTRO = re.compile(r"主要职责(?:是)?:$")
DIVISIONS_INTRO = re.compile(r"(?:设下列|设\S*个)内设机构[:。]?$|内设机构(?:如下)?:$")
TRANSFORMATION = re.compile(r"^[\s]*(?:职能转变|转变职能)[。:]")
STAFFING = re.compile(r"行政编制|事业编制|领导职数|编制(?:为)?\d")
SUPPLEMENTARY = re.compile(r"^本规定")
NUMBERED_PARTS = {
    "职责调整": "adjustment",
    "主要职责": "duties",
    "内设机构": "divisions",
    "人员编制": "staffing",
    "人员编制和领导职数": "staffing",
    "机构编制": "staffing",
    "职能转变": "transformation",
    "其他事项": "supplementary",
    "附则": "supplementary",
}


def numbered_part(text: str) -> str | None:
    """The part an older layout's section line such as 二、主要职责 opens, or None."""
    folded = fold(text).strip()
    label = section_label(folded)
    return NUMBERED_PARTS.get(folded[label[1] :].strip().rstrip(":")) if label else None


def _start(lines: list[Line], opens: int) -> tuple[Sectioned, list[Line]]:
    """The lines before the first article or section: a title that names the department, else unplaced."""
    result = Sectioned("", [])
    for line in lines[:opens]:
        name = title_name(line.text)
        if name and result.department is None:
            result.department = name
        else:
            result.unplaced.append(Unplaced(line.number, line.text, "text before the first article or section"))
    return result, lines[opens:]


def regulation(lines: list[Line]) -> Sectioned:
    """Articles 第一条 …: the one that says 主要职责是 holds the duties, 设下列内设机构 the divisions; the rest kept whole."""
    opens = next(k for k, line in enumerate(lines) if article_label(fold(line.text)))
    result, rest = _start(lines, opens)
    result.layout = "regulation"
    for article in _blocks(rest, lambda line: article_label(fold(line.text)) is not None):
        label = article_label(fold(article[0].text))
        assert label is not None
        printed = article[0].text[: label[1]]
        first = Line(article[0].number, article[0].text[label[1] :].strip(" \u3000"))
        _place_article(result, printed, [first, *article[1:]] if first.text else article[1:])
    return result


def numbered(lines: list[Line]) -> Sectioned:
    """Sections 一、职责调整, 二、主要职责, 三、内设机构, 四、人员编制 …, each placed by its heading."""
    opens = next(k for k, line in enumerate(lines) if numbered_part(line.text))
    result, rest = _start(lines, opens)
    result.layout = "numbered-sections"
    for block in _blocks(rest, lambda line: numbered_part(line.text) is not None):
        part = numbered_part(block[0].text)
        assert part is not None
        heading = block[0]
        if part in ("duties", "divisions", "transformation"):
            items = _peel_intro(result, heading.text, part, block[1:])
            result.sections.append(Section(part, heading, items))
        else:
            _keep(result, heading.text, part, block[1:])
    return result


def _blocks(lines: list[Line], opens: Callable[[Line], bool]) -> list[list[Line]]:
    """The lines cut before each line that opens a block (an article, a section)."""
    blocks: list[list[Line]] = []
    for line in lines:
        if opens(line) or not blocks:
            blocks.append([])
        blocks[-1].append(line)
    return blocks


def _place_article(result: Sectioned, label: str, lines: list[Line]) -> None:
    """One article: its intro kept whole, its numbered items placed as duties or divisions, or the article kept whole."""
    folded = fold("".join(line.text for line in lines))
    if lines and (lead := TRANSFORMATION.match(folded)):
        first = lines[0]
        heading = Line(first.number, label + first.text[: lead.end() - 1].strip(" \u3000"))
        rest = [Line(first.number, first.text[lead.end() :]), *lines[1:]]
        result.sections.append(Section("transformation", heading, [line for line in rest if line.text]))
        return
    intro = [p for p in paragraphs(lines) if not item_label(fold(p.text))]
    said = fold(intro[-1].text) if intro else ""
    part = "duties" if DUTIES_INTRO.search(said) else "divisions" if DIVISIONS_INTRO.search(said) else None
    if part is None:
        kind = "supplementary" if SUPPLEMENTARY.match(folded) else "staffing" if STAFFING.search(folded) else "general"
        _keep(result, label, kind, lines)
        return
    items = _peel_intro(result, label, part, lines)
    if part == "duties":
        items, transformation = _split_transformation(items)
        if transformation:
            result.sections.append(Section("transformation", transformation[0], transformation[1:]))
    result.sections.append(Section(part, None, items))


def _peel_intro(result: Sectioned, label: str, kind: str, lines: list[Line]) -> list[Line]:
    """Keep the paragraphs before the first numbered item as provisions; the items from there on."""
    first_item = next((k for k, line in enumerate(lines) if item_label(fold(line.text))), len(lines))
    _keep(result, label, kind, lines[:first_item])
    return lines[first_item:]


def _split_transformation(items: list[Line]) -> tuple[list[Line], list[Line]]:
    """A last numbered duty that is 职能转变 is the transformation, not a duty."""
    found = paragraphs(items)
    if not found:
        return items, []
    last = found[-1]
    label = item_label(fold(last.text))
    if label is None or not TRANSFORMATION.match(fold(last.text)[label[1] :]):
        return items, []
    after = TRANSFORMATION.match(fold(last.text)[label[1] :])
    assert after is not None
    kept = [line for line in items if line.number not in last.numbers]
    heading = Line(last.first, last.text[: label[1] + after.end() - 1])
    return kept, [heading, Line(last.first, last.text[label[1] + after.end() :])]


def _keep(result: Sectioned, section: str, kind: str, lines: list[Line]) -> None:
    for paragraph in paragraphs(lines):
        result.provisions.append({"section": section, "kind": kind, "text": paragraph.text})
