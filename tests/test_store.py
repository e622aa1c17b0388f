"""The SQLite store: real foreign keys, any SQLAlchemy URL, read-only once loaded."""

from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, insert, text
from sqlalchemy.exc import OperationalError
from sqlalchemy.pool import StaticPool
from sqlmodel import Session, SQLModel, select

from app.config import Settings
from app.data import tables
from app.data.data_file import load_source
from app.data.public_shapes import rows_of
from app.data.rows import by_table, evidence_rows, rows, subject_rows, translation_rows
from app.data.store import open_store


def test_store_in_a_sqlite_file_is_read_only_after_loading(tmp_path: Path) -> None:
    database = tmp_path / "lnst.db"
    store = open_store(Settings(database_url=f"sqlite:///{database}"))
    assert database.stat().st_size > 0
    with store.engine.connect() as connection:
        assert connection.execute(text("PRAGMA query_only")).scalar() == 1
        assert connection.execute(text("SELECT count(*) FROM mandate_item")).scalar() == 43
        with pytest.raises(OperationalError, match="readonly"):
            connection.execute(text("DELETE FROM duty"))
    store.engine.dispose()


def test_store_keeps_real_foreign_keys() -> None:
    store = open_store(Settings())
    with store.engine.connect() as connection:
        keys = {
            (table, row[2])
            for table in ("mandate_item", "other_name", "honour", "duty_evidence")
            for row in connection.execute(text(f"PRAGMA foreign_key_list({table})"))
        }
        assert keys == {
            ("mandate_item", "division"),
            ("other_name", "division"),
            ("honour", "division"),
            ("duty_evidence", "duty"),
            ("duty_evidence", "mandate_item"),
        }
        assert connection.execute(text("PRAGMA foreign_key_check")).fetchall() == []
    store.engine.dispose()


def test_loading_twice_into_the_same_file_starts_afresh(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'lnst.db'}"
    for _ in range(2):
        store = open_store(Settings(database_url=url))
        with store.engine.connect() as connection:
            assert connection.execute(text("SELECT count(*) FROM duty")).scalar() == 16
        store.engine.dispose()


def raw_tables(engine: Engine) -> dict[str, list[tuple[object, ...]]]:
    """Every table's rows as SQLite stores them (JSON as its text, dates as strings), in rowid order."""
    with engine.connect() as connection:
        return {
            table.name: [tuple(row) for row in connection.execute(text(f'SELECT * FROM "{table.name}" ORDER BY rowid'))]
            for table in SQLModel.metadata.sorted_tables
        }


def test_rows_go_to_the_driver_as_sqlalchemy_would_send_them() -> None:
    store = open_store(Settings())
    data = load_source(Settings().data_path).data
    engine = create_engine("sqlite://", poolclass=StaticPool)
    SQLModel.metadata.create_all(engine)
    with engine.begin() as connection:  # the same rows, bound by SQLAlchemy itself
        for table, values in by_table([*rows(data), *translation_rows(data)]).items():
            connection.execute(insert(table), values)
        keys = {(n, i): key for key, n, i in connection.execute(text("SELECT key, division_n, i FROM mandate_item"))}
        for table, values in [*by_table(evidence_rows(data, keys)).items(), *subject_rows(data, keys).items()]:
            connection.execute(insert(table), values)
    assert raw_tables(store.engine) == raw_tables(engine)
    with Session(store.engine) as session:
        for model in (tables.SubjectRow, tables.RepealedRow, tables.LeaderRow, tables.RegulationRow):
            assert rows_of(session, model) == [row.model_dump() for row in session.exec(select(model))]
    store.engine.dispose()
