"""Place the parts that are facts in sentences: leaders, the regulation's dates, honours, the address, 职能转变."""

import datetime
import re
from collections.abc import Callable
from typing import Any

from app.importer.numbered_parts import sentences
from app.importer.paragraphs import Paragraph
from app.importer.text import Line, Unplaced, fold

AS_OF = re.compile(r"^(?:更新)?(?:截[止至]|时间|日期)(?:时间|日期)?:?(\d{4})年(\d{1,2})月")
LEADER = re.compile(r"^(?P<name>[^:,。\s]{2,12})(?::|\s+)(?P<title>[^:\s][^:]*)$")
EFFECTIVE = re.compile(r"^本规定自(\d{4})年(\d{1,2})月(\d{1,2})日起施行。$")
INTERPRETED = re.compile(r"^本规定具体解释工作由(?P<a>.+?)承担,其调整事宜提请(?P<r>.+?)审议、报(?P<p>.+?)批准。$")
REPEALS = re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日(?P<by>.+?)印发的《(?P<title>.+?)》同时废止。$")
HONOUR = re.compile(r"^(?P<y>\d{4})年(?P<m>\d{1,2})月,(?P<rest>.+)。$")
LABELLED = re.compile(r"^[^:]{1,6}:")
STATUSES = ("拟被推荐为", "拟表彰为", "拟推荐为", "被评为", "被授予", "被表彰为", "荣获", "获评", "获得")
ADDRESS = re.compile(
    r"^(?P<province>.+?省)?(?P<city>.+?市)?(?P<district>.+?[区县旗])?(?P<subdistrict>.+?(?:街道|镇|乡))?(?P<street>.+)$"
)


def _slice(text: str, found: re.Match[str], group: str | int) -> str:
    """The printed characters a group of a match on the folded text covers."""
    return text[found.start(group) : found.end(group)]


def joined(lines: list[Line], goes_on: Callable[[str, str], bool]) -> list[Line]:
    """Lines with each one that goes on (given the text so far and the next line) joined to the next, as printed."""
    found: list[Line] = []
    for line in lines:
        if found and goes_on(found[-1].text, line.text):
            found[-1] = Line(found[-1].number, found[-1].text + line.text)
        else:
            found.append(line)
    return found


def transformation(paragraphs: list[Paragraph]) -> dict[str, Any]:
    """职能转变 as one text (its paragraphs joined)."""
    return {"text": "".join(p.text for p in paragraphs)}


def leaders(lines: list[Line], department: str) -> tuple[dict[str, Any] | None, list[Unplaced]]:
    """The leaders, one a line as 姓名:职务 (a line ending in 、 goes on on the next), and the month they are current as of."""
    people, as_of, unplaced = [], None, []
    for line in joined(lines, lambda before, _: fold(before).endswith(("、", ","))):
        folded = fold(line.text)
        if (found := AS_OF.match(folded)) and found.end() >= len(folded.rstrip("。")) - 1:
            as_of = {"as_of": f"{found[1]}-{int(found[2]):02d}", "as_of_source": line.text}
        elif found := LEADER.match(folded):
            name, title = _slice(line.text, found, "name"), _slice(line.text, found, "title")
            posts = [p for p in title.removeprefix(department).split("、") if p]
            people.append({"name": name, "title": title, "posts": posts, "source": line.text})
        else:
            unplaced.append(Unplaced(line.number, line.text, "neither 姓名:职务 nor an as-of line such as 更新截止2024年06月"))
    if not people:
        return None, [Unplaced(line.number, line.text, "no line of the leaders reads 姓名:职务") for line in lines]
    return {**(as_of or {}), "people": people}, unplaced


def regulation(paragraphs: list[Paragraph]) -> tuple[dict[str, Any], list[str]]:
    """The regulation's effective date, who interprets it and what it repealed, one sentence each; the other sentences."""
    found: dict[str, Any] = {}
    kept = []
    for paragraph in paragraphs:
        for sentence in sentences(paragraph.text):
            placed = regulation_fact(sentence)
            if placed is None:
                kept.append(sentence)
            else:
                found |= placed
    order = ("effective_date", "source", "interpretation", "repeals")
    return {key: found[key] for key in order if key in found}, kept


def regulation_fact(sentence: str) -> dict[str, Any] | None:
    """The fact one sentence of 其他事项 gives: the effective date, who interprets, what it repeals; else None."""
    folded = fold(sentence)
    if found := EFFECTIVE.match(folded):
        return {"effective_date": datetime.date(int(found[1]), int(found[2]), int(found[3])), "source": sentence}
    if found := INTERPRETED.match(folded):
        bodies = {key: _slice(sentence, found, group) for key, group in _INTERPRETATION.items()}
        return {"interpretation": {**bodies, "source": sentence}}
    if found := REPEALS.match(folded):
        by = _slice(sentence, found, "by")
        title = _slice(sentence, found, "title")
        day = datetime.date(int(found[1]), int(found[2]), int(found[3]))
        repeals = {"title": title, "issued_date": day, "issued_by": by.split("、"), "source": sentence}
        return {"repeals": repeals}
    return None


_INTERPRETATION = {"authority": "a", "amendment_reviewed_by": "r", "amendment_approved_by": "p"}


def honours(paragraphs: list[Paragraph], division_ids: dict[str, str]) -> tuple[list[dict[str, Any]], list[Unplaced]]:
    """The honours, each from one sentence: date, recipient, the body that gave it, status and title."""
    found: list[dict[str, Any]] = []
    unplaced: list[Unplaced] = []
    for paragraph in paragraphs:
        honour = _honour(paragraph.text, division_ids)
        if honour is None:
            reason = "not an honour sentence (YYYY年M月,recipient + 拟表彰为/被评为/荣获… + title)"
            unplaced.append(Unplaced(paragraph.first, paragraph.text, reason))
        else:
            found.append({"n": len(found) + 1, **honour})
    return found, unplaced


def _honour(text: str, division_ids: dict[str, str]) -> dict[str, Any] | None:
    found = HONOUR.match(fold(text))
    if found is None:
        return None
    rest = _slice(text, found, "rest")
    status_at = [(fold(rest).find(s), s) for s in STATUSES if s in fold(rest)]
    if not status_at:
        return None
    at, word = min(status_at)
    who, status, after = rest[:at], rest[at : at + len(word)], rest[at + len(word) :]
    quoted = re.search(r"[“「\"](.+?)[”」\"]", after)
    title = quoted[1] if quoted else after
    recipient, _, awarded_by = who.partition("被")
    if not recipient or not title:
        return None
    division = next((i for name, i in division_ids.items() if recipient.endswith(name)), None)
    return {
        "date": f"{found['y']}-{int(found['m']):02d}",
        "recipient": recipient,
        "division": division,
        "title": title,
        "awarded_by": awarded_by or None,
        "status": status[:-1] if word.startswith("拟") else status,  # 拟表彰(为): the proposal, not its 为
        "source": text,
    }


def address(lines: list[Line]) -> tuple[dict[str, Any], list[Unplaced]]:
    """The office address as printed (a line without a label goes on the one before), split into province, city …"""
    first, *rest = joined(lines, lambda _, after: not LABELLED.match(fold(after)))
    text = first.text
    more = [Unplaced(line.number, line.text, "only the address itself is read under its heading") for line in rest]
    found = ADDRESS.match(fold(text))
    if found is None or LABELLED.match(fold(text)):  # 地址：… kept whole: a label is no part of an address
        return {"text": text}, more
    parts = {key: _slice(text, found, key) for key in found.groupdict() if found[key]}
    return {"text": text, **parts}, more
