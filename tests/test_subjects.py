"""The subject index and the English: served as editorial, validated like the rest of the file, and used by search."""

import csv
import io
from collections import Counter

import pytest
from starlette.testclient import TestClient

from tests.helpers import ROOT, problems_with_a_line_replaced, read_yaml


@pytest.fixture(scope="module")
def subjects(client: TestClient) -> list[dict[str, object]]:
    """Every subject term the API serves."""
    items: list[dict[str, object]] = client.get("/v1/subjects").json()["items"]
    return items


def test_subjects_are_served_as_editorial_and_page(client: TestClient, subjects: list[dict[str, object]]) -> None:
    page = client.get("/v1/subjects", params={"limit": 2, "offset": 1})
    assert page.json()["items"] == subjects[1:3]
    assert page.json()["total"] == len(subjects)
    assert "next" in page.links
    assert all("Editorial" in str(subject["notice"]) for subject in subjects)


def test_subjects_are_served_as_csv(client: TestClient, subjects: list[dict[str, object]]) -> None:
    response = client.get("/v1/subjects", params={"format": "csv"})
    assert response.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert len(rows) == len(subjects)
    assert rows[0]["editorial_term"] == subjects[0]["term"]
    assert rows[0]["provenance_dataset_version"] == client.get("/v1").json()["dataset"]["version"]


def test_the_index_is_as_large_as_promised(client: TestClient, subjects: list[dict[str, object]]) -> None:
    ours = [s for s in subjects if s["agency"] is None]
    assert len(ours) >= 400 and all(s["en"] for s in ours)
    per_division = Counter(d["id"] for s in ours for d in s["divisions"])  # type: ignore[attr-defined]
    assert set(per_division) == {d["id"] for d in client.get("/v1/divisions").json()["items"]}
    assert min(per_division.values()) >= 15, per_division
    per_item = Counter(item for s in ours for item in s["items"])  # type: ignore[attr-defined]
    assert set(per_item) == {m["id"] for m in client.get("/v1/mandates").json()["items"]}
    assert min(per_item.values()) >= 3, per_item


def test_a_subject_hit_names_its_subject_and_evidence(client: TestClient) -> None:
    first = client.get("/v1/divisions", params={"q": "基因测序"}).json()["items"][0]
    assert first["id"] == "biomedicine"
    reason = "subject 基因测序 “gene sequencing” → 生物医药技术发展与产业化处 (item biomedicine.1"
    assert first["search"]["reason"].startswith(reason), "the term, its English (editorial), the division and the item"
    assert first["search"]["confidence"] == "high"
    assert first["search"]["matches"][0]["text"] == first["mandate"][0]["text"]


@pytest.mark.parametrize(
    ("q", "division"),
    [
        ("incubators", "transfer-awards"),
        ("petition letters", "general-office"),
        ("science awards nomination", "transfer-awards"),
        ("Who handles work permits for foreign experts?", "foreign-experts-cooperation"),
        ("high-tech enterprise certification", "enterprise-services"),
    ],
)
def test_english_questions_find_the_division(client: TestClient, q: str, division: str) -> None:
    assert client.get("/v1/divisions", params={"q": q}).json()["items"][0]["id"] == division


def test_english_evidence_points_into_the_english_text(client: TestClient) -> None:
    hits = client.get("/v1/mandates", params={"q": "technology foresight"}).json()["items"]
    match = hits[0]["search"]["matches"][0]
    assert match["field"] == "editorial.text_en"
    assert "technology foresight" in [match["text"][s["start"] : s["end"]].lower() for s in match["spans"]]


@pytest.mark.parametrize("q", ["护照过期了怎么换", "passport renewal", "营业执照在哪里办", "weather forecast"])
def test_other_agencies_matters_get_nothing_above_low(client: TestClient, q: str) -> None:
    items = client.get("/v1/divisions", params={"q": q}).json()["items"]
    assert all(item["search"]["confidence"] == "low" for item in items)


def test_our_matter_wins_over_a_shorter_word_of_another_agency(client: TestClient) -> None:
    first = client.get("/v1/divisions", params={"q": "高新技术企业认定需要营业执照吗"}).json()["items"][0]
    assert first["id"] == "enterprise-services"
    assert first["search"]["confidence"] != "low"


def test_every_official_text_has_its_english(client: TestClient) -> None:
    export = client.get("/v1/export").json()
    assert all(duty["editorial"]["text_en"] for duty in export["duties"])
    assert all(item["editorial"]["text_en"] for d in export["divisions"] for item in d["mandate"])
    assert all(o["editorial"]["name_en"] for d in export["divisions"] for o in d["other_names"])
    transformation = export["transformation"]
    assert len(transformation["editorial"]["sentences_en"]) == len(transformation["sentences"])
    leader = export["leaders"][0]
    assert len(leader["editorial"]["posts_en"]) == len(leader["posts"])
    assert [h["editorial"]["status_en"] for h in export["honours"]] == ["proposed for commendation", "proposed for nomination"]
    root = export["root"]
    assert root["department"]["address"]["editorial"]["text_en"] and root["regulation"]["editorial"]["text_en"]
    assert all(section["editorial"]["text_en"] for section in root["sections"])


def test_csv_tables_carry_the_english_as_editorial_columns(client: TestClient) -> None:
    for path in ("/v1/duties", "/v1/mandates"):
        rows = list(csv.DictReader(io.StringIO(client.get(path, params={"format": "csv"}).content.decode("utf-8-sig"))))
        assert all(row["editorial_text_en"] for row in rows), path


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ('    "文电": "documents → general-office.9"', "division 'general-office' has no item 9"),
        ('    "文电": "documents → nowhere.1"', "no division has id 'nowhere'"),
        ('    "文电": "documents general-office.1"', "write it as"),
        ('    "５Ｇ": "5g → information-technology.1"', "the same term as"),
        ('    "文电": "documents → general-office.1 | 17"', "no duty has number 17"),
    ],
)
def test_a_bad_subject_line_stops_loading_with_its_line(line: str, message: str) -> None:
    problems = problems_with_a_line_replaced('    "文电": ', line)
    assert message in problems
    number = (
        (ROOT / "data" / "lnst.yaml")
        .read_text(encoding="utf-8")
        .splitlines()
        .index(
            next(
                r for r in (ROOT / "data" / "lnst.yaml").read_text(encoding="utf-8").splitlines() if r.startswith('    "文电": ')
            )
        )
    )
    assert f"lnst.yaml:{number + 1}:" in problems or "the same term as" in message


def test_the_data_file_declares_the_translation_editorial() -> None:
    data = read_yaml(ROOT / "data" / "lnst.yaml")
    assert set(data["editorial"]) >= {"english", "subjects", "outside_remit"}
