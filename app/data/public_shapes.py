"""The public shapes, built once from the tables."""

import datetime
from collections.abc import Sequence
from typing import Any

from sqlalchemy import inspect, select
from sqlmodel import Session, SQLModel

from app.data import tables
from app.data import translation_keys as keys
from app.schemas.changes import ChangeLog
from app.schemas.public import (
    EDITORIAL,
    PARTS,
    AbbreviationPublic,
    AgencyPublic,
    ChangePublic,
    ChangesPublic,
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
    SubjectPublic,
    TransformationPublic,
)
from app.schemas.source import SourceData, sentences

EDITORIAL_PARTS = (
    "Fields under 'editorial' (English, duty-to-division links, the subject index, search abbreviations) and the "
    "ASCII 'id' slugs are this project's additions, not official text; the English is this project's translation. "
)
English = dict[str, str]  # place of an official text (`duty.7.text`) -> this project's English
Values = dict[str, Any]  # one row, by column


def rows_of(session: Session, model: type[SQLModel], *order: str) -> list[Values]:
    """Every row of a table as plain values by column, in the given order."""
    # A Core query, no ORM objects: the rows are read once, into the public shapes.
    table = inspect(model).local_table
    result = session.connection().execute(select(table).order_by(*(table.c[name] for name in order)))
    columns = list(result.keys())
    return [dict(zip(columns, row, strict=True)) for row in result.all()]


def english(session: Session) -> English:
    """This project's English for every official text, by the text's place."""
    return {row["key"]: row["text_en"] for row in rows_of(session, tables.TranslationRow)}


def division_refs(session: Session) -> dict[int, DivisionRef]:
    """A short reference to every division, by number."""
    rows = rows_of(session, tables.DivisionRow, "n")
    return {row["n"]: DivisionRef.model_validate(row) for row in rows}


def mandate_shapes(session: Session, refs: dict[int, DivisionRef], en: English) -> dict[int, MandatePublic]:
    """Every mandate item with its division, by row key, in printed order."""
    item = tables.MandateItemRow
    shapes = {}
    for row in rows_of(session, item, "division_n", "i"):
        division, i = refs[row["division_n"]], row["i"]
        text_en = en.get(keys.mandate(division.id, i))
        shape = {"id": f"{division.id}.{i}", "i": i, "text": row["text"], "division": division}
        shapes[row["key"] or 0] = MandatePublic.model_validate({**shape, "editorial": {"text_en": text_en}})
    return shapes


def duty_shapes(
    session: Session, refs: dict[int, DivisionRef], mandates: dict[int, MandatePublic], en: English
) -> tuple[list[DutyPublic], dict[int, list[DivisionDuty]]]:
    """The duties with the divisions that carry them, and the same links seen from each division."""
    evidence: dict[int, dict[int, list[MandateItemPublic]]] = {}
    for link in rows_of(session, tables.DutyEvidenceRow, "position"):
        item = mandates[link["mandate_key"]]
        evidence.setdefault(link["duty_n"], {}).setdefault(item.division.n, []).append(_item(item))
    duties: list[DutyPublic] = []
    carried_by: dict[int, list[DivisionDuty]] = {}
    for row in rows_of(session, tables.DutyRow, "n"):
        duty = row["n"]
        found = evidence.get(duty, {})
        linked = [DutyDivision(**refs[n].model_dump(), evidence=items) for n, items in found.items()]
        editorial = {"divisions": linked, "unassigned_reason": row["unassigned_reason"], "text_en": en.get(keys.duty(duty))}
        duties.append(DutyPublic.model_validate({**row, "editorial": editorial}))
        for n, items in found.items():
            carried_by.setdefault(n, []).append(DivisionDuty(n=duty, label=row["label"], evidence=[e.i for e in items]))
    return duties, carried_by


