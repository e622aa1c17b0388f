"""The contract of data/lnst.yaml: strict, frozen models with the file's cross-checks."""

import datetime
import re
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, model_validator
from pydantic_core import PydanticCustomError

from app.schemas.shared_fields import AgencyLevel, OtherNameKind, ProvisionKind

Loc = tuple[str | int, ...]

CHINESE_DIGITS = "〇一二三四五六七八九"


def chinese_number(n: int) -> str:
    """Write 1..9999 the way the regulation numbers its paragraphs: 十一, 二十, 一百零一 …"""
    if not 1 <= n <= 9999:
        raise ValueError(f"{n} is outside 1..9999")
    if n < 20:
        return ("十" if n >= 10 else "") + (CHINESE_DIGITS[n % 10] if n % 10 or n < 10 else "")
    words, zero = "", False
    for value, unit in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        digit = n // value % 10
        if digit:
            words += ("零" if zero and words else "") + CHINESE_DIGITS[digit] + unit
            zero = False
        else:
            zero = bool(words)
    return words


def printed_label(n: int) -> str:
    """The printed paragraph label for number n: (一), (十六) …"""
    return f"({chinese_number(n)})"


def label_forms(n: int) -> set[str]:
    """Every way a text may print the label of paragraph n: (一) （一） (1) （1） 1. 1、 1．"""
    chinese = chinese_number(n)
    return {f"({chinese})", f"（{chinese}）", f"({n})", f"（{n}）", f"{n}.", f"{n}、", f"{n}．"}


def _single_line(text: str) -> str:
    if not text:
        raise ValueError("must not be empty")
    if "\n" in text or "\r" in text:
        raise ValueError("must be one line: join the lines the source breaks mid-sentence")
    if text != text.strip():
        raise ValueError("must not start or end with white space")
    return text


