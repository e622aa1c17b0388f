"""The validated data file as table rows: what `open_store` inserts, as plain values by table (inserted in bulk)."""

from collections.abc import Iterable, Iterator
from typing import Any

from pydantic_core import PydanticUndefined
from sqlmodel import SQLModel

from app.data import tables
from app.data import translation_keys as keys
from app.schemas.source import English, SourceData

Row = tuple[type[SQLModel], dict[str, Any]]  # a table and one row's values
Tables = dict[type[SQLModel], list[dict[str, Any]]]  # every row's values, by table, tables in the order to fill them


def by_table(found: Iterable[Row]) -> Tables:
    """Rows grouped by table, each table first seen (so parents before children) first; every field filled."""
    grouped: Tables = {}
    for table, given in found:
        grouped.setdefault(table, []).append(_values(table, given))
    return grouped


def _values(table: type[SQLModel], given: dict[str, Any]) -> dict[str, Any]:
    """The table's fields from `given`, defaults for the rest; a key left unset is left to the database."""
    values = {name: given.get(name, field.default) for name, field in table.model_fields.items()}
    missing = [name for name, value in values.items() if value is PydanticUndefined]
    if missing:
        raise ValueError(f"{table.__name__}: no value for {', '.join(missing)}")
    if values.get("key", 0) is None:
        del values["key"]
    return values


def rows(data: SourceData) -> Iterator[Row]:
    """Every row but the editorial evidence links and subjects, parents before children; a part the text lacks has none."""
    editorial = data.editorial
    for position, (key, heading) in enumerate(data.headings.model_dump(exclude_none=True).items()):
        yield tables.HeadingRow, {"key": key, "position": position, "heading": heading}
    yield tables.DepartmentRow, {"name": data.department.name, "name_en": editorial.department_name_en}
    if data.department.address is not None:
        yield tables.AddressRow, data.department.address.model_dump()
    yield from _regulation_rows(data)
    reasons = {link.duty: link.unassigned_reason for link in editorial.duty_links}
    for duty in data.duties:
        yield tables.DutyRow, {**duty.model_dump(), "unassigned_reason": reasons.get(duty.n)}
    for division in data.divisions:
        yield tables.DivisionRow, {**division.model_dump(), "name_en": editorial.division_names_en.get(division.id)}
        for position, other in enumerate(division.other_names):
            yield tables.OtherNameRow, {**other.model_dump(), "division_n": division.n, "position": position}
        for i, text in enumerate(division.mandate, start=1):
            yield tables.MandateItemRow, {"division_n": division.n, "i": i, "text": text}
    if data.transformation is not None:
        yield tables.TransformationRow, {"text": data.transformation.text}
    leaders = data.leaders
    for position, leader in enumerate(leaders.people if leaders else []):
        as_of = {"as_of": leaders.as_of, "as_of_source": leaders.as_of_source} if leaders else {}
        yield tables.LeaderRow, {**leader.model_dump(), "position": position, **as_of}
    numbers = {d.id: d.n for d in data.divisions}
    for honour in data.honours:
        yield tables.HonourRow, {**honour.model_dump(), "division_n": numbers[honour.division] if honour.division else None}
    for position, provision in enumerate(data.provisions):
        yield tables.ProvisionRow, {**provision.model_dump(), "position": position}
    for position, abbreviation in enumerate(editorial.abbreviations):
        yield tables.AbbreviationRow, {**abbreviation.model_dump(), "position": position}


def _regulation_rows(data: SourceData) -> Iterator[Row]:
    """The regulation's facts, those the text prints."""
    regulation = data.regulation
    if regulation is None:
        return
    yield tables.RegulationRow, {"effective_date": regulation.effective_date, "source": regulation.source}
    if regulation.interpretation is not None:
        yield tables.InterpretationRow, regulation.interpretation.model_dump()
    if regulation.repeals is not None:
        yield tables.RepealedRow, regulation.repeals.model_dump()


def translation_rows(data: SourceData) -> Iterator[Row]:
    """Editorial: the English of every official text, keyed by the text's place."""
    english = data.editorial.english
    if english is None:
        return
    for key, text in translations(english, data):
        yield tables.TranslationRow, {"key": key, "text_en": text}


