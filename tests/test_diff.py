"""`lnst-api diff OLD NEW`: what changed, part by part and item by item, with diff(1)'s exit codes."""

import json
from pathlib import Path

import pytest

from app.changes.diff import marked
from app.cli import main
from tests.helpers import ROOT, TINY

BUNDLED = ROOT / "data" / "lnst.yaml"


def edited(tmp_path: Path, *replacements: tuple[str, str], base: Path = BUNDLED) -> Path:
    """A copy of a data file with each (old, new) text replaced."""
    text = base.read_text(encoding="utf-8")
    for old, new in replacements:
        assert old in text, old
        text = text.replace(old, new)
    path = tmp_path / "new.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_same_file_is_equal_and_exits_0(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["diff", str(BUNDLED), str(BUNDLED)]) == 0
    assert capsys.readouterr().out.endswith("no changes\n")


def test_a_changed_duty_shows_its_text_difference_and_exits_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    new = edited(tmp_path, ("负责省科学技术奖、辽宁友谊奖", "负责省科学技术奖、省政府友谊奖"))
    assert main(["diff", str(BUNDLED), str(new)]) == 1
    out = capsys.readouterr().out.splitlines()
    assert "changed duties 13 (/v1/duties/13)" in out
    assert "  负责省科学技术奖、[-辽宁-]{+省政府+}友谊奖的评审组织工作。" in out
    assert out[-1] == "1 change(s): 1 changed"  # the editorial section is the same


def test_leaders_items_and_dates_in_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    new = edited(
        tmp_path,
        ("王成鑫", "王成新"),
        ("更新截止2024年06月", "更新截止2025年01月"),
        ('as_of: "2024-06"', 'as_of: "2025-01"'),
        ("负责院士联系服务工作。", "负责院士联系和服务工作。"),
    )
    assert main(["diff", "--format", "json", str(BUNDLED), str(new)]) == 1
    document = json.loads(capsys.readouterr().out)
    found = {(c["kind"], c["part"], c["where"]): c for c in document["changes"]}
    assert ("removed", "leaders", "王成鑫") in found and ("added", "leaders", "王成新") in found
    assert found[("changed", "leaders", "as_of")]["diff"] == "更新截止202[-4-]{+5+}年0[-6-]{+1+}月"
    item = found[("changed", "mandates", "talent-natural-science-fund.4")]
    assert (item["diff"], item["resource"]) == ("负责院士联系{+和+}服务工作。", "/v1/divisions/talent-natural-science-fund")
    assert document["equal"] is False and document["summary"] == "4 change(s): 1 added, 1 removed, 2 changed"


def test_items_and_divisions_added_and_removed(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    new = edited(
        tmp_path,
        ('      - "负责文电工作。"\n', ""),
        ('      - "负责档案工作。"\n', '      - "负责档案工作。"\n      - "负责印章管理。"\n'),
        ("2021年12月,测试厅甲处拟表彰为先进集体。", "2021年12月,测试厅甲处拟表彰为优秀集体。"),
        ('title: "先进集体"', 'title: "优秀集体"'),
        base=TINY,
    )
    assert main(["diff", str(TINY), str(new)]) == 1
    out = capsys.readouterr().out.splitlines()
    assert "removed mandates first-office.2 (/v1/divisions/first-office)" in out and "  -负责文电工作。" in out
    assert "added mandates second-office.2 (/v1/divisions/second-office)" in out and "  +负责印章管理。" in out
    assert "  2021年12月,测试厅甲处拟表彰为[-先进-]{+优秀+}集体。" in out


def test_trouble_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["diff", str(BUNDLED), str(tmp_path / "missing.yaml")]) == 2
    assert "cannot read the file" in capsys.readouterr().err
    assert main(["diff", str(ROOT / "tests" / "data" / "broken" / "empty.yaml"), str(TINY)]) == 2


def test_marked_shows_deletions_and_insertions() -> None:
    assert marked("甲乙丙", "甲丁丙") == "甲[-乙-]{+丁+}丙"
    assert marked("甲乙", "甲乙丙") == "甲乙{+丙+}"
