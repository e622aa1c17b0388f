"""Any imported department is served: other shapes, fewer parts, none of them filled in."""

from collections.abc import Iterator

import pytest
from starlette.testclient import TestClient

from app.config import Settings
from app.importer.run import run_import
from app.main import create_app
from tests.helpers import ROOT

IMPORT = ROOT / "tests" / "data" / "import"
DEPARTMENTS = {  # text, --name, the parts it does not print
    "partial": (IMPORT / "profile_partial.txt", "西岭省农机推广局", ["address", "regulation", "leaders", "honours"]),
    "one-division": (IMPORT / "profile_one_division.txt", None, ["regulation", "transformation", "honours"]),
    "traditional": (IMPORT / "profile_traditional.txt", None, []),
    "regulation": (IMPORT / "regulation_layout.txt", None, ["address", "leaders", "honours"]),
    "numbered-sections": (
        IMPORT / "numbered_sections.txt",
        None,
        ["address", "regulation", "transformation", "leaders", "honours"],
    ),
}
NAMES = {
    "partial": "西岭省农机推广局",
    "one-division": "南江省档案数字化管理局",
    "traditional": "東川省水文監測廳",
    "regulation": "北陵省林草种苗管理局",
    "numbered-sections": "西岭省地震监测中心",
}
ASSUMED = ("辽宁", "科学技术厅", "科技厅", "Liaoning")


@pytest.fixture(scope="module", params=sorted(DEPARTMENTS))
def department(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, TestClient]]:
    """A client over one imported department."""
    source, name, _ = DEPARTMENTS[request.param]
    path = tmp_path_factory.mktemp(request.param) / "data.yaml"
    path.write_bytes(run_import(source, name).body)
    with TestClient(create_app(Settings(data_path=path))) as client:
        yield request.param, client


def test_the_root_names_the_department_and_says_which_parts_are_absent(department: tuple[str, TestClient]) -> None:
    key, client = department
    root = client.get("/v1").json()
    absent = DEPARTMENTS[key][2]
    assert root["absent"] == sorted(absent, key=["address", "regulation", "transformation", "leaders", "honours"].index)
    assert root["department"]["name"] == NAMES[key]
    assert root["dataset"]["source"].endswith(DEPARTMENTS[key][0].name) and root["ask_examples"] == []
    assert ("address" in absent) == (root["department"]["address"] is None)
    assert ("regulation" in absent) == (root["regulation"] is None)
    assert not set(absent) & set(root["links"]) and "duties" in root["links"]
    every = ("duties", "divisions", "transformation", "leaders", "regulation", "honours", "address")
    printed = [key for key in every if key not in absent]
    if key in ("partial", "one-division", "traditional"):  # only the profile layout prints its headings alone
        assert [section["key"] for section in root["sections"]] == printed
    assert bool(root["provisions"]) == (key in ("regulation", "numbered-sections"))


def test_absent_parts_are_empty_or_404_never_filled_in(department: tuple[str, TestClient]) -> None:
    key, client = department
    absent = DEPARTMENTS[key][2]
    assert (client.get("/v1/transformation").status_code == 404) == ("transformation" in absent)
    assert (client.get("/v1/leaders").json()["items"] == []) == ("leaders" in absent)
    assert (client.get("/v1/honours").json()["items"] == []) == ("honours" in absent)
    export = client.get("/v1/export").json()
    assert (export["transformation"] is None) == ("transformation" in absent)


def test_every_document_answers_and_none_assumes_liaoning_or_science(department: tuple[str, TestClient]) -> None:
    _, client = department
    divisions = client.get("/v1/divisions").json()["items"]
    urls = ["/v1", "/v1/duties", "/v1/duties/1", "/v1/mandates", "/v1/export", "/v1/export.jsonld", "/v1/matrix"]
    urls += ["/v1/duties.csv", "/v1/divisions.csv", "/v1/matrix.csv", "/v1/search?q=工作", "/v1/subjects", "/v1/abbreviations"]
    urls += ["/", "/openapi.json"]
    urls += [f"/v1/divisions/{d['id']}" for d in divisions]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, (url, response.text)
        assert not [word for word in ASSUMED if word in response.text], url
    assert divisions[0]["editorial"]["name_en"] is None  # no English until the maintainers give one


def test_search_finds_the_imported_text(department: tuple[str, TestClient]) -> None:
    _, client = department
    words = client.get("/v1/mandates").json()["items"][0]["text"][:2]
    hits = client.get("/v1/search", params={"q": words}).json()["items"]
    assert hits and all(words in hit["text"] for hit in hits if hit["kind"] == "mandate")
