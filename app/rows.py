"""The validated data file as table rows: what `open_store` inserts."""

from collections.abc import Iterator

from sqlmodel import SQLModel

from app import models
from app.schemas.source import SourceData


def rows(data: SourceData) -> Iterator[SQLModel]:
    """Every row but the editorial evidence links, parents before children."""
    editorial = data.editorial
    for position, (key, heading) in enumerate(data.headings.model_dump().items()):
        yield models.HeadingRow(key=key, position=position, heading=heading)
    yield models.DepartmentRow(name=data.department.name, name_en=editorial.department_name_en)
    yield models.AddressRow.model_validate(data.department.address.model_dump())
    regulation = data.regulation
    yield models.RegulationRow(effective_date=regulation.effective_date, source=regulation.source)
    yield models.InterpretationRow.model_validate(regulation.interpretation.model_dump())
    yield models.RepealedRow.model_validate(regulation.repeals.model_dump())
    reasons = {link.duty: link.unassigned_reason for link in editorial.duty_links}
    for duty in data.duties:
        yield models.DutyRow.model_validate({**duty.model_dump(), "unassigned_reason": reasons.get(duty.n)})
    for division in data.divisions:
        yield models.DivisionRow.model_validate({**division.model_dump(), "name_en": editorial.division_names_en[division.id]})
        for position, other in enumerate(division.other_names):
            yield models.OtherNameRow.model_validate({**other.model_dump(), "division_n": division.n, "position": position})
        for i, text in enumerate(division.mandate, start=1):
            yield models.MandateItemRow(division_n=division.n, i=i, text=text)
    yield models.TransformationRow(text=data.transformation.text)
    leaders = data.leaders
    for position, leader in enumerate(leaders.people):
        yield models.LeaderRow.model_validate(
            {**leader.model_dump(), "position": position, "as_of": leaders.as_of, "as_of_source": leaders.as_of_source}
        )
    numbers = {d.id: d.n for d in data.divisions}
    for honour in data.honours:
        division_n = numbers[honour.division] if honour.division else None
        yield models.HonourRow.model_validate({**honour.model_dump(), "division_n": division_n})
    for position, abbreviation in enumerate(editorial.abbreviations):
        yield models.AbbreviationRow.model_validate({**abbreviation.model_dump(), "position": position})


def evidence_rows(data: SourceData, mandate_keys: dict[tuple[int, int], int]) -> Iterator[models.DutyEvidenceRow]:
    """Editorial: which mandate items show that a division carries a duty, by the items' keys (division n, item i)."""
    numbers = {d.id: d.n for d in data.divisions}
    position = 0
    for link in data.editorial.duty_links:
        for evidence in link.evidence:
            for item in evidence.items:
                yield models.DutyEvidenceRow(
                    duty_n=link.duty, mandate_key=mandate_keys[(numbers[evidence.division], item)], position=position
                )
                position += 1
