"""Read the bytes of a published text into numbered lines, and fold characters for matching only."""

import functools
import re
from dataclasses import dataclass

import opencc

ENCODINGS = ("utf-8", "gb18030")
_T2S = opencc.OpenCC("t2s")


class ImportFailure(Exception):
    """The text cannot be imported at all: a message, and the line it concerns (0 for the whole file)."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


@dataclass(frozen=True)
class Line:
    """One non-blank line of the text, stripped, with its 1-based line number."""

    number: int
    text: str


@dataclass(frozen=True)
class Unplaced:
    """A line of official text the importer could not place, and why."""

    line: int
    text: str
    reason: str


def decode(raw: bytes) -> str:
    """The text of the bytes: UTF-8 (with or without a byte-order mark) or GB18030, else ImportFailure."""
    if not raw.strip():
        raise ImportFailure(0, "the file is empty")
    if b"\x00" in raw:
        line = raw[: raw.index(b"\x00")].count(b"\n") + 1
        raise ImportFailure(line, "the file is binary (it holds a NUL byte), not a text")
    for encoding in ENCODINGS:
        try:
            text = raw.removeprefix(b"\xef\xbb\xbf").decode(encoding)
        except UnicodeDecodeError:
            continue
        return _refuse_control_characters(text)
    raise ImportFailure(0, "the file is neither UTF-8 nor GB18030 text")


def _refuse_control_characters(text: str) -> str:
    found = re.search(r"[\x01-\x08\x0b\x0c\x0e-\x1f\x7f]", text)
    if found:
        line = text[: found.start()].count("\n") + 1
        raise ImportFailure(line, f"the file is binary (control character 0x{ord(found[0]):02x}), not a text")
    return text


def lines_of(text: str) -> list[Line]:
    """The non-blank lines, stripped of surrounding white space (full-width spaces too), numbered from 1."""
    found = []
    for number, line in enumerate(re.split(r"\r\n|\r|\n", text), start=1):
        stripped = line.strip(" \t\u3000\ufeff")
        if stripped:
            found.append(Line(number, stripped))
    return found


@functools.lru_cache(maxsize=8192)
def _fold_char(char: str) -> str:
    code = ord(char)
    if 0xFF01 <= code <= 0xFF5E:
        return chr(code - 0xFEE0)
    if char == "\u3000":
        return " "
    simplified: str = _T2S.convert(char)
    return simplified if len(simplified) == 1 else char


def fold(text: str) -> str:
    """The text with full-width ASCII made half-width and Traditional characters Simplified, one character for one."""
    return "".join(_fold_char(char) for char in text)
