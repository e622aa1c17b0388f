"""Load the validated data into SQLite once, make it read-only, and build the public views from it."""

import datetime
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from fastapi import Request
from pydantic import BaseModel
from sqlalchemy import Engine, event
from sqlalchemy.pool import StaticPool
from sqlmodel import Session, SQLModel, create_engine, select

from app.config import Settings
from app.models import (
    AbbreviationRow,
    DepartmentRow,
    DivisionRow,
    DutyEvidenceRow,
    DutyRow,
    HeadingRow,
    HonourRow,
    LeaderRow,
    MandateItemRow,
    OtherNameRow,
    RegulationRow,
    TransformationRow,
)
from app.schemas.public import (
    EDITORIAL,
    AbbreviationPublic,
    AddressPublic,
    DatasetPublic,
    DepartmentPublic,
    DivisionDuty,
    DivisionEditorial,
    DivisionPublic,
    DivisionRef,
    DutyDivision,
    DutyEditorial,
    DutyPublic,
    ExportPublic,
    HonourPublic,
    InterpretationPublic,
    LeaderPublic,
    MandateItemPublic,
    MandatePublic,
    OtherNamePublic,
    RegulationPublic,
    RepealedPublic,
    RootPublic,
    SectionPublic,
    TransformationPublic,
)
from app.schemas.source import SourceData
from app.search import NAME_WEIGHT, Document, SearchIndex
from app.source_file import LoadedSource, load_source

SOURCE_FILE = "data/source/000_d93237738c31802a.txt"
SECTION_URLS = {
    "duties": "/v1/duties",
    "divisions": "/v1/divisions",
    "transformation": "/v1/transformation",
    "leaders": "/v1/leaders",
    "regulation": "/v1",
    "honours": "/v1/honours",
    "address": "/v1",
}
COLLECTION_URLS = {
    "duties": "/v1/duties",
    "divisions": "/v1/divisions",
    "mandates": "/v1/mandates",
    "transformation": "/v1/transformation",
    "leaders": "/v1/leaders",
    "honours": "/v1/honours",
    "export": "/v1/export",
    "search": "/v1/search",
    "matrix": "/v1/matrix",
    "abbreviations": "/v1/abbreviations",
}


def render(model: BaseModel) -> bytes:
    """Encode a response shape as compact UTF-8 JSON (Chinese not escaped)."""
    return model.model_dump_json().encode()


@dataclass(frozen=True)
class Store:
    """The read-only views of the data, built once from the tables."""

    version: str
    modified: float
    engine: Engine
    root: RootPublic
    duties: list[DutyPublic]
    divisions: list[DivisionPublic]
    mandates: list[MandatePublic]
    transformation: TransformationPublic
    leaders: list[LeaderPublic]
    honours: list[HonourPublic]
    abbreviations: list[AbbreviationPublic]
    division_keys: dict[str, DivisionPublic] = field(repr=False)
    search_index: SearchIndex = field(repr=False)

    def export(self) -> ExportPublic:
        """The whole dataset in one document."""
        return ExportPublic(
            root=self.root,
            duties=self.duties,
            divisions=self.divisions,
            transformation=self.transformation,
            leaders=self.leaders,
            honours=self.honours,
        )

    @cached_property
    def mandate_by_id(self) -> dict[str, MandatePublic]:
        """Mandate items by their id."""
        return {item.id: item for item in self.mandates}

    def division(self, n: int) -> DivisionPublic:
        """The division numbered n (which must exist)."""
        return self.divisions[n - 1]

    def find_division(self, key: str) -> DivisionPublic | None:
        """A division by its number, id, name or any other name."""
        return self.division_keys.get(key.strip())


def open_store(settings: Settings) -> Store:
    """Validate the data file, fill the tables, make them read-only and build the views."""
    loaded = load_source(settings.data_path)
    engine = _engine(settings.database_url)
    SQLModel.metadata.drop_all(engine)
    SQLModel.metadata.create_all(engine)
    with Session(engine) as session:
        session.add_all(list(_rows(loaded.data)))
        session.flush()
        session.add_all(list(_evidence_rows(loaded.data, session)))
        session.commit()
    _make_read_only(engine)
    with Session(engine) as session:
        return _build_store(loaded, engine, session)


