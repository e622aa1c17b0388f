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
    "regulation": (IMPORT / "regulation_layout.txt", None, ["address", "leaders", "honours"]),
    "numbered-sections": (
        IMPORT / "numbered_sections.txt",
        None,
        ["address", "regulation", "transformation", "leaders", "honours"],
    ),
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
    _, name, absent = DEPARTMENTS[key]
    assert root["absent"] == sorted(absent, key=["address", "regulation", "transformation", "leaders", "honours"].index)
    assert root["department"]["name"] == name or source_names(key) in root["department"]["name"]
    assert ("address" in absent) == (root["department"]["address"] is None)
    assert ("regulation" in absent) == (root["regulation"] is None)
    assert not set(absent) & set(root["links"]) and "duties" in root["links"]
    printed = [key for key in ("duties", "divisions", "transformation", "leaders", "address") if key not in absent]
    if key.startswith("profile") or key in ("partial", "one-division"):  # only the profile layout prints headings alone
        assert [section["key"] for section in root["sections"]] == printed
    assert bool(root["provisions"]) == (key in ("regulation", "numbered-sections"))


def source_names(key: str) -> str:
    """The department's name as its text prints it on the first line."""
    first = DEPARTMENTS[key][0].read_text(encoding="utf-8").split("\n", 1)[0]
    return first.split("职能配置")[0].split("主要职责")[0]


def test_absent_parts_are_empty_or_404_never_filled_in(department: tuple[str, TestClient]) -> None:
    key, client = department
    absent = DEPARTMENTS[key][2]
    assert (client.get("/v1/transformation").status_code == 404) == ("transformation" in absent)
    assert (client.get("/v1/leaders").json()["items"] == []) == ("leaders" in absent)
    assert client.get("/v1/honours").json()["items"] == []
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
    hits = client.get("/v1/search", params={"q": "负责"}).json()["items"]
    assert hits and all("负责" in hit["text"] for hit in hits if hit["kind"] == "mandate")
