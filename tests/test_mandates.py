"""GET /v1/mandates."""

from starlette.testclient import TestClient


def test_list_mandates_covers_every_division_item(client: TestClient) -> None:
    mandates = client.get("/v1/mandates").json()
    divisions = client.get("/v1/divisions").json()["items"]
    expected = [(d["n"], item["i"], item["text"]) for d in divisions for item in d["mandate"]]
    assert [(m["division"]["n"], m["i"], m["text"]) for m in mandates["items"]] == expected
    assert mandates["total"] == len(expected) == 43


def test_list_mandates_ids_are_unique(client: TestClient) -> None:
    ids = [m["id"] for m in client.get("/v1/mandates").json()["items"]]
    assert len(ids) == len(set(ids))


def test_list_mandates_page(client: TestClient) -> None:
    body = client.get("/v1/mandates?limit=2&offset=2").json()
    assert [m["id"] for m in body["items"]] == ["planning-platforms.1", "planning-platforms.2"]
