"""One import, start to end: read the text, place its parts, carry an earlier file's ids and editorial layer over."""

import datetime
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from app.data.data_file import DataFileError, SafeLoader, load_source
from app.importer.build import Imported, import_text
from app.importer.carry_over import Review, carried_dataset, carry_editorial, carry_ids
from app.importer.output import checked, to_yaml
from app.importer.text import ImportFailure


@dataclass
class ImportResult:
    """The data file's bytes, what the import placed and left, and the editorial entries to review."""

    body: bytes
    imported: Imported
    reviews: list[Review] = field(default_factory=list)


def run_import(source: Path, name: str | None = None, onto: Path | None = None) -> ImportResult:
    """Import the text at source, onto an earlier data file if given; ImportFailure or DataFileError when impossible."""
    try:
        raw = source.read_bytes()
    except OSError as error:
        raise ImportFailure(0, f"cannot read the file: {error.strerror}") from None
    imported = import_text(raw, name)
    imported.data["dataset"] = {"modified": datetime.datetime.now(datetime.UTC).date(), "source": str(source)}
    if onto is None:
        return ImportResult(_valid_body(imported, source.name), imported)
    old = load_source(onto).data
    carry_ids(imported.data, old)
    new = checked(_valid_body(imported, source.name), "(imported)")[0]
    assert new is not None
    old_raw = yaml.load(onto.read_text(encoding="utf-8"), Loader=SafeLoader)  # the data file's safe loader (libyaml's)
    editorial, reviews = carry_editorial(new, old, old_raw)
    dataset = carried_dataset(new, old, old_raw)
    imported.data["editorial"] = editorial
    imported.data["dataset"] = dataset or imported.data["dataset"]
    return ImportResult(_valid_body(imported, source.name), imported, reviews)


def _valid_body(imported: Imported, source: str) -> bytes:
    body = to_yaml(imported.data, source, imported.layout)
    data, problems = checked(body, "(imported)")
    if data is None:
        raise DataFileError([*problems, "the imported text would not make a valid data file"])
    return body
