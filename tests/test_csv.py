"""CSV for the tabular collections: Excel-ready, the same text as the JSON, provenance on every row."""

import csv
import io

import pytest
from starlette.testclient import TestClient

from tests.helpers import assert_problem

TABLES = ["duties", "divisions", "mandates", "honours"]
PROVENANCE = ["provenance_source", "provenance_effective_date", "provenance_dataset_version"]


def read_csv(body: bytes) -> list[dict[str, str]]:
    """Parse a CSV body that must start with a UTF-8 byte-order mark."""
    assert body.startswith(b"\xef\xbb\xbf")
    return list(csv.DictReader(io.StringIO(body.decode("utf-8-sig"), newline="")))


@pytest.mark.parametrize("table", TABLES)
@pytest.mark.parametrize(("params", "headers"), [({"format": "csv"}, {}), ({}, {"Accept": "text/csv"})])
def test_csv_by_format_or_accept(client: TestClient, table: str, params: dict[str, str], headers: dict[str, str]) -> None:
    response = client.get(f"/v1/{table}", params=params, headers=headers)
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/csv; charset=utf-8"
    assert "Accept" in response.headers["vary"]
    rows = read_csv(response.content)
    assert len(rows) == client.get(f"/v1/{table}").json()["total"]


@pytest.mark.parametrize("table", TABLES)
def test_every_row_states_its_provenance(client: TestClient, table: str) -> None:
    root = client.get("/v1").json()
    rows = read_csv(client.get(f"/v1/{table}?format=csv").content)
    expected = [root["dataset"]["source"], root["regulation"]["effective_date"], root["dataset"]["version"]]
    assert list(rows[0])[-3:] == PROVENANCE
    assert all([row[column] for column in PROVENANCE] == expected for row in rows)


@pytest.mark.parametrize("table", TABLES)
def test_additions_are_marked_editorial_in_the_header(client: TestClient, table: str) -> None:
    header = list(read_csv(client.get(f"/v1/{table}?format=csv").content)[0])
    official = [c for c in header if not c.startswith(("editorial_", "provenance_"))]
    assert not {"id", "name_en", "editorial"} & set(official)
    assert header == official + [c for c in header if c.startswith("editorial_")] + PROVENANCE


def test_duty_rows_hold_the_json_text(client: TestClient) -> None:
    duties = client.get("/v1/duties").json()["items"]
    rows = read_csv(client.get("/v1/duties?format=csv").content)
    for duty, row in zip(duties, rows, strict=True):
        assert (row["n"], row["label"], row["text"]) == (str(duty["n"]), duty["label"], duty["text"])
        assert row["editorial_division_numbers"] == ";".join(str(d["n"]) for d in duty["editorial"]["divisions"])


def test_division_rows_hold_the_whole_mandate_paragraph(client: TestClient) -> None:
    divisions = client.get("/v1/divisions").json()["items"]
    rows = read_csv(client.get("/v1/divisions?format=csv").content)
    for division, row in zip(divisions, rows, strict=True):
        assert row["name"] == division["name"]
        assert row["mandate"] == "".join(item["text"] for item in division["mandate"])
        assert row["editorial_id"] == division["id"]


def test_mandate_and_honour_rows_hold_the_json_text(client: TestClient) -> None:
    mandates = client.get("/v1/mandates").json()["items"]
    assert [r["text"] for r in read_csv(client.get("/v1/mandates?format=csv").content)] == [m["text"] for m in mandates]
    honours = client.get("/v1/honours").json()["items"]
    rows = read_csv(client.get("/v1/honours?format=csv").content)
    assert [(r["status"], r["source"], r["awarded_by"]) for r in rows] == [
        (h["status"], h["source"], h["awarded_by"] or "") for h in honours
    ]


def test_csv_pages_and_searches_like_the_json(client: TestClient) -> None:
    response = client.get("/v1/mandates?format=csv&limit=5&offset=5")
    rows = read_csv(response.content)
    json_items = client.get("/v1/mandates?limit=5&offset=5").json()["items"]
    assert [r["editorial_id"] for r in rows] == [m["id"] for m in json_items]
    assert 'rel="next"' in response.headers["link"] and "format=csv" in response.headers["link"]
    ranked = read_csv(client.get("/v1/divisions", params={"q": "高企认定", "format": "csv"}).content)
    assert ranked[0]["name"] == client.get("/v1/divisions", params={"q": "高企认定"}).json()["items"][0]["name"]


def test_json_is_the_default_and_wins_over_csv_when_preferred(client: TestClient) -> None:
    assert client.get("/v1/duties").headers["content-type"] == "application/json"
    both = client.get("/v1/duties", headers={"Accept": "application/json, text/csv"})
    assert both.headers["content-type"] == "application/json"
    assert client.get("/v1/duties?format=json", headers={"Accept": "text/csv"}).headers["content-type"] == "application/json"


def test_unknown_format_is_422(client: TestClient) -> None:
    body = assert_problem(client.get("/v1/honours?format=xlsx"), 422)
    assert "format" in str(body["detail"])


@pytest.mark.parametrize("table", [*TABLES, "matrix", "subjects"])
def test_each_table_has_a_csv_path_of_its_own(client: TestClient, table: str) -> None:
    response = client.get(f"/v1/{table}.csv")
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/csv; charset=utf-8"
    assert "Accept" not in response.headers["vary"].split(", ")  # one path, one media type
    assert response.content == client.get(f"/v1/{table}?format=csv").content


def test_csv_paths_page_and_search(client: TestClient) -> None:
    paged = client.get("/v1/mandates.csv?limit=5&offset=5")
    assert [r["editorial_id"] for r in read_csv(paged.content)] == [
        m["id"] for m in client.get("/v1/mandates?limit=5&offset=5").json()["items"]
    ]
    assert paged.links["next"]["url"] == "/v1/mandates.csv?limit=5&offset=10"
    ranked = read_csv(client.get("/v1/divisions.csv", params={"q": "高企认定"}).content)
    assert ranked[0]["editorial_id"] == client.get("/v1/search/divisions", params={"q": "高企认定"}).json()["items"][0]["id"]
    assert_problem(client.get("/v1/duties.csv?limit=0"), 422)


def test_the_path_segment_keys_do_not_swallow_the_csv_paths(client: TestClient) -> None:
    assert client.get("/v1/duties.csv").headers["content-type"].startswith("text/csv")
    assert client.get("/v1/divisions.csv").headers["content-type"].startswith("text/csv")
    assert_problem(client.get("/v1/duties/1.csv"), 422)
    assert_problem(client.get("/v1/divisions/1.csv"), 404)
