"""The SQLite store: real foreign keys, any SQLAlchemy URL, read-only once loaded."""

from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.exc import OperationalError

from app.config import Settings
from app.store import open_store


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
