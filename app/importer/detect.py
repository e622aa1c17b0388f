"""Recognise which layout a text is printed in, and cut it into sections by that layout."""

from app.importer import articles
from app.importer.layouts import Sectioned, profile, profile_part
from app.importer.numbering import article_label
from app.importer.text import ImportFailure, Line, fold


def cut(lines: list[Line]) -> Sectioned:
    """The text's sections in whichever layout it is printed, or ImportFailure when it is in none of them."""
    if not lines:
        raise ImportFailure(0, "the file is empty")
    headings = [line for line in lines if profile_part(line.text)]
    if len(headings) >= 2:
        return profile(lines)
    if len([line for line in lines if article_label(fold(line.text))]) >= 2:
        return articles.regulation(lines)
    if len([line for line in lines if articles.numbered_part(line.text)]) >= 2:
        return articles.numbered(lines)
    raise ImportFailure(
        lines[0].number,
        "the text is in none of the layouts this importer reads: no headings on lines of their own "
        "(主要职责, 内设机构 …), no articles (第一条 …), no numbered sections (一、职责调整 …)",
    )
