"""The OpenAPI document describes every path, response and field."""

from typing import Any

from starlette.testclient import TestClient


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
