"""The data file contract: the bundled file is valid; each broken file is refused with its line."""

import datetime

import pytest
from starlette.testclient import TestClient

from app.config import Settings
from app.data.data_file import DataFileError, load_source, parse_source
from app.main import create_app
from app.schemas.source import printed_label
from tests.helpers import BROKEN, ROOT, TINY

# file -> (line, a fragment of the message)
BROKEN_FILES = {
    "syntax_error.yaml": (38, "did not find expected key"),
    "duplicate_key.yaml": (13, "duplicate key 'name' (first at line 12)"),
    "wrong_type.yaml": (37, "duties.1.n: Input should be a valid integer"),
    "unknown_key.yaml": (54, "divisions.1.nickname: Extra inputs are not permitted"),
    "missing_field.yaml": (37, "duties.1.text: Field required"),
    "duplicate_number.yaml": (37, "duties.1.n: number 1 is out of sequence: expected 2"),
    "missing_number.yaml": (50, "divisions.1.n: number 3 is out of sequence: expected 2"),
    "dangling_reference.yaml": (70, "honours.0.division: no division has id 'third-office'"),
    "impossible_date.yaml": (21, "2020-02-30 is not a real date"),
    "empty.yaml": (1, "the file is empty"),
    "invalid_utf8.yaml": (12, "invalid UTF-8"),
    "alias_bomb.yaml": (2, "anchors and aliases are not allowed"),
    "duplicate_anchor.yaml": (5, "anchors and aliases are not allowed"),
    "python_tag.yaml": (11, "YAML tags are not allowed"),
    "list_root.yaml": (1, "(document): Input should be a valid dictionary"),
    "deep_nesting.yaml": (2, "nested deeper than 32 levels"),
    "tab_indent.yaml": (12, "cannot start any token"),
    "bom.yaml": (1, "byte-order mark"),
    "crlf.yaml": (1, "carriage return"),
    "mixed_line_endings.yaml": (21, "carriage return"),
    "python_object_new.yaml": (12, "YAML tags are not allowed"),
}


def test_bundled_data_is_valid() -> None:
    loaded = load_source(ROOT / "data" / "lnst.yaml")
    assert len(loaded.data.duties) == 16
    assert len(loaded.data.divisions) == 14


def test_tiny_fixture_is_valid() -> None:
    assert load_source(TINY).data.department.name == "测试厅"


def test_corpus_lists_every_broken_file() -> None:
    assert sorted(path.name for path in BROKEN.iterdir()) == sorted(BROKEN_FILES)


@pytest.mark.parametrize(("name", "expected"), sorted(BROKEN_FILES.items()))
def test_broken_file_is_refused_with_its_line(name: str, expected: tuple[int, str]) -> None:
    line, fragment = expected
    with pytest.raises(DataFileError) as raised:
        load_source(BROKEN / name)
    first = raised.value.problems[0]
    assert first.startswith(f"{BROKEN / name}:{line}:"), first
    assert fragment in "\n".join(raised.value.problems)


@pytest.mark.parametrize("name", ["duplicate_key.yaml", "dangling_reference.yaml", "empty.yaml"])
def test_broken_file_stops_start_up(name: str) -> None:
    app = create_app(Settings(data_path=BROKEN / name))
    with pytest.raises(DataFileError), TestClient(app):
        pass
    assert not hasattr(app.state, "store")


def test_every_problem_is_reported_not_only_the_first() -> None:
    text = TINY.read_text(encoding="utf-8")
    text = text.replace("  - n: 2\n    id: second-office", "  - n: 5\n    id: second-office").replace(
        "division: first-office", "division: ghost"
    )
    with pytest.raises(DataFileError) as raised:
        parse_source(text.encode(), "mixed.yaml")
    joined = "\n".join(raised.value.problems)
    assert "divisions.1.n: number 5" in joined
    assert "honours.0.division: no division has id 'ghost'" in joined


def test_oversized_file_is_refused_before_parsing() -> None:
    with pytest.raises(DataFileError) as raised:
        parse_source(b"a: 1\n" * 11_000_000, "big.yaml")
    assert "over the limit" in raised.value.problems[0]


def test_missing_file_is_refused() -> None:
    with pytest.raises(DataFileError) as raised:
        load_source(ROOT / "no-such-file.yaml")
    assert "cannot read the file" in raised.value.problems[0]


@pytest.mark.parametrize(
    ("old", "new", "fragment"),
    [
        ('label: "(二)"', 'label: "(三)"', "label '(三)' does not match number 2"),
        ("id: second-office", "id: first-office", "id 'first-office' is used twice"),
        ('name: "丙处"', 'name: "乙处"', "name '乙处' is used twice"),
        ('street: "戊街1号"', 'street: "戊街2号"', "the parts join to"),
        ("items: [1]", "items: [7]", "has 2 mandate item(s), not 7"),
        (
            '    - {short: "测工"',
            '    - {short: "测工", full: "x", expands_to: ["无此词"]}\n    - {short: "测工"',
            "abbreviation listed twice",
        ),
        ("effective_date: 2020-01-02", "effective_date: 2020-01-03", "does not give the effective date"),
        ("evidence:\n        - {division: first-office, items: [1]}", "evidence: []", "needs an unassigned_reason"),
        ("{division: first-office, items: [1]}", "{division: ghost-office, items: [1]}", "no division has id 'ghost-office'"),
        ('expands_to: ["测试工作"]', 'expands_to: ["无此词"]', "none of these words occurs in the official text"),
        ("    - duty: 2\n", "    - duty: 3\n", "must list duties at most once each, in order"),
        ('as_of: "2024-06"', 'as_of: "2024-13"', "String should match pattern"),
        ('text: "负责测试工作。"', 'text: " 负责测试工作。"', "must not start or end with white space"),
    ],
)
def test_cross_checks_catch_inconsistent_data(old: str, new: str, fragment: str) -> None:
    text = TINY.read_text(encoding="utf-8")
    assert old in text
    with pytest.raises(DataFileError) as raised:
        parse_source(text.replace(old, new, 1).encode(), "edited.yaml")
    assert fragment in "\n".join(raised.value.problems)


LABELS = [(1, "(一)"), (10, "(十)"), (13, "(十三)"), (16, "(十六)"), (20, "(二十)"), (101, "(一百零一)"), (1600, "(一千六百)")]


@pytest.mark.parametrize(("n", "label"), LABELS)
def test_printed_label_writes_chinese_numbers(n: int, label: str) -> None:
    assert printed_label(n) == label


def test_modified_is_the_declared_day_else_the_file_time() -> None:
    bundled = load_source(ROOT / "data" / "lnst.yaml")
    assert bundled.data.dataset is not None
    declared = datetime.datetime.combine(bundled.data.dataset.modified, datetime.time(), tzinfo=datetime.UTC)
    assert bundled.modified == declared.timestamp()
    assert load_source(TINY).modified == TINY.stat().st_mtime