def division_shapes(
    session: Session, mandates: Sequence[MandatePublic], carried_by: dict[int, list[DivisionDuty]], en: English
) -> list[DivisionPublic]:
    """The divisions with their other names, mandate items and the duties they carry."""
    names: dict[int, list[OtherNamePublic]] = {}
    other = tables.OtherNameRow
    for name in rows_of(session, other, "division_n", "position"):
        editorial = {f"{field}_en": en.get(keys.other_name(name["name"], field)) for field in ("name", "source")}
        names.setdefault(name["division_n"], []).append(OtherNamePublic.model_validate({**name, "editorial": editorial}))
    items: dict[int, list[MandateItemPublic]] = {}
    for mandate in mandates:
        items.setdefault(mandate.division.n, []).append(_item(mandate))
    divisions = []
    for row in rows_of(session, tables.DivisionRow, "n"):
        others = names.get(row["n"], [])
        shape = {
            **row,
            "heading": row["name"] + "".join(f"({o.name})" for o in others),
            "other_names": others,
            "mandate": items.get(row["n"], []),
            "editorial": {"name_en": row["name_en"], "duties": carried_by.get(row["n"], [])},
        }
        divisions.append(DivisionPublic.model_validate(shape))
    return divisions


def transformation_shape(session: Session, heading: str | None, en: English) -> TransformationPublic | None:
    """The function transformation, whole and by sentence; None when the text does not print one."""
    found = rows_of(session, tables.TransformationRow)
    if not found:
        return None
    (row,) = found
    text = row["text"]
    parts = sentences(text)
    sentences_en = [en[key] for k in range(1, len(parts) + 1) if (key := keys.transformation(k)) in en]
    editorial = {"heading_en": en.get(keys.heading("transformation")), "text_en": " ".join(sentences_en) or None}
    return TransformationPublic.model_validate(
        {"heading": heading, "text": text, "sentences": parts, "editorial": {**editorial, "sentences_en": sentences_en}}
    )


def leader_shapes(session: Session, en: English) -> list[LeaderPublic]:
    """The current leaders, in printed order."""
    leaders = []
    for row in rows_of(session, tables.LeaderRow, "position"):
        position = row["position"]
        editorial: dict[str, object] = {
            field + "_en": en.get(keys.leader(position, field)) for field in ("name", "title", "source")
        }
        posts_en = [en[key] for j in range(len(row["posts"])) if (key := keys.leader_post(position, j)) in en]
        editorial |= {"posts_en": posts_en, "as_of_en": en.get(keys.LEADERS_AS_OF)}
        leaders.append(LeaderPublic.model_validate({**row, "editorial": editorial}))
    return leaders


def honour_shapes(session: Session, refs: dict[int, DivisionRef], en: English) -> list[HonourPublic]:
    """The honours, each with its current division where there is one."""
    fields = ("recipient", "title", "awarded_by", "status", "source")
    return [
        HonourPublic.model_validate(
            {
                **row,
                "division": refs.get(row["division_n"] or 0),
                "editorial": {f"{field}_en": en.get(keys.honour(row["n"], field)) for field in fields},
            }
        )
        for row in rows_of(session, tables.HonourRow, "n")
    ]


def abbreviation_shapes(session: Session) -> list[AbbreviationPublic]:
    """The abbreviations search expands (editorial)."""
    rows = rows_of(session, tables.AbbreviationRow, "position")
    return [AbbreviationPublic.model_validate(row) for row in rows]


def subject_shapes(
    session: Session, refs: dict[int, DivisionRef], mandates: dict[int, MandatePublic], agencies: dict[str, AgencyPublic]
) -> list[SubjectPublic]:
    """The subject index, then the matters other agencies handle (editorial)."""
    divisions: dict[str, list[DivisionRef]] = {}
    for link in rows_of(session, tables.SubjectDivisionRow, "position"):
        divisions.setdefault(link["term"], []).append(refs[link["division_n"]])
    items: dict[str, list[str]] = {}
    for cited in rows_of(session, tables.SubjectItemRow, "position"):
        items.setdefault(cited["term"], []).append(mandates[cited["mandate_key"]].id)
    subjects = []
    for row in rows_of(session, tables.SubjectRow, "position"):
        agency = agencies.get(row.pop("agency_id") or "")
        found = {"divisions": divisions.get(row["term"], []), "items": items.get(row["term"], [])}
        subjects.append(SubjectPublic.model_validate({**row, **found, "agency": agency and agency.name, "referred_to": agency}))
    return subjects


