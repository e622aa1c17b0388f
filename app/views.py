"""The public shapes, built once from the tables."""

import datetime
from collections.abc import Sequence

from sqlmodel import Session, col, select

from app import models
from app.schemas.public import (
    EDITORIAL,
    AbbreviationPublic,
    DatasetPublic,
    DivisionDuty,
    DivisionPublic,
    DivisionRef,
    DutyDivision,
    DutyPublic,
    HonourPublic,
    LeaderPublic,
    MandateItemPublic,
    MandatePublic,
    OtherNamePublic,
    RootPublic,
    SectionPublic,
    TransformationPublic,
)

SOURCE_FILE = "data/source/000_d93237738c31802a.txt"
EDITORIAL_PARTS = (
    "Fields under 'editorial' (English names, duty-to-division links, search abbreviations) and the "
    "ASCII 'id' slugs are this project's additions, not official text. "
)


def division_refs(session: Session) -> dict[int, DivisionRef]:
    """A short reference to every division, by number."""
    rows = session.exec(select(models.DivisionRow).order_by(col(models.DivisionRow.n)))
    return {row.n: DivisionRef.model_validate(row, from_attributes=True) for row in rows}


def mandate_views(session: Session, refs: dict[int, DivisionRef]) -> dict[int, MandatePublic]:
    """Every mandate item with its division, by row key, in printed order."""
    rows = session.exec(
        select(models.MandateItemRow).order_by(col(models.MandateItemRow.division_n), col(models.MandateItemRow.i))
    )
    return {
        row.key or 0: MandatePublic(
            id=f"{refs[row.division_n].id}.{row.i}", i=row.i, text=row.text, division=refs[row.division_n]
        )
        for row in rows
    }


def duty_views(
    session: Session, refs: dict[int, DivisionRef], mandates: dict[int, MandatePublic]
) -> tuple[list[DutyPublic], dict[int, list[DivisionDuty]]]:
    """The duties with the divisions that carry them, and the same links seen from each division."""
    evidence: dict[int, dict[int, list[MandateItemPublic]]] = {}
    for link in session.exec(select(models.DutyEvidenceRow).order_by(col(models.DutyEvidenceRow.position))):
        item = mandates[link.mandate_key]
        evidence.setdefault(link.duty_n, {}).setdefault(item.division.n, []).append(_item(item))
    duties: list[DutyPublic] = []
    carried_by: dict[int, list[DivisionDuty]] = {}
    for row in session.exec(select(models.DutyRow).order_by(col(models.DutyRow.n))):
        found = evidence.get(row.n, {})
        linked = [DutyDivision(**refs[n].model_dump(), evidence=items) for n, items in found.items()]
        editorial = {"divisions": linked, "unassigned_reason": row.unassigned_reason}
        duties.append(DutyPublic.model_validate({**row.model_dump(), "editorial": editorial}))
        for n, items in found.items():
            carried_by.setdefault(n, []).append(DivisionDuty(n=row.n, label=row.label, evidence=[e.i for e in items]))
    return duties, carried_by


def division_views(
    session: Session, mandates: Sequence[MandatePublic], carried_by: dict[int, list[DivisionDuty]]
) -> list[DivisionPublic]:
    """The divisions with their other names, mandate items and the duties they carry."""
    names: dict[int, list[OtherNamePublic]] = {}
    for name in session.exec(
        select(models.OtherNameRow).order_by(col(models.OtherNameRow.division_n), col(models.OtherNameRow.position))
    ):
        names.setdefault(name.division_n, []).append(OtherNamePublic.model_validate(name, from_attributes=True))
    items: dict[int, list[MandateItemPublic]] = {}
    for mandate in mandates:
        items.setdefault(mandate.division.n, []).append(_item(mandate))
    divisions = []
    for row in session.exec(select(models.DivisionRow).order_by(col(models.DivisionRow.n))):
        other = names.get(row.n, [])
        view = {
            **row.model_dump(),
            "heading": row.name + "".join(f"({o.name})" for o in other),
            "other_names": other,
            "mandate": items.get(row.n, []),
            "editorial": {"name_en": row.name_en, "duties": carried_by.get(row.n, [])},
        }
        divisions.append(DivisionPublic.model_validate(view))
    return divisions


def transformation_view(session: Session, heading: str) -> TransformationPublic:
    """The function transformation, whole and by sentence."""
    text = session.exec(select(models.TransformationRow)).one().text
    sentences = [part + "。" for part in text.split("。") if part] if text.endswith("。") else [text]
    return TransformationPublic(heading=heading, text=text, sentences=sentences)


def leader_views(session: Session) -> list[LeaderPublic]:
    """The current leaders, in printed order."""
    rows = session.exec(select(models.LeaderRow).order_by(col(models.LeaderRow.position)))
    return [LeaderPublic.model_validate(row, from_attributes=True) for row in rows]


def honour_views(session: Session, refs: dict[int, DivisionRef]) -> list[HonourPublic]:
    """The honours, each with its current division where there is one."""
    rows = session.exec(select(models.HonourRow).order_by(col(models.HonourRow.n)))
    return [HonourPublic.model_validate({**row.model_dump(), "division": refs.get(row.division_n or 0)}) for row in rows]


def abbreviation_views(session: Session) -> list[AbbreviationPublic]:
    """The abbreviations search expands (editorial)."""
    rows = session.exec(select(models.AbbreviationRow).order_by(col(models.AbbreviationRow.position)))
    return [AbbreviationPublic.model_validate(row, from_attributes=True) for row in rows]


def headings(session: Session) -> list[SectionPublic]:
    """The printed section headings, in order."""
    rows = session.exec(select(models.HeadingRow).order_by(col(models.HeadingRow.position)))
    return [SectionPublic.model_validate(row, from_attributes=True) for row in rows]


def root_view(session: Session, version: str, modified: float, counts: dict[str, int]) -> RootPublic:
    """The department, its address, the regulation's facts, the dataset's provenance and the counts."""
    department = session.exec(select(models.DepartmentRow)).one()
    regulation = session.exec(select(models.RegulationRow)).one()
    dataset = DatasetPublic(
        version=version,
        source=SOURCE_FILE,
        modified=datetime.datetime.fromtimestamp(modified, tz=datetime.UTC),
        editorial=EDITORIAL_PARTS + EDITORIAL,
    )
    return RootPublic.model_validate(
        {
            "department": {**department.model_dump(), "address": session.exec(select(models.AddressRow)).one().model_dump()},
            "regulation": {
                **regulation.model_dump(),
                "interpretation": session.exec(select(models.InterpretationRow)).one().model_dump(),
                "repeals": session.exec(select(models.RepealedRow)).one().model_dump(),
            },
            "dataset": dataset,
            "counts": counts,
            "sections": headings(session),
        }
    )


def _item(mandate: MandatePublic) -> MandateItemPublic:
    return MandateItemPublic(id=mandate.id, i=mandate.i, text=mandate.text)
