"""Read data/lnst.yaml safely and validate it, locating every problem by file, line and column."""

import datetime
import hashlib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.events import AliasEvent, CollectionStartEvent, NodeEvent, ScalarEvent

from app.schemas.source import Loc, SourceData

MAX_FILE_BYTES = 10 * 1024 * 1024
MAX_DEPTH = 32
DATE_LIKE = re.compile(r"^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}$")


class DataFileError(Exception):
    """The data file cannot be served; `problems` holds one `PATH:LINE:COLUMN: message` line each."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


@dataclass(frozen=True)
class LoadedSource:
    """A validated data file with the facts about the file itself."""

    data: SourceData
    path: Path
    version: str
    modified: float


def load_source(path: Path) -> LoadedSource:
    """Read, parse and validate the data file, or raise DataFileError naming every problem."""
    try:
        raw = path.read_bytes()
        modified = path.stat().st_mtime
    except OSError as error:
        raise DataFileError([f"{path}:1:1: cannot read the file: {error.strerror}"]) from None
    data = parse_source(raw, str(path))
    return LoadedSource(data=data, path=path, version=hashlib.sha256(raw).hexdigest()[:16], modified=modified)


def parse_source(raw: bytes, name: str) -> SourceData:
    """Validate the bytes of a data file; `name` is how problems refer to the file."""
    if len(raw) > MAX_FILE_BYTES:
        raise DataFileError([f"{name}:1:1: the file is {len(raw)} bytes, over the limit of {MAX_FILE_BYTES}"])
    text = _decode(raw, name)
    document = _compose(text, name)
    where: dict[Loc, tuple[int, int]] = {(): (1, 1)}
    plain = _to_plain(document, (), where, name)
    try:
        return SourceData.model_validate(plain)
    except ValidationError as error:
        raise DataFileError(_locate(error, where, name)) from None


def _decode(raw: bytes, name: str) -> str:
    if raw.startswith(b"\xef\xbb\xbf"):
        raise DataFileError([f"{name}:1:1: the file starts with a byte-order mark: save it as UTF-8 without one"])
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        column = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
        raise DataFileError([f"{name}:{line}:{column}: invalid UTF-8 (byte 0x{raw[error.start]:02x})"]) from None
    if not text.strip():
        raise DataFileError([f"{name}:1:1: the file is empty"])
    if "\r" in text:
        line = text[: text.index("\r")].count("\n") + 1
        raise DataFileError([f"{name}:{line}:1: carriage return found: use Unix line endings (LF) only"])
    return text


def _compose(text: str, name: str) -> Any:
    yaml = YAML(typ="rt")
    try:
        depth = 0
        for event in yaml.parse(text):
            mark = event.start_mark
            if isinstance(event, AliasEvent) or (isinstance(event, NodeEvent) and event.anchor is not None):
                raise DataFileError([f"{name}:{mark.line + 1}:{mark.column + 1}: anchors and aliases are not allowed"])
            if isinstance(event, NodeEvent) and getattr(event, "tag", None) is not None:
                raise DataFileError([f"{name}:{mark.line + 1}:{mark.column + 1}: YAML tags are not allowed"])
            if isinstance(event, ScalarEvent) and event.style is None and DATE_LIKE.match(event.value):
                try:
                    datetime.date.fromisoformat(event.value)
                except ValueError:
                    raise DataFileError(
                        [f"{name}:{mark.line + 1}:{mark.column + 1}: {event.value} is not a real date (write YYYY-MM-DD)"]
                    ) from None
            if isinstance(event, CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    raise DataFileError([f"{name}:{mark.line + 1}:{mark.column + 1}: nested deeper than {MAX_DEPTH} levels"])
            elif type(event).__name__ in ("MappingEndEvent", "SequenceEndEvent"):
                depth -= 1
        return yaml.load(text)
    except MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
        problem = " ".join(part for part in (error.context, error.problem) if part)
        raise DataFileError([f"{name}:{line}:{column}: YAML: {problem}"]) from None
    except (YAMLError, ValueError) as error:
        raise DataFileError([f"{name}:1:1: YAML: {error}"]) from None


def _to_plain(node: Any, loc: Loc, where: dict[Loc, tuple[int, int]], name: str) -> Any:
    """Copy ruamel's round-trip nodes into plain Python values, recording each path's position."""
    if isinstance(node, CommentedMap):
        where.setdefault(loc, (node.lc.line + 1, node.lc.col + 1))
        result: dict[Any, Any] = {}
        for key, value in node.items():
            key_line, key_column = node.lc.key(key)
            plain_key = _scalar(key)
            where[(*loc, plain_key)] = (key_line + 1, key_column + 1)
            result[plain_key] = _to_plain(value, (*loc, plain_key), where, name)
        return result
    if isinstance(node, CommentedSeq):
        where.setdefault(loc, (node.lc.line + 1, node.lc.col + 1))
        items = []
        for index, value in enumerate(node):
            item_line, item_column = node.lc.item(index)
            where[(*loc, index)] = (item_line + 1, item_column + 1)
            items.append(_to_plain(value, (*loc, index), where, name))
        return items
    if node is None and loc == ():
        raise DataFileError([f"{name}:1:1: the file holds no document"])
    return _scalar(node)


def _scalar(value: Any) -> Any:
    """Turn ruamel's scalar subclasses into the plain built-in types."""
    if isinstance(value, bool) or value is None:
        return value
    for plain_type in (str, int, float):
        if isinstance(value, plain_type):
            return plain_type(value)
    return value


def _locate(error: ValidationError, where: dict[Loc, tuple[int, int]], name: str) -> list[str]:
    problems: list[tuple[Loc, str]] = []
    for detail in error.errors(include_url=False):
        context = detail.get("ctx") or {}
        if detail["type"] == "cross_check":
            problems.extend((tuple(loc), message) for loc, message in context["problems"])
        else:
            loc = _known_prefix(tuple(detail["loc"]), where)
            if detail["type"] == "missing":
                loc = (*loc, detail["loc"][-1])
            problems.append((loc, detail["msg"]))
    lines = set()
    for loc, message in problems:
        line, column = where[_known_prefix(loc, where)]
        field = ".".join(str(part) for part in loc) or "(document)"
        lines.add((line, column, f"{name}:{line}:{column}: {field}: {message}"))
    return [text for _, _, text in sorted(lines)]


def _known_prefix(loc: Loc, where: dict[Loc, tuple[int, int]]) -> Loc:
    """The longest start of `loc` that names a place in the file (pydantic adds type tags to unions)."""
    for end in range(len(loc), -1, -1):
        if loc[:end] in where:
            return loc[:end]
    return ()
