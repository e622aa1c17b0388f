"""GET /v1, /v1/transformation and /v1/export."""

import hashlib

from starlette.testclient import TestClient

from tests.helpers import ROOT


def test_read_root_department_and_address(client: TestClient) -> None:
    department = client.get("/v1").json()["department"]
    assert department["name"] == "辽宁省科学技术厅"
    address = department["address"]
    assert address["text"] == "辽宁省沈阳市和平区南湖街道三好街24号"
    assert [address[k] for k in ("province", "city", "district", "subdistrict", "street")] == [
        "辽宁省",
        "沈阳市",
        "和平区",
        "南湖街道",
        "三好街24号",
    ]


def test_read_root_regulation_facts(client: TestClient) -> None:
    regulation = client.get("/v1").json()["regulation"]
    assert regulation["effective_date"] == "2019-06-10"
    assert regulation["repeals"]["issued_date"] == "2018-11-04"
    assert regulation["repeals"]["issued_by"] == ["省委办公厅", "省政府办公厅"]
    assert regulation["repeals"]["title"] == "辽宁省科学技术厅职能配置、内设机构和人员编制规定"
    assert regulation["interpretation"]["authority"] == "中共辽宁省委机构编制委员会办公室"
    assert regulation["interpretation"]["amendment_approved_by"] == "省委"


def test_read_root_version_is_the_data_file_hash(client: TestClient) -> None:
    dataset = client.get("/v1").json()["dataset"]
    assert dataset["version"] == hashlib.sha256((ROOT / "data" / "lnst.yaml").read_bytes()).hexdigest()[:16]


def test_read_root_counts_and_links_resolve(client: TestClient) -> None:
    root = client.get("/v1").json()
    counts = root["counts"]
    assert counts.pop("subjects") == client.get("/v1/subjects").json()["total"] >= 400
    assert counts == {"duties": 16, "divisions": 14, "mandates": 43, "leaders": 1, "honours": 2}
    assert set(root["links"]) >= {"duties", "divisions", "mandates", "search", "matrix", "export"}
    for name, url in root["links"].items():
        params = {"q": "科技"} if name == "search" else {}
        assert client.get(url, params=params).status_code == 200, url


def test_read_root_serves_utf8_json_without_escapes(client: TestClient) -> None:
    response = client.get("/v1")
    assert response.headers["content-type"] == "application/json"
    assert "辽宁省科学技术厅".encode() in response.content
    assert b"\\u" not in response.content


def test_read_transformation_whole_and_by_sentence(client: TestClient) -> None:
    body = client.get("/v1/transformation").json()
    assert body["heading"] == "职能转变"
    assert body["text"].startswith("围绕贯彻实施科教兴国战略、人才强国战略")
    assert "".join(body["sentences"]) == body["text"]
    assert len(body["sentences"]) == 4


def test_read_export_holds_every_collection(client: TestClient) -> None:
    export = client.get("/v1/export").json()
    assert export["root"] == client.get("/v1").json()
    assert export["duties"] == client.get("/v1/duties").json()["items"]
    assert export["divisions"] == client.get("/v1/divisions").json()["items"]
    assert export["leaders"] == client.get("/v1/leaders").json()["items"]
    assert export["honours"] == client.get("/v1/honours").json()["items"]
    assert export["transformation"] == client.get("/v1/transformation").json()


def test_tiny_fixture_is_served_too(tiny_client: TestClient) -> None:
    root = tiny_client.get("/v1").json()
    assert root["department"]["name"] == "测试厅"
    assert root["counts"]["duties"] == 2
    assert tiny_client.get("/v1/divisions/乙处").json()["id"] == "first-office"
