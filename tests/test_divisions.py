"""GET /v1/divisions and /v1/divisions/{key}."""

import pytest
from starlette.testclient import TestClient

from tests.helpers import assert_problem


def test_list_divisions_returns_all_fourteen_in_order(client: TestClient) -> None:
    body = client.get("/v1/divisions").json()
    assert body["total"] == 14
    assert [d["n"] for d in body["items"]] == list(range(1, 15))
    assert len({d["id"] for d in body["items"]}) == 14


@pytest.mark.parametrize("key", ["14", "party-committee-personnel", "机关党委办公室", "人事处"])
def test_read_division_by_any_key(client: TestClient, key: str) -> None:
    division = client.get(f"/v1/divisions/{key}").json()
    assert division["n"] == 14
    assert division["heading"] == "机关党委办公室(人事处)"


def test_read_division_other_names_carry_kind_and_evidence(client: TestClient) -> None:
    office = client.get("/v1/divisions/行政审批处").json()
    assert office["name"] == "办公室"
    official = [{key: other[key] for key in ("name", "kind", "source")} for other in office["other_names"]]
    assert official == [{"name": "行政审批处", "kind": "bears_name", "source": "办公室(行政审批处)"}]
    assert office["other_names"][0]["editorial"]["name_en"] == "Administrative Approval Division"
    personnel = client.get("/v1/divisions/14").json()
    assert personnel["other_names"][0]["kind"] == "merged_office"
    assert personnel["other_names"][0]["source"] == "机关党委办公室与人事处合署办公。"


def test_read_division_mandate_is_split_by_sentence(client: TestClient) -> None:
    division = client.get("/v1/divisions/enterprise-services").json()
    assert [item["id"] for item in division["mandate"]] == ["enterprise-services.1", "enterprise-services.2"]
    assert division["mandate"][1]["text"].endswith("负责组织实施高新技术企业培育、认定与管理工作。")
    assert all(item["text"].endswith("。") for item in division["mandate"])


def test_read_division_lists_its_duties(client: TestClient) -> None:
    duties = client.get("/v1/divisions/transfer-awards").json()["editorial"]["duties"]
    assert [(d["n"], d["evidence"]) for d in duties] == [(7, [1, 2]), (13, [3])]


def test_read_division_has_an_editorial_english_name(client: TestClient) -> None:
    editorial = client.get("/v1/divisions/1").json()["editorial"]
    assert editorial["name_en"].startswith("General Office")
    assert "Editorial" in editorial["notice"]


@pytest.mark.parametrize("key", ["nope", "0", "15", "引智与外国专家服务处", "x" * 200])
def test_read_division_not_found(client: TestClient, key: str) -> None:
    assert_problem(client.get(f"/v1/divisions/{key}"), 404)


def test_read_division_key_too_long(client: TestClient) -> None:
    body = assert_problem(client.get("/v1/divisions/" + "x" * 201), 422)
    assert "key" in str(body["detail"])
