"""Load the validated data into SQLite once, make it read-only, and hold the public shapes built from it."""

import gc
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from sqlalchemy import Connection, Engine, event, insert, inspect
from sqlalchemy.pool import StaticPool
from sqlmodel import Session, SQLModel, create_engine, select

from app.config import Settings
from app.data import public_shapes as shapes
from app.data.corpus import documents
from app.data.data_file import LoadedSource, changes_path, load_change_log, load_source
from app.data.rows import Tables, by_table, evidence_rows, rows, subject_rows, translation_rows
from app.data.tables import MandateItemRow
from app.schemas.changes import ChangeLog
from app.schemas.public import (
    AbbreviationPublic,
    AgencyPublic,
    ChangesPublic,
    DivisionPublic,
    DutyPublic,
    ExportPublic,
    HonourPublic,
    LeaderPublic,
    MandatePublic,
    RootPublic,
    SubjectPublic,
    TransformationPublic,
)
from app.search import SearchIndex

IN_MEMORY = ("sqlite://", "sqlite:///:memory:")


@dataclass(frozen=True)
class Store:
    """The data's public shapes, built once from the tables, and the search index."""

    version: str
    modified: float
    engine: Engine
    root: RootPublic
    duties: list[DutyPublic]
    divisions: list[DivisionPublic]
    mandates: list[MandatePublic]
    transformation: TransformationPublic | None
    leaders: list[LeaderPublic]
    honours: list[HonourPublic]
    abbreviations: list[AbbreviationPublic]
    subjects: list[SubjectPublic]
    local_agencies: dict[str, AgencyPublic]  # by a province agency's id: the city's or county's that handles its matters
    changes: ChangesPublic
    search_index: SearchIndex = field(repr=False)

    @cached_property
    def subjects_by_term(self) -> dict[str, SubjectPublic]:
        """The subject index by term."""
        return {subject.term: subject for subject in self.subjects}

    def subject(self, term: str) -> SubjectPublic | None:
        """One term of the subject index, or None."""
        return self.subjects_by_term.get(term)

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

    @cached_property
    def division_keys(self) -> dict[str, DivisionPublic]:
        """Every division by its number, id, name and other names."""
        keys: dict[str, DivisionPublic] = {}
        for division in self.divisions:
            for key in (str(division.n), division.id, division.name, *(other.name for other in division.other_names)):
                keys[key] = division
        return keys

    def division(self, n: int) -> DivisionPublic:
        """The division numbered n (which must exist)."""
        return self.divisions[n - 1]

    def find_division(self, key: str) -> DivisionPublic | None:
        """A division by its number, id, name or any other name."""
        return self.division_keys.get(key.strip())


def open_store(settings: Settings) -> Store:
    """Validate the data file, fill the tables, make them read-only and build the public shapes."""
    # The cycle collector is paused: loading makes many objects and few cycles, and what it keeps lives as long as the
    # process.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _open_store(settings)
    finally:
        if collecting:
            gc.enable()


def _open_store(settings: Settings) -> Store:
    loaded = load_source(settings.data_path)
    engine = _engine(settings.database_url)
    fresh = settings.database_url in IN_MEMORY  # a new database holds no tables: none to drop, none to look for
    if not fresh:
        SQLModel.metadata.drop_all(engine)
    SQLModel.metadata.create_all(engine, checkfirst=not fresh)
    with engine.begin() as connection:
        _insert(connection, by_table([*rows(loaded.data), *translation_rows(loaded.data)]))
        item = inspect(MandateItemRow).local_table.c
        keys = {(n, i): key for key, n, i in connection.execute(select(item.key, item.division_n, item.i)).all()}
        _insert(connection, by_table(evidence_rows(loaded.data, keys)))
        _insert(connection, subject_rows(loaded.data, keys))
    _make_read_only(engine)
    with Session(engine) as session:
        log = load_change_log(settings.changes_path or changes_path(settings.data_path))
        return _build_store(loaded, engine, session, log)


def _build_store(loaded: LoadedSource, engine: Engine, session: Session, log: ChangeLog) -> Store:
    en = shapes.english(session)
    refs = shapes.division_refs(session)
    mandates_by_key = shapes.mandate_shapes(session, refs, en)
    mandates = list(mandates_by_key.values())
    duties, carried_by = shapes.duty_shapes(session, refs, mandates_by_key, en)
    divisions = shapes.division_shapes(session, mandates, carried_by, en)
    sections = {section.key: section.heading for section in shapes.headings(session, en)}
    transformation = shapes.transformation_shape(session, sections.get("transformation"), en)
    leaders, honours = shapes.leader_shapes(session, en), shapes.honour_shapes(session, refs, en)
    agencies, local_agencies = shapes.agency_shapes(session)
    abbreviations = shapes.abbreviation_shapes(session)
    subjects = shapes.subject_shapes(session, refs, mandates_by_key, agencies)
    counts = {"duties": len(duties), "divisions": len(divisions), "mandates": len(mandates)}
    counts |= {"leaders": len(leaders), "honours": len(honours), "subjects": len(subjects)}
    corpus = list(documents(duties, divisions, transformation, honours, subjects))
    return Store(
        version=loaded.version,
        modified=loaded.modified,
        engine=engine,
        root=shapes.root_shape(session, loaded.data, loaded.version, loaded.modified, counts, en),
        duties=duties,
        divisions=divisions,
        mandates=mandates,
        transformation=transformation,
        leaders=leaders,
        honours=honours,
        abbreviations=abbreviations,
        subjects=subjects,
        local_agencies=local_agencies,
        changes=shapes.change_shapes(log, loaded.version, loaded.modified),
        search_index=SearchIndex(corpus, {a.short: a.expands_to for a in abbreviations}),
    )


def _insert(connection: Connection, tables: Tables) -> None:
    """Insert the rows of each table at once, table by table."""
    for model, values in tables.items():
        if values:
            _insert_rows(connection, model, values)


def _insert_rows(connection: Connection, model: type[SQLModel], values: list[dict[str, Any]]) -> None:
    """One table's rows in one call to the driver, each value converted by its column's type as SQLAlchemy would."""
    # Converted for this database (JSON, dates), without SQLAlchemy's bookkeeping for every row.
    dialect = connection.dialect
    compiled = insert(model).compile(dialect=dialect, column_keys=list(values[0]))
    names = compiled.positiontup
    if names is None:  # a driver that takes named parameters: bound the usual way
        connection.execute(insert(model), values)
        return
    columns = inspect(model).local_table.c
    rows = [[row[name] for name in names] for row in values]
    for index, name in enumerate(names):
        convert = columns[name].type.dialect_impl(dialect).bind_processor(dialect)
        if convert is not None:
            for row in rows:
                row[index] = convert(row[index])
    connection.exec_driver_sql(compiled.string, [tuple(row) for row in rows])


def _engine(url: str) -> Engine:
    options: dict[str, Any] = {}
    if url in IN_MEMORY:
        options = {"poolclass": StaticPool, "connect_args": {"check_same_thread": False}}
    engine = create_engine(url, **options)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragma("foreign_keys"))
    return engine


def _sqlite_pragma(name: str) -> Any:
    def switch_on(connection: Any, _record: Any) -> None:
        cursor = connection.cursor()
        cursor.execute(f"PRAGMA {name} = ON")
        cursor.close()

    return switch_on


def _make_read_only(engine: Engine) -> None:
    if engine.dialect.name != "sqlite":
        return
    event.listen(engine, "connect", _sqlite_pragma("query_only"))
    with engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA query_only = ON")
