"""Read data/lnst.yaml safely (no aliases, tags or duplicate keys) and validate it, locating every problem."""

import datetime
import hashlib
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError
from yaml.constructor import SafeConstructor

from app.schemas.changes import ChangeLog
from app.schemas.source import Loc, SourceData

MAX_FILE_BYTES = 10 * 1024 * 1024
MAX_DEPTH = 32
SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
STR_TAG = "tag:yaml.org,2002:str"
PLAIN_TAGS = {f"tag:yaml.org,2002:{kind}" for kind in ("str", "int", "float", "bool", "null", "timestamp", "map", "seq")}

_LAST_VALID: dict[bytes, SourceData] = {}  # the last valid file's bytes and data, one at a time


class DataFileError(Exception):
    """The data file cannot be served; `problems` holds one `PATH:LINE:COLUMN: message` line each."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems

    def report(self, path: Path) -> list[str]:
        """What a command prints of it: every problem, then how many there were in the file at path."""
        return [*self.problems, f"{path}: {len(self.problems)} problem(s); not valid"]


@dataclass(frozen=True)
class LoadedSource:
    """A validated data file with the facts about the file itself."""

    data: SourceData
    path: Path
    version: str
    modified: float  # seconds since the epoch: `dataset.modified` from the file, else the file's mtime


def load_source(path: Path) -> LoadedSource:
    """Read, parse and validate the data file, or raise DataFileError naming every problem."""
    try:
        with path.open("rb") as file:
            facts = os.fstat(file.fileno())
            if facts.st_size > MAX_FILE_BYTES:  # refused before reading a byte of it
                raise DataFileError([f"{path}:1:1: the file is {facts.st_size} bytes, over the limit of {MAX_FILE_BYTES}"])
            raw = file.read(MAX_FILE_BYTES + 1)
        modified = facts.st_mtime
    except OSError as error:
        raise DataFileError([f"{path}:1:1: cannot read the file: {error.strerror}"]) from None
    data = parse_source(raw, str(path))
    if data.dataset is not None:  # declared in the file: the same on every server, whatever the file's mtime
        modified = datetime.datetime.combine(data.dataset.modified, datetime.time(), tzinfo=datetime.UTC).timestamp()
    return LoadedSource(data=data, path=path, version=hashlib.sha256(raw).hexdigest()[:16], modified=modified)


def changes_path(data_path: Path) -> Path:
    """Where the change log of a data file lives: beside it, data/lnst.yaml -> data/lnst.changes.yaml."""
    return data_path.with_name(data_path.stem + ".changes.yaml")


def load_changes(data_path: Path) -> ChangeLog:
    """The change log beside the data file (empty when there is none), or DataFileError naming the problem."""
    return load_change_log(changes_path(data_path))


def load_change_log(path: Path) -> ChangeLog:
    """A change log (empty when there is none), or DataFileError naming the problem."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return ChangeLog()
    except (OSError, UnicodeDecodeError) as error:
        raise DataFileError([f"{path}:1:1: cannot read the change log: {error}"]) from None
    builder = _Builder(str(path))
    plain = builder.build(_compose(text, str(path)), ()) if text.strip() else {}
    try:
        return ChangeLog.model_validate(plain)
    except ValidationError as error:
        raise DataFileError(_locate(error, builder.where, str(path))) from None


def parse_source(raw: bytes, name: str) -> SourceData:
    """Validate the bytes of a data file; `name` is how problems refer to the file."""
    # The last valid file is remembered by its bytes alone, so the same bytes are validated once (a snapshot, a reload of
    # an unchanged file, each test's app); the data is frozen, and no caller changes the lists inside it.
    known = _LAST_VALID.get(raw)
    if known is not None:
        return known
    data = _validated(raw, name)
    _LAST_VALID.clear()
    _LAST_VALID[raw] = data
    return data


def _validated(raw: bytes, name: str) -> SourceData:
    if len(raw) > MAX_FILE_BYTES:
        raise DataFileError([f"{name}:1:1: the file is {len(raw)} bytes, over the limit of {MAX_FILE_BYTES}"])
    text = _decode(raw, name)
    builder = _Builder(name)
    plain = builder.build(_compose(text, name), ())
    try:
        return SourceData.model_validate(plain)
    except ValidationError as error:
        raise DataFileError(_locate(error, builder.where, name)) from None


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


def _compose(text: str, name: str) -> yaml.Node:
    try:
        node = yaml.compose(text, Loader=SafeLoader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
        problem = " ".join(part for part in (error.context, error.problem) if part)
        if "duplicate anchor" in problem:
            problem = "duplicate anchor: anchors and aliases are not allowed"
        raise DataFileError([f"{name}:{line}:{column}: YAML: {problem}"]) from None
    except (yaml.YAMLError, RecursionError) as error:
        raise DataFileError([f"{name}:1:1: YAML: {error}"]) from None
    if node is None:
        raise DataFileError([f"{name}:1:1: the file holds no document"])
    return node


class _Builder:
    """Turn composed YAML nodes into plain values, refusing what the contract never needs."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.where: dict[Loc, tuple[int, int]] = {(): (1, 1)}
        self.seen: set[int] = set()
        self.constructor = SafeConstructor()

    def fail(self, node: yaml.Node, message: str) -> DataFileError:
        mark = node.start_mark
        return DataFileError([f"{self.name}:{mark.line + 1}:{mark.column + 1}: {message}"])

    def build(self, node: yaml.Node, loc: Loc, depth: int = 0) -> Any:
        if id(node) in self.seen:
            raise self.fail(node, "anchors and aliases are not allowed")
        self.seen.add(id(node))
        if node.tag not in PLAIN_TAGS:
            raise self.fail(node, f"YAML tags are not allowed ({node.tag})")
        if depth > MAX_DEPTH:
            raise self.fail(node, f"nested deeper than {MAX_DEPTH} levels")
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, loc, depth)
        if isinstance(node, yaml.SequenceNode):
            items = []
            for index, item_node in enumerate(node.value):
                here = (*loc, index)
                self.where[here] = (item_node.start_mark.line + 1, item_node.start_mark.column + 1)
                items.append(self.build(item_node, here, depth + 1))
            return items
        if node.tag == STR_TAG:  # most of the file: what the constructor would return, without its bookkeeping
            return node.value
        try:
            return self.constructor.construct_object(node)
        except ValueError:
            raise self.fail(node, f"{node.value} is not a real date (write YYYY-MM-DD)") from None

    def _mapping(self, node: yaml.MappingNode, loc: Loc, depth: int) -> dict[Any, Any]:
        result: dict[Any, Any] = {}
        first_line: dict[Any, int] = {}
        for key_node, value_node in node.value:
            key = self.build(key_node, loc, depth + 1)
            if not isinstance(key, str | int):
                raise self.fail(key_node, "a key must be text or a number")
            if key in first_line:
                raise self.fail(key_node, f"duplicate key {key!r} (first at line {first_line[key]})")
            first_line[key] = key_node.start_mark.line + 1
            here = (*loc, key)
            self.where[here] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            result[key] = self.build(value_node, here, depth + 1)
        return result


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
