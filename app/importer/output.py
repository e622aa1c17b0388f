"""Write an imported data file as YAML, and check it against the data file's schema before it is written."""

from typing import Any

import yaml

from app.data.data_file import DataFileError, parse_source
from app.schemas.source import SourceData

HEADER = """\
# yaml-language-server: $schema=./lnst.schema.json
#
# Imported by `lnst-api import` from {source} ({layout} layout).
# Official text is as printed; lines the source broke mid-sentence are joined.
# Division ids are made from the division's name: the same name always gives the same id.
# Everything this project adds belongs under `editorial:` (empty after a plain import, carried over with --onto).
"""


def to_yaml(data: dict[str, Any], source: str, layout: str) -> bytes:
    """The data file's text: a header naming the source, then the values in data/lnst.yaml's order."""
    data = {key: data[key] for key in sorted(data, key=lambda key: key != "dataset")}  # `dataset` first, as in data/lnst.yaml
    body: str = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1_000_000, default_flow_style=False)
    return (HEADER.format(source=source, layout=layout) + "\n" + body).encode()


def checked(body: bytes, name: str) -> tuple[SourceData | None, list[str]]:
    """The data file the bytes hold, or None and every problem the schema finds in them."""
    try:
        return parse_source(body, name), []
    except DataFileError as error:
        return None, error.problems
