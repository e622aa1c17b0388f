"""GET /v1/duties and /v1/duties/{n}."""

import pytest
from starlette.testclient import TestClient

from tests.helpers import assert_problem


def test_list_duties_returns_all_sixteen_in_order(client: TestClient) -> None:
    body = client.get("/v1/duties").json()
    assert body["total"] == 16
    assert [duty["n"] for duty in body["items"]] == list(range(1, 17))
    assert body["items"][0]["label"] == "(一)"
    assert body["items"][15]["label"] == "(十六)"


def test_read_duty_has_number_label_text_and_url(client: TestClient) -> None:
    duty = client.get("/v1/duties/13").json()
    assert duty["n"] == 13
    assert duty["label"] == "(十三)"
    assert duty["text"] == "负责省科学技术奖、辽宁友谊奖的评审组织工作。"
    assert duty["url"] == "/v1/duties/13"


def test_read_duty_lists_its_divisions_with_evidence(client: TestClient) -> None:
    duty = client.get("/v1/duties/7").json()
    linked = duty["editorial"]["divisions"]
    assert [d["id"] for d in linked] == ["transfer-awards"]
    assert [item["i"] for item in linked[0]["evidence"]] == [1, 2]
    assert "技术转移体系" in linked[0]["evidence"][0]["text"]


def test_read_duty_without_division_says_why(client: TestClient) -> None:
    editorial = client.get("/v1/duties/16").json()["editorial"]
    assert editorial["divisions"] == []
    assert editorial["unassigned_reason"]


@pytest.mark.parametrize("n", ["0", "17", "-1", "18446744073709551616"])
def test_read_duty_not_found(client: TestClient, n: str) -> None:
    body = assert_problem(client.get(f"/v1/duties/{n}"), 404)
    assert "1 to 16" in str(body["detail"])


@pytest.mark.parametrize("n", ["abc", "1.5", "七"])
def test_read_duty_malformed_number(client: TestClient, n: str) -> None:
    body = assert_problem(client.get(f"/v1/duties/{n}"), 422)
    assert body["errors"] == [
        {"name": "n", "location": "path", "message": "Input should be a valid integer, unable to parse string as an integer"}
    ]


def test_list_duties_pages_with_limit_and_offset(client: TestClient) -> None:
    body = client.get("/v1/duties", params={"limit": 3, "offset": 14}).json()
    assert [duty["n"] for duty in body["items"]] == [15, 16]
    assert body["total"] == 16


@pytest.mark.parametrize("query", ["limit=0", "limit=abc", "offset=-1", "limit=1001"])
def test_list_duties_rejects_bad_paging(client: TestClient, query: str) -> None:
    body = assert_problem(client.get(f"/v1/duties?{query}"), 422)
    assert query.split("=")[0] in str(body["detail"])
