"""Every table column has a public field, and every public field a column, unless the difference is listed with its
reason: a field added to one shape and forgotten in the other fails here."""

import sqlite3
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel
from sqlmodel import SQLModel, create_engine

from app.data import rows, tables
from app.schemas import public, source
from tests.helpers import TESTS

ORDER = "order only: served as the order of a list"
ONE_ROW = "the key of a table of one row"
EDITORIAL = "editorial, built from the translation table and the links"
LINK = "a link table: served inside the shapes it links"
# (its public shape, columns served under another name {column: field}, columns with no field, fields with no column)
Entry = tuple[type[BaseModel] | None, dict[str, str], dict[str, str], dict[str, str]]
SHAPES: dict[type[SQLModel], Entry] = {
    tables.HeadingRow: (public.SectionPublic, {}, {"position": ORDER}, {"editorial": EDITORIAL, "url": "computed from key"}),
    tables.DepartmentRow: (
        public.DepartmentPublic,
        {},
        {"id": ONE_ROW},
        {"address": "its own table, AddressRow"},
    ),
    tables.AddressRow: (public.AddressPublic, {}, {"id": ONE_ROW}, {"editorial": EDITORIAL}),
    tables.RegulationRow: (
        public.RegulationPublic,
        {},
        {"id": ONE_ROW},
        {"interpretation": "its own table", "repeals": "its own table, RepealedRow", "editorial": EDITORIAL},
    ),
    tables.InterpretationRow: (public.InterpretationPublic, {}, {"id": ONE_ROW}, {"editorial": EDITORIAL}),
    tables.RepealedRow: (public.RepealedPublic, {}, {"id": ONE_ROW}, {"editorial": EDITORIAL}),
    tables.DutyRow: (
        public.DutyPublic,
        {"unassigned_reason": "editorial.unassigned_reason"},
        {},
        {"editorial": EDITORIAL, "url": "computed from n"},
    ),
    tables.DivisionRow: (
        public.DivisionPublic,
        {"name_en": "editorial.name_en"},
        {},
        {
            "heading": "built from name and other names",
            "other_names": "its own table",
            "mandate": "its own table",
            "editorial": EDITORIAL,
            "url": "computed from n",
        },
    ),
    tables.OtherNameRow: (
        public.OtherNamePublic,
        {},
        {"division_n": "served inside its division", "position": ORDER},
        {"editorial": EDITORIAL},
    ),
    tables.MandateItemRow: (
        public.MandatePublic,
        {"division_n": "division"},
        {"key": "the row's own key, for links"},
        {"id": "built from the division's id and i", "editorial": EDITORIAL},
    ),
    tables.ProvisionRow: (public.ProvisionPublic, {}, {"position": ORDER}, {}),
    tables.TransformationRow: (
        public.TransformationPublic,
        {},
        {"id": ONE_ROW},
        {"heading": "the heading table's", "sentences": "the text split after each 。", "editorial": EDITORIAL},
    ),
    tables.LeaderRow: (public.LeaderPublic, {}, {"position": ORDER}, {"editorial": EDITORIAL}),
    tables.HonourRow: (public.HonourPublic, {"division_n": "division"}, {}, {"editorial": EDITORIAL}),
    tables.AbbreviationRow: (public.AbbreviationPublic, {}, {"position": ORDER}, {"notice": "a constant"}),
    tables.AgencyRow: (
        public.AgencyPublic,
        {},
        {"position": ORDER, "local_id": "served as the referral's agency where a question names a city"},
        {},
    ),
    tables.SubjectRow: (
        public.SubjectPublic,
        {"agency_id": "agency"},
        {"position": ORDER},
        {
            "divisions": "a link table, SubjectDivisionRow",
            "items": "a link table, SubjectItemRow",
            "referred_to": "built from the agency",
            "notice": "a constant",
        },
    ),
    tables.TranslationRow: (None, {}, {"key": "served as the editorial English of each shape", "text_en": EDITORIAL}, {}),
    tables.DutyEvidenceRow: (None, {}, dict.fromkeys(["duty_n", "mandate_key", "position"], LINK), {}),
    tables.SubjectDivisionRow: (None, {}, dict.fromkeys(["term", "division_n", "position"], LINK), {}),
    tables.SubjectItemRow: (None, {}, dict.fromkeys(["term", "mandate_key", "position"], LINK), {}),
}


# The data file's shapes whose fields rows.py copies into a table (rows keep only the table's columns, silently): each
# field is a column, or is listed here with where it goes.
SOURCE_TABLES: dict[type[BaseModel], tuple[type[SQLModel], dict[str, str]]] = {
    source.Department: (tables.DepartmentRow, {"address": "AddressRow"}),
    source.Address: (tables.AddressRow, {}),
    source.Regulation: (tables.RegulationRow, {"interpretation": "InterpretationRow", "repeals": "RepealedRow"}),
    source.Interpretation: (tables.InterpretationRow, {}),
    source.Repealed: (tables.RepealedRow, {}),
    source.Duty: (tables.DutyRow, {}),
    source.Division: (tables.DivisionRow, {"other_names": "OtherNameRow", "mandate": "MandateItemRow"}),
    source.OtherName: (tables.OtherNameRow, {}),
    source.Transformation: (tables.TransformationRow, {}),
    source.Leader: (tables.LeaderRow, {}),
    source.Honour: (tables.HonourRow, {"division": "division_n, by the division's id"}),
    source.Provision: (tables.ProvisionRow, {}),
    source.Abbreviation: (tables.AbbreviationRow, {}),
    source.Agency: (tables.AgencyRow, {"en": "name_en", "local": "local_id"}),
}


