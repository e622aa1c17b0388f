"""Flat tables (CSV) of the collections: official columns first, then `editorial_` columns, then provenance."""

import csv
import io
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from app.schemas.public import RootPublic

CSV_MEDIA_TYPE = "text/csv; charset=utf-8"
LIST_SEPARATOR = ";"
PROVENANCE_COLUMNS = ["provenance_source", "provenance_effective_date", "provenance_dataset_version"]

Row = list[Any]
Table = Callable[[Iterable[Any]], tuple[list[str], list[Row]]]  # response items -> (header, rows)
Columns = list[tuple[str, Callable[[Any], object]]]  # column name, and how to read it from an item


def joined(values: Iterable[object]) -> str:
    """A list in one cell."""
    return LIST_SEPARATOR.join(str(value) for value in values)


def table_of(columns: Columns) -> Table:
    """A table maker: one row per item, one column per (name, reader) pair."""

    def make(items: Iterable[Any]) -> tuple[list[str], list[Row]]:
        return [name for name, _ in columns], [[read(item) for _, read in columns] for item in items]

    return make


duty_table = table_of(
    [
        ("n", lambda d: d.n),
        ("label", lambda d: d.label),
        ("text", lambda d: d.text),
        ("url", lambda d: d.url),
        ("editorial_division_numbers", lambda d: joined(link.n for link in d.editorial.divisions)),
        ("editorial_division_names", lambda d: joined(link.name for link in d.editorial.divisions)),
        ("editorial_unassigned_reason", lambda d: d.editorial.unassigned_reason or ""),
        ("editorial_text_en", lambda d: d.editorial.text_en or ""),
    ]
)
division_table = table_of(
    [
        ("n", lambda d: d.n),
        ("label", lambda d: d.label),
        ("name", lambda d: d.name),
        ("heading", lambda d: d.heading),
        ("other_names", lambda d: joined(other.name for other in d.other_names)),
        ("mandate", lambda d: "".join(item.text for item in d.mandate)),
        ("url", lambda d: d.url),
        ("editorial_id", lambda d: d.id),
        ("editorial_name_en", lambda d: d.editorial.name_en),
        ("editorial_duty_numbers", lambda d: joined(duty.n for duty in d.editorial.duties)),
        ("editorial_mandate_en", lambda d: " ".join(item.editorial.text_en or "" for item in d.mandate).strip()),
    ]
)
mandate_table = table_of(
    [
        ("division_n", lambda m: m.division.n),
        ("division_name", lambda m: m.division.name),
        ("i", lambda m: m.i),
        ("text", lambda m: m.text),
        ("division_url", lambda m: m.division.url),
        ("editorial_id", lambda m: m.id),
        ("editorial_text_en", lambda m: m.editorial.text_en or ""),
    ]
)
honour_table = table_of(
    [
        ("n", lambda h: h.n),
        ("date", lambda h: h.date),
        ("recipient", lambda h: h.recipient),
        ("division_n", lambda h: "" if h.division is None else h.division.n),
        ("division_name", lambda h: "" if h.division is None else h.division.name),
        ("title", lambda h: h.title),
        ("awarded_by", lambda h: h.awarded_by or ""),
        ("status", lambda h: h.status),
        ("source", lambda h: h.source),
        ("editorial_status_en", lambda h: h.editorial.status_en or ""),
        ("editorial_text_en", lambda h: h.editorial.source_en or ""),
    ]
)
subject_table = table_of(
    [
        ("editorial_term", lambda s: s.term),
        ("editorial_en", lambda s: joined(s.en)),
        ("editorial_division_numbers", lambda s: joined(d.n for d in s.divisions)),
        ("editorial_division_names", lambda s: joined(d.name for d in s.divisions)),
        ("editorial_items", lambda s: joined(s.items)),
        ("editorial_duties", lambda s: joined(s.duties)),
        ("editorial_agency", lambda s: s.agency or ""),
    ]
)


def to_csv(table: tuple[Sequence[str], Sequence[Row]], root: RootPublic) -> bytes:
    """A table as CSV with a byte-order mark (so spreadsheet programs read the Chinese) and provenance on every row."""
    header, rows = table
    provenance = provenance_cells(root)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([*header, *PROVENANCE_COLUMNS])
    writer.writerows([*row, *provenance] for row in rows)
    return ("\ufeff" + out.getvalue()).encode()


def provenance_cells(root: RootPublic) -> list[str]:
    """The source file, the regulation's effective date and the dataset version."""
    effective = root.regulation.effective_date if root.regulation else None
    return [root.dataset.source or "", effective.isoformat() if effective else "", root.dataset.version]