async def get_store(request: Request) -> Store:
    """The dependency that hands the loaded store to a route (async: a plain def would cost a thread hop)."""
    store: Store = request.app.state.store
    return store


def _engine(url: str) -> Engine:
    options: dict[str, Any] = {}
    if url in ("sqlite://", "sqlite:///:memory:"):
        options = {"poolclass": StaticPool, "connect_args": {"check_same_thread": False}}
    engine = create_engine(url, **options)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_foreign_keys)
    return engine


def _sqlite_foreign_keys(connection: Any, _record: Any) -> None:
    cursor = connection.cursor()
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.close()


def _sqlite_query_only(connection: Any, _record: Any) -> None:
    cursor = connection.cursor()
    cursor.execute("PRAGMA query_only = ON")
    cursor.close()


def _make_read_only(engine: Engine) -> None:
    if engine.dialect.name != "sqlite":
        return
    event.listen(engine, "connect", _sqlite_query_only)
    with engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA query_only = ON")


def _rows(data: SourceData) -> Iterator[SQLModel]:
    editorial = data.editorial
    for position, (section, text) in enumerate(data.headings.model_dump().items()):
        yield HeadingRow(section=section, position=position, text=text)
    address = data.department.address
    yield DepartmentRow(
        name=data.department.name,
        name_en=editorial.department_name_en,
        address_text=address.text,
        province=address.province,
        city=address.city,
        district=address.district,
        subdistrict=address.subdistrict,
        street=address.street,
    )
    regulation = data.regulation
    yield RegulationRow(
        effective_date=regulation.effective_date,
        source=regulation.source,
        interpretation_authority=regulation.interpretation.authority,
        amendment_reviewed_by=regulation.interpretation.amendment_reviewed_by,
        amendment_approved_by=regulation.interpretation.amendment_approved_by,
        interpretation_source=regulation.interpretation.source,
        repealed_title=regulation.repeals.title,
        repealed_issued_date=regulation.repeals.issued_date,
        repealed_issued_by=list(regulation.repeals.issued_by),
        repealed_source=regulation.repeals.source,
    )
    reasons = {link.duty: link.unassigned_reason for link in editorial.duty_links}
    for duty in data.duties:
        yield DutyRow(n=duty.n, label=duty.label, text=duty.text, unassigned_reason=reasons.get(duty.n))
    for division in data.divisions:
        name_en = editorial.division_names_en[division.id]
        yield DivisionRow(n=division.n, id=division.id, label=division.label, name=division.name, name_en=name_en)
        for position, other in enumerate(division.other_names):
            yield OtherNameRow(name=other.name, division_n=division.n, position=position, kind=other.kind, source=other.source)
        for i, text in enumerate(division.mandate, start=1):
            yield MandateItemRow(division_n=division.n, i=i, text=text)
    yield TransformationRow(text=data.transformation.text)
    for position, leader in enumerate(data.leaders.people):
        yield LeaderRow(
            position=position,
            name=leader.name,
            title=leader.title,
            posts=list(leader.posts),
            source=leader.source,
            as_of=data.leaders.as_of,
            as_of_source=data.leaders.as_of_source,
        )
    numbers = {d.id: d.n for d in data.divisions}
    for honour in data.honours:
        yield HonourRow(
            n=honour.n,
            date=honour.date,
            recipient=honour.recipient,
            division_n=numbers[honour.division] if honour.division else None,
            title=honour.title,
            awarded_by=honour.awarded_by,
            status=honour.status,
            source=honour.source,
        )
    for position, abbreviation in enumerate(editorial.abbreviations):
        yield AbbreviationRow(
            short=abbreviation.short, position=position, full=abbreviation.full, expands_to=list(abbreviation.expands_to)
        )


def _evidence_rows(data: SourceData, session: Session) -> Iterator[DutyEvidenceRow]:
    numbers = {d.id: d.n for d in data.divisions}
    keys = {(row.division_n, row.i): row.key for row in session.exec(select(MandateItemRow))}
    position = 0
    for link in data.editorial.duty_links:
        for evidence in link.evidence:
            for item in evidence.items:
                mandate_key = keys[(numbers[evidence.division], item)]
                assert mandate_key is not None
                yield DutyEvidenceRow(duty_n=link.duty, mandate_key=mandate_key, position=position)
                position += 1


