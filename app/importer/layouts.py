"""The profile layout: headings on lines of their own cut the text into sections, one per part of the data file."""

import re
from dataclasses import dataclass, field

from app.importer.text import ImportFailure, Line, Unplaced, fold

PROFILE_HEADINGS = {
    "主要职责": "duties",
    "内设机构": "divisions",
    "职能转变": "transformation",
    "部门职责": "duties",
    "职责": "duties",
    "机构设置": "divisions",
    "现任领导": "leaders",
    "领导信息": "leaders",
    "领导班子": "leaders",
    "领导成员": "leaders",
    "其他事项": "regulation",
    "附则": "regulation",
    "所获荣誉": "honours",
    "获得荣誉": "honours",
    "荣誉": "honours",
    "办公地址": "address",
    "地址": "address",
    "联系地址": "address",
    # sections no part of the data file holds: kept whole as provisions of this kind
    "人员编制": "kept:staffing",
    "编制和领导职数": "kept:staffing",
    "直属单位": "kept:general",
    "所属单位": "kept:general",
    "下属单位": "kept:general",
    "联系方式": "kept:general",
    "联系电话": "kept:general",
    "部门简介": "kept:general",
    "单位简介": "kept:general",
    "机构简介": "kept:general",
}
TITLE = re.compile(r"^(?P<name>.+?)(?:(?:主要)?职能配置、内设机构和人员编制规定|主要职责、?内设机构和人员编制规定)$")
NAME_LINE = re.compile(r"^(?P<name>[^\s,。:;、()《》]{2,30}(?:厅|局|委员会|委|办公室|中心|院|署|部|会))$")


@dataclass
class Section:
    """The lines under one heading: the part they belong to and the heading as printed."""

    part: str
    heading: Line | None
    lines: list[Line] = field(default_factory=list)


@dataclass
class Sectioned:
    """A text cut into sections, the department's name if the text prints it, its articles kept whole, lines unplaced."""

    layout: str
    sections: list[Section]
    department: str | None = None
    unplaced: list[Unplaced] = field(default_factory=list)
    provisions: list[dict[str, str]] = field(default_factory=list)


def profile_part(text: str) -> str | None:
    """The part a profile heading line opens (主要职责, 內設機構 …), or None."""
    return PROFILE_HEADINGS.get(fold(text).strip().strip("【】[]〔〕").rstrip(":").strip())


def title_name(text: str) -> str | None:
    """The department's name from a title line such as 甲省乙厅职能配置、内设机构和人员编制规定, or a line that is a name."""
    found = TITLE.match(fold(text).strip("《》")) or NAME_LINE.match(fold(text))
    return text.strip("《》")[: found.end("name")] if found else None


def profile(lines: list[Line]) -> Sectioned:
    """Sections under standalone headings (主要职责, 内设机构, 职能转变, 现任领导, 其他事项, 所获荣誉, 办公地址)."""
    result = Sectioned("profile", [])
    for line in lines:
        part = profile_part(line.text)
        if part is not None:
            if not part.startswith("kept:") and any(section.part == part for section in result.sections):
                raise ImportFailure(line.number, f"the heading {line.text} is printed twice")
            result.sections.append(Section(part, line))
        elif result.sections:
            result.sections[-1].lines.append(line)
        elif result.department is None and (name := title_name(line.text)):
            result.department = name
        else:
            result.unplaced.append(Unplaced(line.number, line.text, "text before the first heading"))
    return result
