"""The OpenAPI document describes every path, response and field."""

import re
from typing import Any

from starlette.testclient import TestClient

from app.config import Settings
from app.main import create_app


def walk_properties(components: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    """Every (model.field, property) pair in the components."""
    return [
        (f"{name}.{field}", prop) for name, model in components.items() for field, prop in model.get("properties", {}).items()
    ]


def test_every_field_has_a_description(client: TestClient) -> None:
    components = client.get("/openapi.json").json()["components"]["schemas"]
    undescribed = [name for name, prop in walk_properties(components) if not prop.get("description")]
    assert undescribed == []


def test_every_operation_has_a_summary_and_a_description(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    for path, operations in paths.items():
        for method, operation in operations.items():
            assert operation.get("summary"), (method, path)
            assert operation.get("description"), (method, path)


def test_errors_are_documented_as_problem_details(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    responses = paths["/v1/duties/{n}"]["get"]["responses"]
    assert set(responses) >= {"200", "404", "422"}
    for status in ("404", "422"):
        content = responses[status]["content"]
        assert list(content) == ["application/problem+json"]
        assert content["application/problem+json"]["schema"] == {"$ref": "#/components/schemas/ProblemPublic"}


def test_every_collection_is_a_documented_path(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    for url in client.get("/v1").json()["links"].values():
        assert url in paths


CJK = re.compile(r"[\u4e00-\u9fff]")


def test_every_summary_is_bilingual_and_every_answer_has_an_example(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    for path, operations in paths.items():
        for operation in operations.values():
            assert CJK.search(operation["summary"]) and re.search("[A-Za-z]{3}", operation["summary"]), path
            for status, response in operation["responses"].items():
                assert CJK.search(response["description"]) or status != "200", (path, status)
                for media_type, content in response["content"].items():
                    assert "example" in content, (path, status, media_type)


def test_examples_are_real_answers_of_the_server(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    duty = paths["/v1/duties/{n}"]["get"]["responses"]
    assert duty["200"]["content"]["application/json"]["example"] == client.get("/v1/duties/7").json()
    assert duty["404"]["content"]["application/problem+json"]["example"] == client.get("/v1/duties/17").json()
    csv_example = paths["/v1/honours"]["get"]["responses"]["200"]["content"]["text/csv"]["example"]
    assert csv_example.encode() == client.get("/v1/honours?format=csv").content


def test_every_field_is_described_in_chinese_and_english(client: TestClient) -> None:
    components = client.get("/openapi.json").json()["components"]["schemas"]
    one_language = [
        name
        for name, prop in walk_properties(components)
        if not (CJK.search(prop.get("description", "")) and re.search("[A-Za-z]{3}", prop.get("description", "")))
    ]
    assert one_language == []


def test_a_route_added_without_any_text_still_gets_a_valid_document() -> None:
    app = create_app(Settings(access_log=False))

    @app.get("/v1/plain")
    async def plain() -> dict[str, str]:
        return {"a": "b"}

    with TestClient(app) as test_client:
        response = test_client.get("/openapi.json")
    assert response.status_code == 200
    document = response.json()
    assert document["paths"]["/v1/plain"]["get"]["responses"]["200"]
    assert document["paths"]["/v1/duties/{n}"]["get"]["summary"]
