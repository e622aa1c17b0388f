"""Write app/search/homophones.txt: the 3,755 common characters (GB 2312 level 1) by their commonest toneless reading.

Search reads a query once more with a mistyped homophone mended (公基金 → 公积金); the table it reads is this file,
so pypinyin is needed only to write it (a test tool), never at run time. Run after upgrading pypinyin:
`.venv/bin/python -m tools.homophones`; tests/test_search.py checks the file is what this writes."""

from pathlib import Path

from pypinyin import Style, pinyin

ROOT = Path(__file__).resolve().parent.parent
TABLE = ROOT / "app" / "search" / "homophones.txt"
HEADER = "# Common characters (GB 2312 level 1) by their commonest toneless pinyin. Written by tools/homophones.py.\n"


def common_characters() -> list[str]:
    """GB 2312's level-1 characters (rows 16 to 55), in its order."""
    found = []
    for row in range(0xB0, 0xD8):
        for cell in range(0xA1, 0xFF):
            try:
                found.append(bytes([row, cell]).decode("gb2312"))
            except UnicodeDecodeError:
                continue
    return found


def table() -> str:
    """The file's text: each reading, then the characters whose commonest reading it is (rare readings left out: they
    would make 厂 a homophone of 安)."""
    readings: dict[str, list[str]] = {}
    for char in common_characters():
        readings.setdefault(pinyin(char, style=Style.NORMAL)[0][0], []).append(char)
    return HEADER + "".join(f"{reading} {''.join(chars)}\n" for reading, chars in sorted(readings.items()))


if __name__ == "__main__":
    TABLE.write_text(table(), encoding="utf-8")
