"""Record a version in the change log beside the data file, as `lnst-api diff --record` does."""

import datetime
from pathlib import Path

import yaml

from app.changes.diff import Change
from app.changes.report import summary
from app.data.data_file import LoadedSource, load_changes
from app.schemas.changes import ChangeEntry, ChangeLog

HEADER = """\
# The dataset's versions, oldest first: what GET /v1/changes (JSON and Atom) serves.
# Written by `lnst-api diff OLD NEW --record`; one entry per version of the data file.
"""


def entry(new: LoadedSource, changes: list[Change]) -> ChangeEntry:
    """The entry for a new version: its date (the file's dataset.modified, else today), version, summary and resources."""
    day = new.data.dataset.modified if new.data.dataset else datetime.datetime.now(datetime.UTC).date()
    resources = list(dict.fromkeys(change.resource for change in changes))
    return ChangeEntry(date=day, version=new.version, summary=summary(changes), resources=resources)


def record(data_path: Path, new: ChangeEntry) -> Path:
    """Add the entry to the data file's change log (replacing one of the same version) and write the log whole."""
    log = load_changes(data_path)
    versions = [*(old for old in log.versions if old.version != new.version), new]
    path = data_path.with_name(data_path.stem + ".changes.yaml")
    body = yaml.safe_dump(ChangeLog(versions=versions).model_dump(), allow_unicode=True, sort_keys=False, width=1_000_000)
    building = path.with_name(f".{path.name}.tmp")
    building.write_text(HEADER + body, encoding="utf-8")
    building.replace(path)
    return path
