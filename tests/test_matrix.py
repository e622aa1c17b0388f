"""GET /v1/matrix and the duty-to-division links behind it (editorial)."""

import csv
import io

import pytest
from starlette.testclient import TestClient

from tests.helpers import assert_problem


def test_every_duty_but_the_last_has_a_division(client: TestClient) -> None:
    duties = client.get("/v1/duties").json()["items"]
    unlinked = [duty["n"] for duty in duties if not duty["editorial"]["divisions"]]
    assert unlinked == [16]


def test_every_evidence_item_is_the_divisions_own_text(client: TestClient) -> None:
    divisions = {d["id"]: d for d in client.get("/v1/divisions").json()["items"]}
    for duty in client.get("/v1/duties").json()["items"]:
        for link in duty["editorial"]["divisions"]:
            own = {item["i"]: item["text"] for item in divisions[link["id"]]["mandate"]}
            assert all(own[item["i"]] == item["text"] for item in link["evidence"])


def test_links_agree_in_both_directions(client: TestClient) -> None:
    from_duties = {
        (duty["n"], link["id"], tuple(item["i"] for item in link["evidence"]))
        for duty in client.get("/v1/duties").json()["items"]
        for link in duty["editorial"]["divisions"]
    }
    from_divisions = {
        (carried["n"], division["id"], tuple(carried["evidence"]))
        for division in client.get("/v1/divisions").json()["items"]
        for carried in division["editorial"]["duties"]
    }
    assert from_duties == from_divisions
    assert len(from_duties) >= 30


def test_matrix_json_matches_the_duty_links(client: TestClient) -> None:
    matrix = client.get("/v1/matrix").json()
    assert [c["n"] for c in matrix["columns"]] == list(range(1, 15))
    assert [r["duty"] for r in matrix["rows"]] == list(range(1, 17))
    duty7 = client.get("/v1/duties/7").json()
    row7 = matrix["rows"][6]["cells"]
    assert {matrix["columns"][k]["id"]: cell for k, cell in enumerate(row7) if cell} == {
        link["id"]: [item["i"] for item in link["evidence"]] for link in duty7["editorial"]["divisions"]
    }
    assert "Editorial" in matrix["notice"]


@pytest.mark.parametrize(("params", "headers"), [({"format": "csv"}, {}), ({}, {"Accept": "text/csv"})])
def test_matrix_csv_by_format_or_accept(client: TestClient, params: dict[str, str], headers: dict[str, str]) -> None:
    response = client.get("/v1/matrix", params=params, headers=headers)
    assert response.headers["content-type"] == "text/csv; charset=utf-8"
    assert response.content.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:3] == ["duty", "label", "1 办公室"]
    assert len(rows) == 17
    assert rows[7][:2] == ["7", "(七)"]
    assert rows[7][2 + 9] == "1;2"


def test_matrix_json_when_json_is_preferred(client: TestClient) -> None:
    response = client.get("/v1/matrix", headers={"Accept": "application/json, text/csv"})
    assert response.headers["content-type"] == "application/json"
    assert "Accept" in response.headers["vary"].split(", ")


def test_matrix_unknown_format_is_422(client: TestClient) -> None:
    body = assert_problem(client.get("/v1/matrix", params={"format": "xml"}), 422)
    assert "format" in str(body["detail"])