def agency_shapes(session: Session) -> tuple[dict[str, AgencyPublic], dict[str, AgencyPublic]]:
    """The other agencies by id; and by a province agency's id, the city or county agency handling its matters."""
    rows = rows_of(session, tables.AgencyRow, "position")
    local = {row["id"]: row.pop("local_id") for row in rows}
    agencies = {row["id"]: AgencyPublic.model_validate(row) for row in rows}
    return agencies, {key: agencies[other] for key, other in local.items() if other}


def headings(session: Session, en: English) -> list[SectionPublic]:
    """The printed section headings, in order."""
    rows = rows_of(session, tables.HeadingRow, "position")
    return [SectionPublic.model_validate({**row, "editorial": {"text_en": en.get(keys.heading(row["key"]))}}) for row in rows]


def root_shape(
    session: Session, data: SourceData, version: str, modified: float, counts: dict[str, int], en: English
) -> RootPublic:
    """The department, its address, the regulation's facts, the dataset's provenance, the counts and the absent parts."""
    dataset = DatasetPublic(
        version=version,
        source=data.dataset.source if data.dataset else None,
        modified=datetime.datetime.fromtimestamp(modified, tz=datetime.UTC),
        editorial=EDITORIAL_PARTS + EDITORIAL,
    )
    (department_row,) = rows_of(session, tables.DepartmentRow)
    addresses = rows_of(session, tables.AddressRow)
    address = {**addresses[0], "editorial": {"text_en": en.get(keys.ADDRESS)}} if addresses else None
    regulation = regulation_shape(session, en)
    present = {
        "address": address is not None,
        "regulation": regulation is not None,
        "transformation": bool(rows_of(session, tables.TransformationRow)),
        "leaders": counts["leaders"] > 0,
        "honours": counts["honours"] > 0,
    }
    return RootPublic.model_validate(
        {
            "department": {**department_row, "address": address},
            "regulation": regulation,
            "dataset": dataset,
            "counts": counts,
            "sections": headings(session, en),
            "provisions": rows_of(session, tables.ProvisionRow, "position"),
            "absent": [part for part in PARTS if not present[part]],
            "ask_examples": data.editorial.ask_examples,
        }
    )


def regulation_shape(session: Session, en: English) -> dict[str, Any] | None:
    """The regulation's facts the text prints, with their English; None when it prints none."""
    regulations = rows_of(session, tables.RegulationRow)
    if not regulations:
        return None
    interpretation = next(iter(rows_of(session, tables.InterpretationRow)), None)
    if interpretation is not None:
        interpretation["editorial"] = {f"{key}_en": en.get(keys.interpretation(key)) for key in interpretation if key != "id"}
    repeals = next(iter(rows_of(session, tables.RepealedRow)), None)
    if repeals is not None:
        issued_by_en = [en[key] for j in range(len(repeals["issued_by"])) if (key := keys.repealed_issuer(j)) in en]
        repeals["editorial"] = {
            "title_en": en.get(keys.repealed("title")),
            "source_en": en.get(keys.repealed("source")),
            "issued_by_en": issued_by_en,
        }
    editorial = {"text_en": en.get(keys.REGULATION)}
    return {**regulations[0], "interpretation": interpretation, "repeals": repeals, "editorial": editorial}


def change_shapes(log: ChangeLog, version: str, modified: float) -> ChangesPublic:
    """The change log, newest first, with the version served now."""
    items = [ChangePublic.model_validate(entry.model_dump()) for entry in reversed(log.versions)]
    served = datetime.datetime.fromtimestamp(modified, tz=datetime.UTC)
    return ChangesPublic(version=version, modified=served, items=items)


def _item(mandate: MandatePublic) -> MandateItemPublic:
    return MandateItemPublic(id=mandate.id, i=mandate.i, text=mandate.text, editorial=mandate.editorial)