def _build_store(loaded: LoadedSource, engine: Engine, session: Session) -> Store:
    headings = {row.section: row.text for row in session.exec(select(HeadingRow).order_by(HeadingRow.position))}  # type: ignore[arg-type]
    division_rows = list(session.exec(select(DivisionRow).order_by(DivisionRow.n)))  # type: ignore[arg-type]
    refs = {row.n: DivisionRef(n=row.n, id=row.id, name=row.name, url=f"/v1/divisions/{row.n}") for row in division_rows}
    items = list(session.exec(select(MandateItemRow).order_by(MandateItemRow.division_n, MandateItemRow.i)))  # type: ignore[arg-type]
    item_views = {row.key: _item_view(row, refs) for row in items}
    duty_rows = list(session.exec(select(DutyRow).order_by(DutyRow.n)))  # type: ignore[arg-type]
    evidence = list(session.exec(select(DutyEvidenceRow).order_by(DutyEvidenceRow.position)))  # type: ignore[arg-type]
    mandate_by_key = {row.key: row for row in items}
    evidence_by_duty: dict[int, dict[int, list[MandateItemPublic]]] = {}
    for link in evidence:
        row = mandate_by_key[link.mandate_key]
        evidence_by_duty.setdefault(link.duty_n, {}).setdefault(row.division_n, []).append(item_views[row.key])

    duties = []
    carried_by: dict[int, list[DivisionDuty]] = {}
    for duty in duty_rows:
        by_division = evidence_by_duty.get(duty.n, {})
        linked = [DutyDivision(**refs[n].model_dump(), evidence=found) for n, found in by_division.items()]
        url = f"/v1/duties/{duty.n}"
        for n, found in by_division.items():
            carried_by.setdefault(n, []).append(DivisionDuty(n=duty.n, label=duty.label, url=url, evidence=[e.i for e in found]))
        editorial = DutyEditorial(divisions=linked, unassigned_reason=duty.unassigned_reason)
        duties.append(DutyPublic(n=duty.n, label=duty.label, text=duty.text, url=url, editorial=editorial))

    names_by_division: dict[int, list[OtherNamePublic]] = {}
    for name_row in session.exec(select(OtherNameRow).order_by(OtherNameRow.division_n, OtherNameRow.position)):  # type: ignore[arg-type]
        other_name = OtherNamePublic(name=name_row.name, kind=name_row.kind, source=name_row.source)
        names_by_division.setdefault(name_row.division_n, []).append(other_name)
    items_by_division: dict[int, list[MandateItemPublic]] = {}
    for view in item_views.values():
        items_by_division.setdefault(view.division.n, []).append(MandateItemPublic(id=view.id, i=view.i, text=view.text))
    divisions = []
    for division_row in division_rows:
        n = division_row.n
        names = names_by_division.get(n, [])
        divisions.append(
            DivisionPublic(
                **refs[n].model_dump(),
                label=division_row.label,
                heading=division_row.name + "".join(f"({o.name})" for o in names),
                other_names=names,
                mandate=items_by_division.get(n, []),
                editorial=DivisionEditorial(name_en=division_row.name_en, duties=carried_by.get(n, [])),
            )
        )

    transformation_text = session.exec(select(TransformationRow)).one().text
    transformation = TransformationPublic(
        heading=headings["transformation"], text=transformation_text, sentences=_sentences(transformation_text)
    )
    leaders = [
        LeaderPublic(name=r.name, title=r.title, posts=r.posts, source=r.source, as_of=r.as_of, as_of_source=r.as_of_source)
        for r in session.exec(select(LeaderRow).order_by(LeaderRow.position))  # type: ignore[arg-type]
    ]
    honours = [
        HonourPublic(
            n=r.n,
            date=r.date,
            recipient=r.recipient,
            division=refs[r.division_n] if r.division_n is not None else None,
            title=r.title,
            awarded_by=r.awarded_by,
            status=r.status,
            source=r.source,
        )
        for r in session.exec(select(HonourRow).order_by(HonourRow.n))  # type: ignore[arg-type]
    ]
    mandates = list(item_views.values())
    counts = {
        "duties": len(duties),
        "divisions": len(divisions),
        "mandates": len(mandates),
        "leaders": len(leaders),
        "honours": len(honours),
    }
    root = _root(session, loaded, headings, counts)
    keys: dict[str, DivisionPublic] = {}
    for division in divisions:
        keys[str(division.n)] = division
        keys[division.id] = division
        keys[division.name] = division
        for other in division.other_names:
            keys[other.name] = division
    abbreviations = [
        AbbreviationPublic(short=r.short, full=r.full, expands_to=r.expands_to)
        for r in session.exec(select(AbbreviationRow).order_by(AbbreviationRow.position))  # type: ignore[arg-type]
    ]
    search_index = SearchIndex(
        list(_documents(duties, divisions, transformation, honours)), {a.short: a.expands_to for a in abbreviations}
    )
    return Store(
        version=loaded.version,
        modified=loaded.modified,
        engine=engine,
        root=root,
        duties=duties,
        divisions=divisions,
        mandates=mandates,
        transformation=transformation,
        leaders=leaders,
        honours=honours,
        abbreviations=abbreviations,
        division_keys=keys,
        search_index=search_index,
    )


