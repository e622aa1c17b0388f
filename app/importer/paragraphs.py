"""Join the lines a copy broke in the middle of a sentence back into paragraphs, keeping their line numbers."""

from collections.abc import Callable
from dataclasses import dataclass

from app.importer.numbering import article_label, item_label, section_label
from app.importer.text import Line, fold

SENTENCE_ENDS = ("。", "!", "?", ";", ":")
CLOSERS = "”’」』)"


@dataclass(frozen=True)
class Paragraph:
    """Consecutive lines joined into one paragraph: the numbers of its lines and its text as printed."""

    numbers: tuple[int, ...]
    text: str

    @property
    def first(self) -> int:
        """The line the paragraph starts on."""
        return self.numbers[0]


def ends_sentence(text: str) -> bool:
    """Whether a line ends a sentence (。！？；：, possibly followed by a closing quote or bracket)."""
    return fold(text).rstrip(CLOSERS).endswith(SENTENCE_ENDS)


def starts_numbered(text: str) -> bool:
    """Whether a line opens a numbered item, section or article."""
    folded = fold(text)
    return any(label(folded) is not None for label in (item_label, section_label, article_label))


def paragraphs(lines: list[Line], starts_new: Callable[[str], bool] = starts_numbered) -> list[Paragraph]:
    """Each run of lines that does not end a sentence, joined to the line after it, unless that line opens a new item."""
    found: list[Paragraph] = []
    numbers: list[int] = []
    text = ""
    for line in lines:
        if numbers and (ends_sentence(text) or starts_new(line.text)):
            found.append(Paragraph(tuple(numbers), text))
            numbers, text = [], ""
        numbers.append(line.number)
        text += line.text
    if numbers:
        found.append(Paragraph(tuple(numbers), text))
    return found