Text = Annotated[str, AfterValidator(_single_line)]
Slug = Annotated[str, Field(pattern=r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$", max_length=64)]
YearMonth = Annotated[str, Field(pattern=r"^[0-9]{4}-(0[1-9]|1[0-2])$")]
Number = Annotated[int, Field(ge=1)]


class Contract(BaseModel):
    """Base of every part of the data file: strict types, unknown keys rejected, frozen."""

    model_config = ConfigDict(strict=True, extra="forbid", frozen=True)


class Headings(Contract):
    """The section headings as printed in the source; a section the text does not print has none."""

    duties: Text | None = None
    divisions: Text | None = None
    transformation: Text | None = None
    leaders: Text | None = None
    regulation: Text | None = None
    honours: Text | None = None
    address: Text | None = None


class Address(Contract):
    """The office address as printed, and split into the parts it prints."""

    text: Text
    province: Text | None = None
    city: Text | None = None
    district: Text | None = None
    subdistrict: Text | None = None
    street: Text | None = None

    @model_validator(mode="after")
    def _parts_make_the_text(self) -> "Address":
        parts = "".join(part or "" for part in (self.province, self.city, self.district, self.subdistrict, self.street))
        if parts and parts != self.text:  # an address printed with a label (地址：…) is kept whole, unsplit
            raise ValueError(f"the parts join to {parts!r}, not to the text {self.text!r}")
        return self


class Department(Contract):
    """The department itself."""

    name: Text
    address: Address | None = None


class Interpretation(Contract):
    """Who interprets the regulation and how it is amended."""

    authority: Text
    amendment_reviewed_by: Text
    amendment_approved_by: Text
    source: Text


class Repealed(Contract):
    """The regulation that this one repealed."""

    title: Text
    issued_date: datetime.date
    issued_by: list[Text] = Field(min_length=1)
    source: Text


class Regulation(Contract):
    """The regulation's dates, interpretation authority and the regulation it repealed, as far as the text prints them."""

    effective_date: datetime.date | None = None
    source: Text | None = None
    interpretation: Interpretation | None = None
    repeals: Repealed | None = None

    @model_validator(mode="after")
    def _date_with_its_sentence(self) -> "Regulation":
        if (self.effective_date is None) != (self.source is None):
            raise ValueError("effective_date and source come together: the date and the sentence that gives it")
        return self


class Numbered(Contract):
    """A paragraph numbered n and printed with a label such as (一)."""

    n: Number
    label: Text


class Duty(Numbered):
    """One numbered main duty (主要职责)."""

    text: Text


class OtherName(Contract):
    """Another name a division bears, with the kind of relation and its evidence."""

    name: Text
    kind: OtherNameKind
    source: Text


class Division(Numbered):
    """One internal division (内设机构) and its mandate, one item per sentence."""

    id: Slug
    name: Text
    other_names: list[OtherName] = []
    mandate: list[Text] = []  # a division printed with its name alone has none


class Transformation(Contract):
    """The function transformation (职能转变) paragraph."""

    text: Text


class Leader(Contract):
    """One current leader."""

    name: Text
    title: Text
    posts: list[Text] = Field(min_length=1)
    source: Text


class Leaders(Contract):
    """The current leadership and the month it was last updated, where the text prints one."""

    as_of: YearMonth | None = None
    as_of_source: Text | None = None
    people: list[Leader] = Field(min_length=1)

    @model_validator(mode="after")
    def _month_with_its_line(self) -> "Leaders":
        if (self.as_of is None) != (self.as_of_source is None):
            raise ValueError("as_of and as_of_source come together: the month and the line that gives it")
        return self


class Honour(Contract):
    """One honour, with its status exactly as the source words it."""

    n: Number
    date: YearMonth
    recipient: Text
    division: Slug | None
    title: Text
    awarded_by: Text | None
    status: Text
    source: Text


class Provision(Contract):
    """A paragraph no other part holds (purpose, status, staffing …), kept whole under its section, with its kind."""

    section: Text
    kind: ProvisionKind
    text: Text


class Evidence(Contract):
    """Mandate items of one division that carry a duty (numbered from 1)."""

    division: Slug
    items: list[Number] = Field(min_length=1)


class DutyLink(Contract):
    """Editorial: the divisions that carry one duty, with their evidence."""

    duty: Number
    evidence: list[Evidence]
    unassigned_reason: Text | None = None


class Abbreviation(Contract):
    """Editorial: a common abbreviation and the words of this text it stands for."""

    short: Text
    full: Text
    expands_to: list[Text] = Field(min_length=1)


ItemRef = Annotated[str, Field(pattern=r"^[a-z][a-z0-9]*(-[a-z0-9]+)*\.[1-9][0-9]*$")]


SUBJECT_LINE = re.compile(r"^(?P<en>[^→|]+?) → (?P<items>[^→|]+?)(?: \| (?P<duties>[0-9, ]+))?$")
OUTSIDE_LINE = re.compile(r"^(?P<en>[^→]+?) → (?P<agency>[a-z][a-z0-9-]*)$")
AGENCY_LINE = re.compile(r"^(?P<name>[^|]+?) \| (?P<en>[^|]+?) \| (?P<level>[a-z]+)(?: \| local: (?P<local>[a-z][a-z0-9-]*))?$")
Level = AgencyLevel


def _parts(text: str) -> list[str]:
    return [part.strip() for part in re.split(r"[;,]", text) if part.strip()]


def _one_line(pattern: re.Pattern[str], form: str, fields: Callable[[re.Match[str]], dict[str, Any]]) -> Callable[[Any], Any]:
    """A validator that reads a one-line form, written as `form`, into the fields it stands for (a mapping passes)."""

    def read(value: Any) -> Any:
        if not isinstance(value, str):
            return value
        found = pattern.match(value)
        if found is None:
            raise ValueError(f"write it as '{form}'")
        return fields(found)

    return read


def _subject_fields(found: re.Match[str]) -> dict[str, Any]:
    items = _parts(found["items"])
    divisions = list(dict.fromkeys(item.rsplit(".", 1)[0] for item in items))
    duties = [int(n) for n in _parts(found["duties"] or "")]
    return {"en": _english(found), "divisions": divisions, "items": items, "duties": duties}


def _outside_fields(found: re.Match[str]) -> dict[str, Any]:
    return {"en": _english(found), "agency": found["agency"].strip()}


def _agency_fields(found: re.Match[str]) -> dict[str, Any]:
    return {"name": found["name"].strip(), "en": found["en"].strip(), "level": found["level"], "local": found["local"]}


def _english(found: re.Match[str]) -> list[str]:
    return [e.strip() for e in found["en"].split(";")]


class Subject(Contract):
    """Editorial: what a term the public uses stands for: English, the divisions responsible (in order), the items."""

    en: list[Text] = Field(min_length=1)
    divisions: list[Slug] = Field(min_length=1)
    items: list[ItemRef] = Field(min_length=1)
    duties: list[Number] = []


class OutsideRemit(Contract):
    """Editorial: a matter another agency handles, so a question about it is not routed here but referred there."""

    en: list[Text] = Field(min_length=1)
    agency: Slug


class Agency(Contract):
    """Editorial: another agency as the department's own government names it, in English, with its level."""

    name: Text
    en: Text
    level: Level
    local: Slug | None = None  # the agency handling its matters where a question names a city (市生态环境局 for 生态环境厅)


class SubjectRoles(Contract):
    """Editorial: what a question asks for (outweighing the rest), names in passing and channels (outweighed by any matter)."""

    asks: list[Text] = []  # (among other agencies' matters) what decides whatever else is named: being defrauded
    in_passing: list[Text] = []  # a programme, a place, a person or (among other agencies' matters) an agency
    channels: list[Text] = []


_subject_line = _one_line(SUBJECT_LINE, "english; other english → division-id.item, … | duty, …", _subject_fields)
_outside_line = _one_line(OUTSIDE_LINE, "english; other english → agency-id", _outside_fields)
_agency_line = _one_line(AGENCY_LINE, "中文名称 | English name | province, city or county [| local: agency-id]", _agency_fields)
SubjectLine = Annotated[Subject, BeforeValidator(_subject_line, json_schema_input_type=str)]
OutsideLine = Annotated[OutsideRemit, BeforeValidator(_outside_line, json_schema_input_type=str)]
AgencyLine = Annotated[Agency, BeforeValidator(_agency_line, json_schema_input_type=str)]


class OtherNameEnglish(Contract):
    """An other name and its source sentence in English."""

    name: Text
    source: Text


class LeaderEnglish(Contract):
    """A leader's line in English."""

    name: Text
    title: Text
    posts: list[Text] = Field(min_length=1)
    source: Text


class LeadersEnglish(Contract):
    """The leadership in English."""

    as_of: Text
    people: list[LeaderEnglish]


class InterpretationEnglish(Contract):
    """The interpretation sentence and its bodies in English."""

    authority: Text
    amendment_reviewed_by: Text
    amendment_approved_by: Text
    source: Text


class RepealedEnglish(Contract):
    """The repealed regulation in English."""

    title: Text
    issued_by: list[Text] = Field(min_length=1)
    source: Text


class RegulationEnglish(Contract):
    """The regulation's facts in English."""

    source: Text
    interpretation: InterpretationEnglish
    repeals: RepealedEnglish


class HonourEnglish(Contract):
    """An honour in English; its status keeps the meaning (a proposal is not an award)."""

    recipient: Text
    title: Text
    awarded_by: Text | None
    status: Text
    source: Text


class English(Contract):
    """Editorial: this project's English translation of every official text."""

    headings: Headings
    address: Text
    duties: list[Text]
    mandates: dict[Slug, list[Text]]
    other_names: dict[str, OtherNameEnglish]
    transformation: list[Text]
    leaders: LeadersEnglish
    regulation: RegulationEnglish
    honours: list[HonourEnglish]


class Editorial(Contract):
    """Everything this project adds to the official text."""

    department_name_en: Text | None = None
    division_names_en: dict[Slug, Text] = {}
    duty_links: list[DutyLink] = []
    abbreviations: list[Abbreviation] = []
    english: English | None = None
    subjects: dict[Text, SubjectLine] = {}
    ask_examples: list[Text] = []
    subject_roles: SubjectRoles = SubjectRoles()
    agencies: dict[Slug, AgencyLine] = {}
    outside_remit: dict[Text, OutsideLine] = {}


class Problem(BaseModel):
    """One cross-check failure, located by its path in the data file."""

    loc: Loc
    message: str


def _contiguous(loc: str, numbers: list[int]) -> Iterator[Problem]:
    for index, n in enumerate(numbers):
        if n != index + 1:
            yield Problem(loc=(loc, index, "n"), message=f"number {n} is out of sequence: expected {index + 1}")


def _year_month_in(text: str, year_month: str) -> bool:
    year, month = (int(part) for part in year_month.split("-"))
    return f"{year}年{month}月" in text or f"{year}年{month:02d}月" in text


def _chinese_date(day: datetime.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


class DatasetInfo(Contract):
    """About the data file itself, not from the source: the day it was last edited, and the text it was made from."""

    modified: datetime.date
    source: Text | None = None


class SourceData(Contract):
    """The whole data file."""

    dataset: DatasetInfo | None = None
    headings: Headings
    department: Department
    regulation: Regulation | None = None
    duties: list[Duty] = Field(min_length=1)
    divisions: list[Division] = Field(min_length=1)
    transformation: Transformation | None = None
    leaders: Leaders | None = None
    honours: list[Honour] = []
    provisions: list[Provision] = []
    editorial: Editorial

    @model_validator(mode="after")
    def _cross_check(self) -> "SourceData":
        problems = list(self.problems())
        if problems:
            raise PydanticCustomError(
                "cross_check",
                "{count} cross-check problem(s)",
                {"count": len(problems), "problems": [(p.loc, p.message) for p in problems]},
            )
        return self

    def problems(self) -> Iterator[Problem]:
        """Every cross-check that types alone cannot express."""
        for check in (_numbering_problems, _name_problems, _regulation_problems, _leader_problems, _honour_problems):
            yield from check(self)
        yield from _editorial_problems(self)
        yield from _english_problems(self)
        yield from _subject_problems(self)


def _numbering_problems(data: "SourceData") -> Iterator[Problem]:
    numbered: list[tuple[str, Sequence[Numbered]]] = [("duties", data.duties), ("divisions", data.divisions)]
    for key, records in numbered:
        yield from _contiguous(key, [r.n for r in records])
        for index, record in enumerate(records):
            if record.label not in label_forms(record.n):
                message = f"label {record.label!r} does not match number {record.n}: expected {printed_label(record.n)!r}"
                yield Problem(loc=(key, index, "label"), message=message)
    yield from _contiguous("honours", [h.n for h in data.honours])


def _name_problems(data: "SourceData") -> Iterator[Problem]:
    seen_ids: set[str] = set()
    seen_names: set[str] = set()
    for index, division in enumerate(data.divisions):
        if division.id in seen_ids:
            yield Problem(loc=("divisions", index, "id"), message=f"id {division.id!r} is used twice")
        seen_ids.add(division.id)
        names: list[tuple[Loc, str]] = [((index, "name"), division.name)]
        names += [((index, "other_names", k, "name"), o.name) for k, o in enumerate(division.other_names)]
        for where, name in names:
            if name in seen_names:
                yield Problem(loc=("divisions", *where), message=f"name {name!r} is used twice")
            seen_names.add(name)
        for k, other in enumerate(division.other_names):
            if other.name not in other.source:
                message = f"the source {other.source!r} does not name {other.name!r}"
                yield Problem(loc=("divisions", index, "other_names", k, "source"), message=message)
        for where, name in names:
            if name.isdigit():
                yield Problem(loc=("divisions", *where), message="a name may not be all digits: it would read as a number")


def _regulation_problems(data: "SourceData") -> Iterator[Problem]:
    regulation = data.regulation
    if regulation is None:
        return
    if regulation.effective_date and regulation.source and _chinese_date(regulation.effective_date) not in regulation.source:
        message = f"the source does not give the effective date {_chinese_date(regulation.effective_date)!r}"
        yield Problem(loc=("regulation", "effective_date"), message=message)
    interpretation = regulation.interpretation
    for field in ("authority", "amendment_reviewed_by", "amendment_approved_by"):
        if interpretation and getattr(interpretation, field) not in interpretation.source:
            yield Problem(loc=("regulation", "interpretation", field), message="not found in its source sentence")
    repeals = regulation.repeals
    if repeals is None:
        return
    if f"《{repeals.title}》" not in repeals.source:
        yield Problem(loc=("regulation", "repeals", "title"), message="not found in its source sentence")
    if _chinese_date(repeals.issued_date) not in repeals.source:
        yield Problem(loc=("regulation", "repeals", "issued_date"), message="not the date its source sentence gives")
    for k, issuer in enumerate(repeals.issued_by):
        if issuer not in repeals.source:
            yield Problem(loc=("regulation", "repeals", "issued_by", k), message="not found in its source sentence")


def _leader_problems(data: "SourceData") -> Iterator[Problem]:
    if data.leaders is None:
        return
    as_of, line = data.leaders.as_of, data.leaders.as_of_source
    if as_of is not None and line is not None and not _year_month_in(line, as_of):
        yield Problem(loc=("leaders", "as_of"), message="not the month its source line gives")
    for index, leader in enumerate(data.leaders.people):
        if not leader.source.startswith(leader.name) or not leader.source.endswith(leader.title):
            message = "the source line must be the name, a separator and the title"
            yield Problem(loc=("leaders", "people", index, "source"), message=message)
        for k, post in enumerate(leader.posts):
            if post not in leader.title:
                yield Problem(loc=("leaders", "people", index, "posts", k), message="not found in the title")


def _honour_problems(data: "SourceData") -> Iterator[Problem]:
    division_names = {d.id: d.name for d in data.divisions}
    for index, honour in enumerate(data.honours):
        if not _year_month_in(honour.source, honour.date):
            yield Problem(loc=("honours", index, "date"), message="not the month its source sentence gives")
        for field in ("recipient", "title", "awarded_by", "status"):
            value = getattr(honour, field)
            if value is not None and value not in honour.source:
                yield Problem(loc=("honours", index, field), message="not found in its source sentence")
        if honour.division is not None:
            name = division_names.get(honour.division)
            if name is None:
                yield Problem(loc=("honours", index, "division"), message=f"no division has id {honour.division!r}")
            elif not honour.recipient.endswith(name):
                message = f"the recipient {honour.recipient!r} is not division {name!r}"
                yield Problem(loc=("honours", index, "division"), message=message)


def _editorial_problems(data: "SourceData") -> Iterator[Problem]:
    editorial = data.editorial
    mandate_sizes = {d.id: len(d.mandate) for d in data.divisions}
    for division_id in editorial.division_names_en:
        if division_id not in mandate_sizes:
            yield Problem(loc=("editorial", "division_names_en", division_id), message="no division has this id")
    if editorial.division_names_en:  # none (a fresh import) or every division
        for division_id in mandate_sizes.keys() - editorial.division_names_en.keys():
            yield Problem(loc=("editorial", "division_names_en"), message=f"no English name for {division_id!r}")
    linked = [link.duty for link in editorial.duty_links]
    expected = [d.n for d in data.duties]
    if linked != [n for n in expected if n in linked]:  # a fresh or carried-over import links some duties, or none
        message = f"must list duties at most once each, in order: found {linked}, duties are {expected}"
        yield Problem(loc=("editorial", "duty_links"), message=message)
    for index, link in enumerate(editorial.duty_links):
        here: Loc = ("editorial", "duty_links", index)
        if not link.evidence and link.unassigned_reason is None:
            yield Problem(loc=(*here, "evidence"), message="a duty with no division needs an unassigned_reason")
        if link.evidence and link.unassigned_reason is not None:
            yield Problem(loc=(*here, "unassigned_reason"), message="only a duty with no division has one")
        seen: set[str] = set()
        for k, evidence in enumerate(link.evidence):
            size = mandate_sizes.get(evidence.division)
            if size is None:
                yield Problem(loc=(*here, "evidence", k, "division"), message=f"no division has id {evidence.division!r}")
                continue
            if evidence.division in seen:
                yield Problem(loc=(*here, "evidence", k, "division"), message="division cited twice for this duty")
            seen.add(evidence.division)
            for j, item in enumerate(evidence.items):
                if item > size:
                    message = f"division {evidence.division!r} has {size} mandate item(s), not {item}"
                    yield Problem(loc=(*here, "evidence", k, "items", j), message=message)
    transformation = [data.transformation.text] if data.transformation else []
    official_text = "".join([d.text for d in data.duties] + [m for d in data.divisions for m in d.mandate] + transformation)
    shorts: set[str] = set()
    for index, abbreviation in enumerate(editorial.abbreviations):
        if abbreviation.short in shorts:
            yield Problem(loc=("editorial", "abbreviations", index, "short"), message="abbreviation listed twice")
        shorts.add(abbreviation.short)
        if not any(term in official_text for term in abbreviation.expands_to):
            message = "none of these words occurs in the official text"
            yield Problem(loc=("editorial", "abbreviations", index, "expands_to"), message=message)


def _english_problems(data: "SourceData") -> Iterator[Problem]:
    english, here = data.editorial.english, ("editorial", "english")
    if english is None:
        return
    people = data.leaders.people if data.leaders else []
    paragraph = sentences(data.transformation.text) if data.transformation else []
    counts: list[tuple[Loc, int, int]] = [
        ((*here, "duties"), len(english.duties), len(data.duties)),
        ((*here, "transformation"), len(english.transformation), len(paragraph)),
        ((*here, "leaders", "people"), len(english.leaders.people), len(people)),
        ((*here, "honours"), len(english.honours), len(data.honours)),
    ]
    counts += [((*here, "mandates", d.id), len(english.mandates.get(d.id, [])), len(d.mandate)) for d in data.divisions]
    counts += [
        ((*here, "leaders", "people", k, "posts"), len(e.posts), len(p.posts))
        for k, (e, p) in enumerate(zip(english.leaders.people, people, strict=False))
    ]
    for loc, found, expected in counts:
        if found != expected:
            yield Problem(loc=loc, message=f"{found} translation(s) for {expected} official text(s)")
    names = {o.name for d in data.divisions for o in d.other_names}
    if set(english.other_names) != names:
        yield Problem(loc=(*here, "other_names"), message=f"must translate exactly the other names {sorted(names)}")
    for k, (e, h) in enumerate(zip(english.honours, data.honours, strict=False)):
        if (e.awarded_by is None) != (h.awarded_by is None):
            yield Problem(loc=(*here, "honours", k, "awarded_by"), message="null exactly where the official text names no body")


def _subject_problems(data: "SourceData") -> Iterator[Problem]:
    sizes = {d.id: len(d.mandate) for d in data.divisions}
    first: dict[str, str] = {}
    for term, subject in data.editorial.subjects.items():
        here: Loc = ("editorial", "subjects", term)
        key = unicodedata.normalize("NFKC", term).lower()
        if key in first:
            yield Problem(loc=here, message=f"the same term as {first[key]!r}: list it once, its divisions in order")
        first.setdefault(key, term)
        for j, item in enumerate(subject.items):
            division, i = item.rsplit(".", 1)
            if division not in sizes:
                yield Problem(loc=here, message=f"item {j + 1} ({item!r}): no division has id {division!r}")
            elif int(i) > sizes[division]:
                yield Problem(loc=here, message=f"item {j + 1} ({item!r}): division {division!r} has no item {i}")
        for n in subject.duties:
            if n > len(data.duties):
                yield Problem(loc=here, message=f"no duty has number {n}")
    for term, outside in data.editorial.outside_remit.items():
        key = unicodedata.normalize("NFKC", term).lower()
        if key in first:
            yield Problem(loc=("editorial", "outside_remit", term), message=f"also a subject of this department ({first[key]!r})")
        first.setdefault(key, term)
        if outside.agency not in data.editorial.agencies:
            yield Problem(loc=("editorial", "outside_remit", term), message=f"no agency has id {outside.agency!r}")
    for key, agency in data.editorial.agencies.items():
        if agency.local is None:
            continue
        local = data.editorial.agencies.get(agency.local)
        if local is None:
            yield Problem(loc=("editorial", "agencies", key), message=f"no agency has id {agency.local!r}")
        elif agency.level != "province" or local.level == "province":
            yield Problem(loc=("editorial", "agencies", key), message="only a province's agency has a local one, below it")
    roles = data.editorial.subject_roles
    for role, terms in (("asks", roles.asks), ("in_passing", roles.in_passing), ("channels", roles.channels)):
        for k, term in enumerate(terms):
            if term not in data.editorial.subjects and (role == "channels" or term not in data.editorial.outside_remit):
                yield Problem(loc=("editorial", "subject_roles", role, k), message=f"{term!r} is not a subject term")


def sentences(text: str) -> list[str]:
    """A paragraph split after each 。 (the whole text if it does not end with one)."""
    return [part + "。" for part in text.split("。") if part] if text.endswith("。") else [text]


def data_file_schema() -> dict[str, Any]:
    """The JSON Schema of data/lnst.yaml, for editors (yaml-language-server) and standard validators."""
    schema = SourceData.model_json_schema(mode="validation")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "lnst-api data file (data/lnst.yaml)",
        "description": "部门职能配置数据文件 / The data file of one department's mandate (三定), as `lnst-api import` "
        "writes it. Generated from app/schemas/source.py by `lnst-api schema`; do not edit by hand. Cross-checks "
        "(numbering, references, text found in its source sentence) run in `lnst-api validate`, not here.",
        **{key: value for key, value in schema.items() if key not in ("title", "description")},
    }