def translations(english: English, data: SourceData) -> Iterator[tuple[str, str]]:
    """(place, English) for every translated text."""
    yield from ((keys.heading(section), text) for section, text in english.headings.model_dump().items())
    yield keys.ADDRESS, english.address
    yield from ((keys.duty(n), text) for n, text in enumerate(english.duties, start=1))
    for division, texts in english.mandates.items():
        yield from ((keys.mandate(division, i), text) for i, text in enumerate(texts, start=1))
    for name, other in english.other_names.items():
        yield from ((keys.other_name(name, field), text) for field, text in other.model_dump().items())
    yield from ((keys.transformation(k), text) for k, text in enumerate(english.transformation, start=1))
    yield keys.LEADERS_AS_OF, english.leaders.as_of
    for position, leader in enumerate(english.leaders.people):
        yield from ((keys.leader(position, f), leader.model_dump()[f]) for f in ("name", "title", "source"))
        yield from ((keys.leader_post(position, j), post) for j, post in enumerate(leader.posts))
    regulation = english.regulation
    yield keys.REGULATION, regulation.source
    yield from ((keys.interpretation(field), text) for field, text in regulation.interpretation.model_dump().items())
    yield from ((keys.repealed(f), regulation.repeals.model_dump()[f]) for f in ("title", "source"))
    yield from ((keys.repealed_issuer(j), text) for j, text in enumerate(regulation.repeals.issued_by))
    for n, honour in enumerate(english.honours, start=1):
        yield from ((keys.honour(n, field), text) for field, text in honour.model_dump().items() if text is not None)


def subject_rows(data: SourceData, mandate_keys: dict[tuple[int, int], int]) -> Tables:
    """Editorial: the subject index and the matters other agencies handle, with their divisions and items."""
    numbers = {d.id: d.n for d in data.divisions}
    editorial = data.editorial
    roles = editorial.subject_roles
    role = dict.fromkeys(roles.asks, "asks") | dict.fromkeys(roles.in_passing, "in_passing")
    role |= dict.fromkeys(roles.channels, "channel")
    agencies = [
        {"id": key, "position": position, "name": agency.name, "name_en": agency.en, "level": agency.level}
        | {"local_id": agency.local}
        for position, (key, agency) in enumerate(editorial.agencies.items())
    ]
    subjects: list[dict[str, Any]] = []
    divisions: list[dict[str, Any]] = []
    items: list[dict[str, Any]] = []
    for position, (term, subject) in enumerate(editorial.subjects.items()):
        values = {"term": term, "position": position, "en": list(subject.en), "duties": list(subject.duties)}
        values |= {"role": role.get(term, "matter"), "agency_id": None}
        subjects.append(values)
        divisions += [{"term": term, "division_n": numbers[d], "position": rank} for rank, d in enumerate(subject.divisions)]
        for rank, item in enumerate(subject.items):
            division, i = item.rsplit(".", 1)
            items.append({"term": term, "mandate_key": mandate_keys[(numbers[division], int(i))], "position": rank})
    for position, (term, outside) in enumerate(editorial.outside_remit.items(), start=len(editorial.subjects)):
        values = {"term": term, "position": position, "en": list(outside.en), "duties": [], "role": role.get(term, "matter")}
        subjects.append(values | {"agency_id": outside.agency})
    found: Tables = {tables.AgencyRow: agencies, tables.SubjectRow: subjects, tables.SubjectDivisionRow: divisions}
    return found | {tables.SubjectItemRow: items}


def evidence_rows(data: SourceData, mandate_keys: dict[tuple[int, int], int]) -> Iterator[Row]:
    """Editorial: which mandate items show that a division carries a duty, by the items' keys (division n, item i)."""
    numbers = {d.id: d.n for d in data.divisions}
    position = 0
    for link in data.editorial.duty_links:
        for evidence in link.evidence:
            for item in evidence.items:
                key = mandate_keys[(numbers[evidence.division], item)]
                yield tables.DutyEvidenceRow, {"duty_n": link.duty, "mandate_key": key, "position": position}
                position += 1