def _documents(
    duties: list[DutyPublic], divisions: list[DivisionPublic], transformation: TransformationPublic, honours: list[HonourPublic]
) -> Iterator[Document]:
    """Every piece of served text that search answers from."""
    for duty in duties:
        yield Document.of("duty", str(duty.n), "text", duty.text)
    for division in divisions:
        n = division.n
        yield Document.of("division", division.id, "name", division.name, n, "name", NAME_WEIGHT)
        for k, other in enumerate(division.other_names):
            field = f"other_names.{k}.name"
            yield Document.of("division", division.id, field, other.name, n, field, NAME_WEIGHT)
        for k, item in enumerate(division.mandate):
            yield Document.of("mandate", item.id, "text", item.text, n, f"mandate.{k}.text")
    for k, sentence in enumerate(transformation.sentences):
        yield Document.of("transformation", str(k + 1), f"sentences.{k}", sentence)
    for honour in honours:
        yield Document.of("honour", str(honour.n), "source", honour.source, honour.division.n if honour.division else None)


def _item_view(row: MandateItemRow, refs: dict[int, DivisionRef]) -> MandatePublic:
    division = refs[row.division_n]
    return MandatePublic(id=f"{division.id}.{row.i}", i=row.i, text=row.text, division=division)


def _sentences(text: str) -> list[str]:
    return [part + "。" for part in text.split("。") if part] if text.endswith("。") else [text]


def _root(session: Session, loaded: LoadedSource, headings: dict[str, str], counts: dict[str, int]) -> RootPublic:
    department = session.exec(select(DepartmentRow)).one()
    regulation = session.exec(select(RegulationRow)).one()
    return RootPublic(
        department=DepartmentPublic(
            name=department.name,
            name_en=department.name_en,
            address=AddressPublic(
                text=department.address_text,
                province=department.province,
                city=department.city,
                district=department.district,
                subdistrict=department.subdistrict,
                street=department.street,
            ),
        ),
        regulation=RegulationPublic(
            effective_date=regulation.effective_date,
            source=regulation.source,
            interpretation=InterpretationPublic(
                authority=regulation.interpretation_authority,
                amendment_reviewed_by=regulation.amendment_reviewed_by,
                amendment_approved_by=regulation.amendment_approved_by,
                source=regulation.interpretation_source,
            ),
            repeals=RepealedPublic(
                title=regulation.repealed_title,
                issued_date=regulation.repealed_issued_date,
                issued_by=regulation.repealed_issued_by,
                source=regulation.repealed_source,
            ),
        ),
        dataset=DatasetPublic(
            version=loaded.version,
            source=SOURCE_FILE,
            modified=datetime.datetime.fromtimestamp(loaded.modified, tz=datetime.UTC),
            editorial="Fields under 'editorial' (English names, duty-to-division links, search abbreviations) and the "
            "ASCII 'id' slugs are this project's additions, not official text. " + EDITORIAL,
        ),
        counts=counts,
        sections=[SectionPublic(key=key, heading=text, url=SECTION_URLS[key]) for key, text in headings.items()],
        links=dict(COLLECTION_URLS),
    )
