"""`lnst-api import`: a published text becomes a data file, every line placed or reported, nothing invented."""

from pathlib import Path

import pytest
from starlette.testclient import TestClient

from app.cli import main
from app.config import Settings
from app.data.data_file import load_source
from app.importer.build import import_text
from app.importer.numbered_parts import division_id
from app.importer.text import ImportFailure
from app.main import create_app
from tests.helpers import ROOT, SOURCE_TEXT, read_yaml

IMPORT = ROOT / "tests" / "data" / "import"
BUNDLED = ROOT / "data" / "lnst.yaml"


def official(path: Path) -> dict[str, object]:
    """The official part of a data file, as validated values (no editorial section, no dataset facts)."""
    return load_source(path).data.model_dump(exclude={"editorial", "dataset"})


def imported(tmp_path: Path, source: Path, *args: str) -> tuple[int, Path]:
    """Import a text with the CLI into a file; the exit code and the file."""
    output = tmp_path / "imported.yaml"
    return main(["import", str(source), "--output", str(output), *args]), output


def test_our_source_round_trips_to_the_official_part_of_the_data_file(tmp_path: Path) -> None:
    code, output = imported(tmp_path, SOURCE_TEXT)
    assert code == 0
    ours, theirs = official(BUNDLED), official(output)
    ids = {new["id"]: old["id"] for old, new in zip(ours["divisions"], theirs["divisions"], strict=True)}  # type: ignore[call-overload]
    for division in theirs["divisions"]:  # type: ignore[attr-defined]
        division["id"] = ids[division["id"]]
    for honour in theirs["honours"]:  # type: ignore[attr-defined]
        honour["division"] = ids.get(honour["division"])
    assert theirs == ours


def test_onto_the_data_file_reproduces_it_whole_editorial_layer_included(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, output = imported(tmp_path, SOURCE_TEXT, "--onto", str(BUNDLED))
    assert code == 0
    assert load_source(output).data == load_source(BUNDLED).data
    assert "review:" not in capsys.readouterr().err


def test_a_fresh_import_has_an_empty_editorial_section(tmp_path: Path) -> None:
    code, output = imported(tmp_path, SOURCE_TEXT)
    assert code == 0
    assert read_yaml(output)["editorial"] == {}


def test_ids_come_from_names_so_they_survive_a_reimport_and_a_new_division() -> None:
    first = import_text(SOURCE_TEXT.read_bytes()).data["divisions"]
    again = import_text(SOURCE_TEXT.read_bytes()).data["divisions"]
    assert [d["id"] for d in first] == [d["id"] for d in again]
    assert first[1]["id"] == division_id("规划与平台处") != division_id("规划处")


def test_every_line_of_our_source_is_placed(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["import", str(SOURCE_TEXT), "--output", "/dev/null"]) == 0
    assert "profile layout: 58 of 58 lines placed, 0 unplaced" in capsys.readouterr().err


def test_traditional_characters_and_full_width_punctuation_are_kept_as_printed(tmp_path: Path) -> None:
    code, output = imported(tmp_path, IMPORT / "profile_traditional.txt")
    assert code == 0
    data = load_source(output).data
    assert data.department.name == "東川省水文監測廳"  # from the title line, Traditional as printed
    assert data.headings.divisions == "內設機構"
    assert [d.label for d in data.duties] == ["（一）", "（二）", "（三）"]
    assert data.duties[1].text == "負責全省雨量站、水位站的建設和運行管理。"  # two lines joined, nothing added
    office = data.divisions[0]
    assert (office.name, office.other_names[0].name, office.mandate) == (
        "辦公室",
        "財務處",
        ["負責機關日常運轉工作。", "負責本廳預算和財務管理。"],
    )
    assert data.leaders.as_of == "2025-03" and data.leaders.people[0].posts == ["黨組書記", "廳長"]
    assert data.honours[0].division == data.divisions[1].id and data.honours[0].status == "被評為"
    assert data.department.address.district == "北城區"


def test_gb18030_reads_like_utf8() -> None:
    text = (IMPORT / "profile_traditional.txt").read_text(encoding="utf-8")
    assert import_text(text.encode("gb18030")).data == import_text(text.encode("utf-8")).data


def test_unplaced_lines_are_listed_with_their_numbers_and_exit_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = SOURCE_TEXT.read_text(encoding="utf-8").split("\n")
    text.insert(0, "这是一行不属于任何部分的说明。")
    text.insert(5, "本段没有编号，也不属于任何一项职责。")
    source = tmp_path / "source.txt"
    source.write_text("\n".join(text), encoding="utf-8")
    code, output = imported(tmp_path, source)
    err = capsys.readouterr().err
    assert code == 1
    assert f"{source}:1: unplaced: text before the first heading: 这是一行不属于任何部分的说明。" in err
    assert f"{source}:6: unplaced: a paragraph without a number (一)… among the duties: 本段没有编号" in err
    assert "58 of 60 lines placed, 2 unplaced" in err
    assert len(load_source(output).data.duties) == 16  # the rest is written


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "the file is empty"),
        (b"  \n\n", "the file is empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", ":3: the file is binary"),
        ("床前明月光，\n疑是地上霜。\n".encode(), ":1: the text is in none of the layouts"),
        (b"\xff\xfe\xfa\xfb", "neither UTF-8 nor GB18030"),
    ],
)
def test_bad_input_says_why_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes, message: str
) -> None:
    source = tmp_path / "source.txt"
    source.write_bytes(content)
    code, output = imported(tmp_path, source)
    assert code == 2
    assert message in capsys.readouterr().err
    assert not output.exists()


