"""Chinese numerals and the printed labels that number paragraphs: (一), （十二）, 三、, 第五条."""

import re

DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
UNITS = {"十": 10, "百": 100, "千": 1000}
NUMERAL = "[〇零一二三四五六七八九十百千两]+"
ITEM = re.compile(rf"^(?:\(({NUMERAL}|\d{{1,3}})\)|(\d{{1,3}})[.、](?!\d))")
SECTION = re.compile(rf"^({NUMERAL})、")
ARTICLE = re.compile(rf"^第({NUMERAL})条")


def numeral_value(numeral: str) -> int:
    """The value of a Chinese numeral such as 十六 or 一百零一."""
    total, digit = 0, 0
    for char in numeral:
        if char in DIGITS:
            digit = DIGITS[char]
        else:
            total += (digit or 1) * UNITS[char]
            digit = 0
    return total + digit


def item_label(folded: str) -> tuple[int, int] | None:
    """(number, label length) when a folded paragraph starts with an item label: (三), (3), 3. or 3、"""
    found = ITEM.match(folded)
    if found is None:
        return None
    numeral = found[1] or found[2]
    return (int(numeral) if numeral.isdigit() else numeral_value(numeral)), found.end()


def section_label(folded: str) -> tuple[int, int] | None:
    """(number, label length) when a folded line starts with a section number such as 三、."""
    found = SECTION.match(folded)
    return (numeral_value(found[1]), found.end()) if found else None


def article_label(folded: str) -> tuple[int, int] | None:
    """(number, label length) when a folded line starts with an article number such as 第五条."""
    found = ARTICLE.match(folded)
    return (numeral_value(found[1]), found.end()) if found else None
