"""Flat tables (CSV) of the collections: official columns first, then `editorial_` columns, then provenance."""

import csv
import io
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from app.schemas.public import DivisionPublic, DutyPublic, HonourPublic, MandatePublic, RootPublic

CSV_MEDIA_TYPE = "text/csv; charset=utf-8"
LIST_SEPARATOR = ";"
PROVENANCE_COLUMNS = ["provenance_source", "provenance_effective_date", "provenance_dataset_version"]

Row = list[Any]
Table = Callable[[Any], tuple[list[str], list[Row]]]  # response items -> (header, rows)


def duty_table(duties: Iterable[DutyPublic]) -> tuple[list[str], list[Row]]:
    """Duties: number, label, text, and the divisions that carry each (editorial)."""
    header = [
        "n",
        "label",
        "text",
        "url",
        "editorial_division_numbers",
        "editorial_division_names",
        "editorial_unassigned_reason",
    ]
    rows = [
        [
            d.n,
            d.label,
            d.text,
            d.url,
            _joined(link.n for link in d.editorial.divisions),
            _joined(link.name for link in d.editorial.divisions),
            d.editorial.unassigned_reason or "",
        ]
        for d in duties
    ]
    return header, rows


def division_table(divisions: Iterable[DivisionPublic]) -> tuple[list[str], list[Row]]:
    """Divisions with their mandate as one paragraph; the id, English name and duties are editorial."""
    header = [
        "n",
        "label",
        "name",
        "heading",
        "other_names",
        "mandate",
        "url",
        "editorial_id",
        "editorial_name_en",
        "editorial_duty_numbers",
    ]
    rows = [
        [
            d.n,
            d.label,
            d.name,
            d.heading,
            _joined(other.name for other in d.other_names),
            "".join(item.text for item in d.mandate),
            d.url,
            d.id,
            d.editorial.name_en,
            _joined(duty.n for duty in d.editorial.duties),
        ]
        for d in divisions
    ]
    return header, rows


def mandate_table(mandates: Iterable[MandatePublic]) -> tuple[list[str], list[Row]]:
    """Mandate items, one sentence a row, with their division."""
    header = ["division_n", "division_name", "i", "text", "division_url", "editorial_id"]
    rows = [[m.division.n, m.division.name, m.i, m.text, m.division.url, m.id] for m in mandates]
    return header, rows


def honour_table(honours: Iterable[HonourPublic]) -> tuple[list[str], list[Row]]:
    """Honours with their status as worded."""
    header = ["n", "date", "recipient", "division_n", "division_name", "title", "awarded_by", "status", "source"]
    rows = [
        [
            h.n,
            h.date,
            h.recipient,
            "" if h.division is None else h.division.n,
            "" if h.division is None else h.division.name,
            h.title,
            h.awarded_by or "",
            h.status,
            h.source,
        ]
        for h in honours
    ]
    return header, rows


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
    return [root.dataset.source, root.regulation.effective_date.isoformat(), root.dataset.version]


def _joined(values: Iterable[object]) -> str:
    return LIST_SEPARATOR.join(str(value) for value in values)
