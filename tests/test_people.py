"""GET /v1/leaders and /v1/honours."""

from starlette.testclient import TestClient


def test_list_leaders_has_posts_title_and_as_of(client: TestClient) -> None:
    body = client.get("/v1/leaders").json()
    assert body["total"] == 1
    leader = body["items"][0]
    assert leader["name"] == "王成鑫"
    assert leader["posts"] == ["党组成员", "副厅长", "一级巡视员"]
    assert leader["title"] == "辽宁省科学技术厅党组成员、副厅长、一级巡视员"
    assert leader["source"] == "王成鑫:辽宁省科学技术厅党组成员、副厅长、一级巡视员"
    assert (leader["as_of"], leader["as_of_source"]) == ("2024-06", "更新截止2024年06月")


def test_list_honours_keeps_status_as_worded(client: TestClient) -> None:
    honours = client.get("/v1/honours").json()["items"]
    assert [(h["date"], h["status"]) for h in honours] == [("2021-12", "拟表彰"), ("2022-07", "拟被推荐")]


def test_list_honours_resolves_only_current_divisions(client: TestClient) -> None:
    first, second = client.get("/v1/honours").json()["items"]
    assert first["division"]["id"] == "biomedicine"
    assert first["awarded_by"] == "全国科技系统抗击新冠肺炎疫情表彰工作领导小组办公室"
    assert first["title"] == "全国科技系统抗击新冠肺炎疫情先进集体"
    assert second["recipient"] == "辽宁省科学技术厅引智与外国专家服务处"
    assert second["division"] is None
    assert second["awarded_by"] is None