# The data file's other shapes, and where their fields go instead of a table of their own.
NOT_COPIED = {
    source.SourceData: "the whole file: its parts are the shapes listed",
    source.DatasetInfo: "the dataset's version and dates: served by the store, not a table",
    source.Headings: "a row per heading (HeadingRow), from its fields",
    source.Leaders: "the list and its as-of month: each leader a LeaderRow carrying as_of and as_of_source",
    source.Numbered: "the base of Duty and Division",
    source.Evidence: "a duty's evidence: DutyEvidenceRow, by the items' keys",
    source.DutyLink: "a duty's links: DutyEvidenceRow",
    source.Subject: "SubjectRow, SubjectDivisionRow and SubjectItemRow, built field by field",
    source.OutsideRemit: "SubjectRow with its agency",
    source.SubjectRoles: "each subject's role, a SubjectRow column",
    source.Editorial: "its parts are the editorial shapes listed",
    source.English: "TranslationRow, one row a text, under app/data/translation_keys.py's keys",
    source.HonourEnglish: "TranslationRow",
    source.InterpretationEnglish: "TranslationRow",
    source.LeaderEnglish: "TranslationRow",
    source.LeadersEnglish: "TranslationRow",
    source.OtherNameEnglish: "TranslationRow",
    source.RegulationEnglish: "TranslationRow",
    source.RepealedEnglish: "TranslationRow",
}


def public_fields(shape: type[BaseModel]) -> set[str]:
    """A shape's fields and computed fields, and the fields of its editorial object as editorial.<name>."""
    found = set(shape.model_fields) | set(shape.model_computed_fields)
    editorial: Any = shape.model_fields.get("editorial")
    if editorial is not None and isinstance(editorial.annotation, type) and issubclass(editorial.annotation, BaseModel):
        found |= {f"editorial.{name}" for name in editorial.annotation.model_fields}
    return found


def unexplained(
    columns: list[str], entry: tuple[type[BaseModel] | None, dict[str, str], dict[str, str], dict[str, str]]
) -> set[str]:
    """Columns without a field and fields without a column that the entry does not list, and listed names that are gone."""
    shape, served_as, no_field, no_column = entry
    fields = public_fields(shape) if shape is not None else set()
    missing = {f"served as {field}?" for field in served_as.values() if field not in fields}
    columns_left = set(columns) - set(served_as) - set(no_field)
    fields_left = fields - set(served_as.values()) - set(no_column) - {f for f in fields if f.startswith("editorial.")}
    stale = {f"listed column {c} is gone" for c in [*served_as, *no_field] if c not in columns}
    stale |= {f"listed field {f} is gone" for f in no_column if f not in fields}
    return missing | stale | {f"column {c}" for c in columns_left - fields} | {f"field {f}" for f in fields_left - set(columns)}


def test_every_table_is_listed() -> None:
    assert {table.__tablename__ for table in SHAPES} == set(SQLModel.metadata.tables)  # type: ignore[attr-defined]


@pytest.mark.parametrize("table", list(SHAPES), ids=lambda table: table.__name__)
def test_every_column_has_a_public_field_and_back(table: type[SQLModel]) -> None:
    columns = list(table.__table__.columns.keys())  # type: ignore[attr-defined]
    assert unexplained(columns, SHAPES[table]) == set()


def test_a_column_or_field_added_on_one_side_only_is_seen() -> None:
    columns = list(tables.AddressRow.__table__.columns.keys())  # type: ignore[attr-defined]
    entry = SHAPES[tables.AddressRow]
    assert unexplained([*columns, "postcode"], entry) == {"column postcode"}
    assert unexplained([c for c in columns if c != "street"], entry) == {"field street"}
    assert unexplained(columns, (entry[0], {}, {}, entry[3])) == {"column id"}


@pytest.mark.parametrize("shape", list(SOURCE_TABLES), ids=lambda shape: shape.__name__)
def test_every_field_of_the_data_file_lands_in_a_column(shape: type[BaseModel]) -> None:
    table, elsewhere = SOURCE_TABLES[shape]
    columns = set(table.__table__.columns.keys())  # type: ignore[attr-defined]
    assert set(shape.model_fields) - columns == set(elsewhere)


def test_the_tables_are_created_as_the_sqlite_export_publishes_them(tmp_path: Path) -> None:
    """Columns in their order, types, keys: what `lnst-api export --format sqlite` and Datasette show (tests/data/tables.sql;
    write it again on purpose when a table changes)."""
    database = tmp_path / "tables.db"
    SQLModel.metadata.create_all(create_engine(f"sqlite:///{database}"))
    with sqlite3.connect(database) as connection:
        created = [sql for (sql,) in connection.execute("SELECT sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY name")]
    assert "\n".join(created) + "\n" == (TESTS / "data" / "tables.sql").read_text(encoding="utf-8")


def test_a_row_missing_a_required_column_is_refused_not_inserted() -> None:
    with pytest.raises(ValueError, match="AddressRow: no value for province, city"):
        rows.by_table([(tables.AddressRow, {"text": "甲省"})])
    parts = dict.fromkeys(["province", "city", "district", "subdistrict", "street"])
    assert rows.by_table([(tables.AddressRow, parts | {"text": "甲省"})])


def test_every_shape_of_the_data_file_is_copied_into_a_table_or_said_where_it_goes() -> None:
    shapes = {kind for kind in vars(source).values() if isinstance(kind, type) and issubclass(kind, source.Contract)}
    assert shapes - {source.Contract} == set(SOURCE_TABLES) | set(NOT_COPIED)
    assert not set(SOURCE_TABLES) & set(NOT_COPIED)