def test_a_division_numbered_twice_is_refused_with_its_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    lines = SOURCE_TEXT.read_text(encoding="utf-8").split("\n")
    first = next(k for k, line in enumerate(lines) if line.startswith("(二)规划与平台处")) + 1
    at = next(k for k, line in enumerate(lines) if line.startswith("(三)政策法规"))
    lines[at] = lines[at].replace("(三)", "(二)", 1)
    source = tmp_path / "source.txt"
    source.write_text("\n".join(lines), encoding="utf-8")
    code, output = imported(tmp_path, source)
    assert code == 2
    assert f"{source}:{at + 1}: divisions: (二) is numbered twice: first on line {first}" in capsys.readouterr().err
    assert not output.exists()


def test_a_missing_source_is_trouble(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, output = imported(tmp_path, tmp_path / "nowhere.txt")
    assert code == 2 and "cannot read the file" in capsys.readouterr().err and not output.exists()


def test_the_department_name_comes_from_the_text_or_from_name() -> None:
    partial = (IMPORT / "profile_partial.txt").read_bytes()
    with pytest.raises(ImportFailure, match="give its name with --name"):
        import_text(partial)
    assert import_text(partial, "西岭省农机推广局").data["department"] == {"name": "西岭省农机推广局"}


def test_the_regulation_layout_places_articles_items_and_the_transformation_item() -> None:
    found = import_text((IMPORT / "regulation_layout.txt").read_bytes())
    assert (found.layout, found.placed, found.lines, found.unplaced) == ("regulation", 16, 16, [])
    data = found.data
    assert data["department"] == {"name": "北陵省林草种苗管理局"}
    assert [d["text"] for d in data["duties"]][1] == "负责林木良种的审定和推广工作。"
    assert len(data["duties"]) == 3  # （四）职能转变 is the transformation, not a duty
    assert data["transformation"] == {"text": "北陵省林草种苗管理局要简化种苗生产经营许可程序，强化事中事后监管。"}
    assert data["headings"] == {"transformation": "（四）职能转变"}
    assert [d["name"] for d in data["divisions"]] == ["综合处", "良种管理处", "质量监督处"]
    kinds = [(p["section"], p["kind"]) for p in data["provisions"]]
    assert kinds == [
        ("第一条", "general"),
        ("第二条", "general"),
        ("第三条", "duties"),
        ("第四条", "divisions"),
        ("第五条", "staffing"),
        ("第六条", "supplementary"),
        ("第七条", "supplementary"),
    ]
    assert data["regulation"]["effective_date"].isoformat() == "2022-05-01"


def test_the_transformation_may_be_an_article_of_its_own() -> None:
    text = (IMPORT / "regulation_layout.txt").read_text(encoding="utf-8")
    text = text.replace("（四）职能转变。", "第四条之一　职能转变。")
    text = text.replace("第四条之一", "第四条").replace("第四条　北陵省林草种苗管理局设", "第五条　北陵省林草种苗管理局设")
    found = import_text(text.encode())
    assert len(found.data["duties"]) == 3 and found.unplaced == []
    assert found.data["transformation"]["text"].startswith("北陵省林草种苗管理局要简化")
    assert found.data["headings"]["transformation"] == "第四条职能转变"


def test_the_older_numbered_section_layout() -> None:
    found = import_text((IMPORT / "numbered_sections.txt").read_bytes())
    assert (found.layout, found.placed, found.lines, found.unplaced) == ("numbered-sections", 18, 18, [])
    data = found.data
    assert data["headings"] == {"duties": "二、主要职责", "divisions": "三、内设机构"}
    assert data["divisions"][2]["mandate"] == ["负责监测台站的巡检、维护和设备更新。"]
    assert [p["kind"] for p in data["provisions"]] == ["adjustment", "adjustment", "divisions", "staffing", "supplementary"]


@pytest.mark.parametrize("name", ["regulation_layout.txt", "numbered_sections.txt", "profile_one_division.txt"])
def test_each_invented_text_makes_a_valid_data_file_with_every_line_placed(tmp_path: Path, name: str) -> None:
    code, output = imported(tmp_path, IMPORT / name)
    assert code == 0
    assert load_source(output).data.duties


def test_heading_label_and_address_variants(capsys: pytest.CaptureFixture[str]) -> None:
    source = IMPORT / "profile_variants.txt"
    assert main(["import", str(source), "--name", "东川省气象局", "--output", "/dev/null"]) == 1
    err = capsys.readouterr().err
    assert f"{source}:14: unplaced: only the address itself is read under its heading: 邮编：100000" in err
    data = import_text(source.read_bytes(), "东川省气象局").data
    assert [d["label"] for d in data["duties"]] == ["1.", "2."]
    assert [(d["name"], d["mandate"]) for d in data["divisions"]][0] == ("办公室", ["负责文电、会务和后勤工作。"])
    assert data["department"]["address"] == {"text": "地址：东川省清河市人民路1号"}  # a labelled address is not split
    assert data["leaders"] == {"people": [{"name": "陈某", "title": "局长", "posts": ["局长"], "source": "陈某：局长"}]}
    assert [p["kind"] for p in data["provisions"]] == ["divisions", "supplementary"]  # kept whole, not unplaced
    assert data["regulation"]["effective_date"].isoformat() == "2023-01-01"


def test_a_last_duty_that_is_the_transformation_is_read_as_one_in_the_profile_layout() -> None:
    text = "主要职责\n（一）负责甲项工作。\n（二）职能转变。加强乙，减少丙。\n内设机构\n（一）综合处。负责文电。\n"
    data = import_text(text.encode(), "甲省乙厅").data
    assert [d["text"] for d in data["duties"]] == ["负责甲项工作。"]
    assert data["transformation"] == {"text": "加强乙，减少丙。"}
    assert data["headings"]["transformation"] == "（二）职能转变"


def test_onto_keeps_what_cites_unchanged_text_and_lists_the_rest(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = SOURCE_TEXT.read_text(encoding="utf-8").replace("负责院士联系服务工作。", "负责院士联系和服务工作。")
    source = tmp_path / "revised.txt"
    source.write_text(text, encoding="utf-8")
    code, output = imported(tmp_path, source, "--onto", str(BUNDLED))
    assert code == 0
    err = capsys.readouterr().err
    review = f"{BUNDLED}: review: editorial subjects.院士: its text changed or is gone: item.talent-natural-science-fund.4"
    assert review in err and "review: editorial english:" in err
    old, new = load_source(BUNDLED).data.editorial, load_source(output).data.editorial
    assert new.division_names_en == old.division_names_en and new.duty_links == old.duty_links  # none cites item 4
    assert "院士" not in new.subjects and new.subjects["科研诚信"] == old.subjects["科研诚信"]
    in_passing = [term for term in old.subject_roles.in_passing if term in new.subjects or term in new.outside_remit]
    assert "院士工作站" in old.subject_roles.in_passing and new.subject_roles.in_passing == in_passing  # its role went too
    assert "review: editorial subject_roles.in_passing.院士工作站: its text changed or is gone: subjects.院士工作站" in err
    assert new.english is None  # it translates every text, the changed one too


def test_the_name_comes_from_the_leaders_or_honours_when_nothing_else_prints_it() -> None:
    text = SOURCE_TEXT.read_text(encoding="utf-8")
    repeal = text[text.index("2018年11月4日") : text.index("同时废止。") + len("同时废止。")]
    assert import_text(text.replace(repeal, "").encode()).data["department"]["name"] == "辽宁省科学技术厅"


def test_division_leader_and_honour_variants() -> None:
    text = (
        "主要职责\n(一)负责甲项工作。\n"
        "内设机构\n(一)办公室(财务处、审批处)。负责文电。\n(二)机关党委。负责党建。\n机关党委与人事处合署办公。\n"
        "现任领导\n李四 丙省丁局局长\n更新时间：2025年3月\n"
        "所获荣誉\n2024年5月,丙省丁局办公室被授予“模范集体”称号。\n"
    )
    data = import_text(text.encode(), "丙省丁局").data
    office, party = data["divisions"]
    assert [o["name"] for o in office["other_names"]] == ["财务处", "审批处"]
    assert party["other_names"] == [{"name": "人事处", "kind": "merged_office", "source": "机关党委与人事处合署办公。"}]
    assert data["leaders"]["as_of"] == "2025-03"
    leader = {"name": "李四", "title": "丙省丁局局长", "posts": ["局长"], "source": "李四 丙省丁局局长"}
    assert data["leaders"]["people"] == [leader]
    (honour,) = data["honours"]
    assert (honour["title"], honour["status"], honour["division"]) == ("模范集体", "被授予", office["id"])


def test_a_division_printed_with_its_name_alone_is_served(tmp_path: Path) -> None:
    source = tmp_path / "source.txt"
    source.write_text("主要职责\n(一)负责甲项工作。\n内设机构\n(一)综合处。负责文电。\n(二)离退休干部处。\n", encoding="utf-8")
    code, output = imported(tmp_path, source, "--name", "甲省乙厅")
    assert code == 0
    assert [d.mandate for d in load_source(output).data.divisions] == [["负责文电。"], []]
    with TestClient(create_app(Settings(data_path=output, access_log=False))) as client:
        for url in ("/v1/divisions/2", "/v1/matrix", "/v1/divisions.csv", "/v1/export.jsonld", "/"):
            assert client.get(url).status_code == 200, url
        assert client.get("/v1/divisions/2").json()["mandate"] == []


def test_sections_no_part_holds_are_kept_whole_as_provisions() -> None:
    text = "主要职责\n(一)负责甲项工作。\n内设机构\n(一)综合处。负责文电。\n直属单位\n丙省丁中心\n人员编制\n机关行政编制12名。\n"
    found = import_text(text.encode(), "甲省乙厅")
    assert found.unplaced == [] and "headings" in found.data and set(found.data["headings"]) == {"duties", "divisions"}
    assert found.data["provisions"] == [
        {"section": "直属单位", "kind": "general", "text": "丙省丁中心"},
        {"section": "人员编制", "kind": "staffing", "text": "机关行政编制12名。"},
    ]


def test_leader_and_address_lines_broken_mid_way_are_joined() -> None:
    text = SOURCE_TEXT.read_text(encoding="utf-8")
    text = text.replace("党组成员、副厅长、一级巡视员", "党组成员、副厅长、\n一级巡视员")
    text = text.replace("南湖街道三好街", "南湖街道\n三好街")
    found = import_text(text.encode())
    assert found.unplaced == [] and found.lines == 60
    assert found.data["leaders"] == import_text(SOURCE_TEXT.read_bytes()).data["leaders"]
    assert found.data["department"]["address"]["street"] == "三好街24号"
