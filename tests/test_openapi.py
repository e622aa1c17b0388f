"""The OpenAPI document describes every path, response, header and field, in a form generators read right."""

import json
import re
from typing import Any
from xml.etree import ElementTree

import jsonschema
import pytest
from starlette.testclient import TestClient

from app.config import Settings
from app.main import create_app
from app.web.openapi import LONG_TEXT, example_urls, generated, trimmed

CJK = re.compile(r"[\u4e00-\u9fff]")
CACHING = {"ETag", "Last-Modified", "Cache-Control", "Vary", "X-Request-Id"}
OPERATIONS = {
    ("/v1", "getRoot"),
    ("/v1/transformation", "getTransformation"),
    ("/v1/export", "getExport"),
    ("/v1/export.jsonld", "getExportJsonld"),
    ("/v1/duties", "listDuties"),
    ("/v1/duties.csv", "listDutiesCsv"),
    ("/v1/search/duties", "searchDuties"),
    ("/v1/duties/{n}", "getDuty"),
    ("/v1/divisions", "listDivisions"),
    ("/v1/divisions.csv", "listDivisionsCsv"),
    ("/v1/search/divisions", "searchDivisions"),
    ("/v1/divisions/{key}", "getDivision"),
    ("/v1/mandates", "listMandates"),
    ("/v1/mandates.csv", "listMandatesCsv"),
    ("/v1/search/mandates", "searchMandates"),
    ("/v1/matrix", "getMatrix"),
    ("/v1/matrix.csv", "getMatrixCsv"),
    ("/v1/search", "search"),
    ("/v1/abbreviations", "listAbbreviations"),
    ("/v1/subjects", "listSubjects"),
    ("/v1/subjects.csv", "listSubjectsCsv"),
    ("/v1/leaders", "listLeaders"),
    ("/v1/honours", "listHonours"),
    ("/v1/honours.csv", "listHonoursCsv"),
    ("/v1/changes", "listChanges"),
    ("/v1/changes.atom", "getChangesAtom"),
    ("/healthz", "readHealth"),
    ("/readyz", "readReadiness"),
}


@pytest.fixture(scope="module")
def document(client: TestClient) -> dict[str, Any]:
    """The document the server publishes."""
    published: dict[str, Any] = client.get("/openapi.json").json()
    return published


def resolved(document: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    """A node, or what its $ref points at."""
    while "$ref" in node:
        *_, kind, name = node["$ref"].split("/")
        node = document["components"][kind][name]
    return node


def operations(document: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    """Every (path, operation) of the document."""
    return [(path, operation) for path, item in document["paths"].items() for operation in item.values()]


def schema_of(document: dict[str, Any], name: str) -> jsonschema.Draft202012Validator:
    """A validator for one component schema, its references resolved within the document."""
    return jsonschema.Draft202012Validator({"$ref": f"#/components/schemas/{name}", "components": document["components"]})


def walk_properties(components: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    """Every (model.field, property) pair in the components."""
    return [
        (f"{name}.{field}", prop) for name, model in components.items() for field, prop in model.get("properties", {}).items()
    ]


def test_every_field_has_a_description(document: dict[str, Any]) -> None:
    undescribed = [name for name, prop in walk_properties(document["components"]["schemas"]) if not prop.get("description")]
    assert undescribed == []


def test_every_operation_has_a_summary_and_a_description(document: dict[str, Any]) -> None:
    for path, operation in operations(document):
        assert operation.get("summary"), path
        assert operation.get("description"), path


def test_operation_ids_are_chosen_and_read_like_the_readme(document: dict[str, Any]) -> None:
    assert {(path, operation["operationId"]) for path, operation in operations(document)} == OPERATIONS


def test_errors_are_documented_as_problem_details(document: dict[str, Any]) -> None:
    responses = document["paths"]["/v1/duties/{n}"]["get"]["responses"]
    assert set(responses) == {"200", "304", "404", "422"}
    for status in ("404", "422"):
        content = resolved(document, responses[status])["content"]
        assert list(content) == ["application/problem+json"]
        assert content["application/problem+json"]["schema"] == {"$ref": "#/components/schemas/ProblemPublic"}


def test_every_collection_is_a_documented_path(client: TestClient, document: dict[str, Any]) -> None:
    for url in client.get("/v1").json()["links"].values():
        assert url in document["paths"]


def test_every_summary_is_bilingual_and_every_answer_has_an_example(document: dict[str, Any]) -> None:
    for path, operation in operations(document):
        assert CJK.search(operation["summary"]) and re.search("[A-Za-z]{3}", operation["summary"]), path
        for status, response in operation["responses"].items():
            response = resolved(document, response)
            assert CJK.search(response["description"]), (path, status)
            for media_type, content in response.get("content", {}).items():
                assert "example" in content or "examples" in content, (path, status, media_type)


def test_every_operation_answers_one_media_type(document: dict[str, Any]) -> None:
    for path, operation in operations(document):
        (media_type,) = operation["responses"]["200"]["content"]
        extension = path[path.rfind(".") :]
        by_extension = {".csv": "text/csv", ".jsonld": "application/ld+json", ".atom": "application/atom+xml"}
        expected = by_extension.get(extension, "application/json")
        assert media_type == expected, path


def test_list_and_search_answers_are_distinct_closed_schemas(client: TestClient, document: dict[str, Any]) -> None:
    schemas = document["components"]["schemas"]
    assert [
        name for name, schema in schemas.items() if "properties" in schema and schema.get("additionalProperties") is not False
    ] == []
    for kind, path, q in [
        ("Division", "/v1/divisions", "高企认定"),
        ("Duty", "/v1/duties", "科研诚信"),
        ("Mandate", "/v1/mandates", "科研诚信"),
    ]:
        operation = document["paths"][path.replace("/v1/", "/v1/search/")]["get"]
        assert operation["responses"]["200"]["content"]["application/json"]["schema"] == {
            "$ref": f"#/components/schemas/{kind}HitPage"
        }
        assert "search" in schemas[f"{kind}Hit"]["required"] and "search" not in schemas[f"{kind}Public"]["properties"]
        listed, found = (
            client.get(path, params={"limit": 2}).json(),
            client.get(path.replace("/v1/", "/v1/search/"), params={"q": q}).json(),
        )
        assert found["items"] and schema_of(document, f"{kind}Page").is_valid(listed)
        assert schema_of(document, f"{kind}HitPage").is_valid(found)
        assert not schema_of(document, f"{kind}HitPage").is_valid(listed) and not schema_of(document, f"{kind}Page").is_valid(
            found
        )


def test_enums_are_named_and_parameters_never_null(document: dict[str, Any]) -> None:
    assert document["components"]["schemas"]["SearchKind"]["enum"] == ["duty", "division", "mandate", "transformation", "honour"]
    parameters = [resolved(document, p) for _, operation in operations(document) for p in operation.get("parameters", [])]
    assert [p["name"] for p in parameters if "anyOf" in p["schema"] or "enum" in json.dumps(p["schema"])] == []


def test_every_get_documents_its_headers_and_304(document: dict[str, Any]) -> None:
    for path, operation in operations(document):
        ok = operation["responses"]["200"]
        names = [p.get("$ref", "").rsplit("/", 1)[-1] for p in operation["parameters"]]
        paged = "Limit" in names
        assert set(ok["headers"]) == CACHING | ({"Link"} if paged else set()), path
        assert set(resolved(document, operation["responses"]["304"])["headers"]) == CACHING, path
        assert {"IfNoneMatch", "IfModifiedSince"} <= set(names), path
    for name, header in document["components"]["headers"].items():
        assert CJK.search(header["description"]) and header["required"] is (name != "Link"), name


def test_the_headers_documented_are_the_headers_sent(client: TestClient, document: dict[str, Any]) -> None:
    for path, operation in operations(document):
        required_q = {"$ref": "#/components/parameters/QRequired"} in operation["parameters"]
        url = path.replace("{n}", "7").replace("{key}", "14") + ("?q=科技&limit=1" if required_q else "?limit=1")
        response = client.get(url)
        assert response.status_code == 200, url
        sent = {name for name in operation["responses"]["200"]["headers"] if name.lower() in response.headers}
        assert sent == set(operation["responses"]["200"]["headers"]), url
        again = client.get(url, headers={"If-None-Match": response.headers["etag"]})
        assert again.status_code == 304 and {name.lower() for name in CACHING} <= set(again.headers), url


def test_only_errors_that_can_happen_are_documented(document: dict[str, Any]) -> None:
    for path in ("/v1", "/v1/export", "/v1/export.jsonld", "/v1/matrix.csv", "/healthz"):
        assert set(document["paths"][path]["get"]["responses"]) == {"200", "304"}, path
    # a department whose text prints no 职能转变 answers 404 here (tests/test_other_departments.py)
    assert set(document["paths"]["/v1/transformation"]["get"]["responses"]) == {"200", "304", "404"}
    assert "HTTPValidationError" not in json.dumps(document)


def test_every_error_a_route_names_happens(client: TestClient) -> None:
    named = example_urls(generated(client.app))  # type: ignore[arg-type]
    assert len(named) >= 40
    for (path, status), url in named.items():
        assert client.get(url).status_code == int(status), (path, url)


def test_examples_are_real_answers_of_the_server(client: TestClient, document: dict[str, Any]) -> None:
    paths = document["paths"]
    health = paths["/healthz"]["get"]["responses"]["200"]["content"]["application/json"]
    assert health["example"] == client.get("/healthz").json()
    duty = paths["/v1/duties/{n}"]["get"]["responses"]
    assert duty["404"]["content"]["application/problem+json"]["example"] == client.get("/v1/duties/17").json()
    invalid = document["components"]["responses"]["InvalidParameter"]["content"]["application/problem+json"]["example"]
    assert invalid == client.get("/v1/duties?limit=0").json()
    subjects = paths["/v1/subjects.csv"]["get"]["responses"]["200"]["content"]["text/csv"]
    assert subjects["example"].encode() == client.get("/v1/subjects.csv?limit=1").content


ATOM = "{http://www.w3.org/2005/Atom}"


def test_long_examples_are_real_answers_trimmed_to_a_page(client: TestClient, document: dict[str, Any]) -> None:
    content = document["paths"]["/v1/duties/{n}"]["get"]["responses"]["200"]["content"]["application/json"]
    example = content["examples"]["trimmed"]
    assert CJK.search(example["summary"]) and example["value"] == trimmed(client.get("/v1/duties/7").json())
    assert example["value"]["text"] == client.get("/v1/duties/7").json()["text"][:LONG_TEXT] + "…"
    export = document["paths"]["/v1/export"]["get"]["responses"]["200"]["content"]["application/json"]["examples"]["trimmed"]
    assert [len(export["value"][key]) for key in ("duties", "divisions", "leaders", "honours")] == [1, 1, 1, 1]
    assert export["value"]["root"]["dataset"]["source"] == client.get("/v1").json()["dataset"]["source"]  # ids stay whole
    csv_example = document["paths"]["/v1/honours.csv"]["get"]["responses"]["200"]["content"]["text/csv"]["examples"]["trimmed"]
    assert csv_example["value"].splitlines()[0] == client.get("/v1/honours.csv").text.splitlines()[0]
    linked = document["paths"]["/v1/export.jsonld"]["get"]["responses"]["200"]["content"]["application/ld+json"]
    value = linked["examples"]["trimmed"]["value"]
    assert value["@context"] == client.get("/v1/export.jsonld").json()["@context"]  # the context is kept whole
    department = next(node for node in value["@graph"] if node["@id"] == "/v1#department")
    assert len(department["hasUnit"]) == 1 and department["@type"] == ["schema:GovernmentOrganization", "org:FormalOrganization"]
    feed = document["paths"]["/v1/changes.atom"]["get"]["responses"]["200"]["content"]["application/atom+xml"]
    newest = ElementTree.fromstring(feed["examples"]["trimmed"]["value"].encode()).findall(f"{ATOM}entry")
    served = ElementTree.fromstring(client.get("/v1/changes.atom").content).findall(f"{ATOM}entry")
    assert len(served) > 1 and len(newest) == 1 and newest[0].findtext(f"{ATOM}id") == served[0].findtext(f"{ATOM}id")
    title = newest[0].findtext(f"{ATOM}title") or ""
    assert title == (served[0].findtext(f"{ATOM}title") or "")[:LONG_TEXT] + "…"  # texts cut as in JSON examples


def test_the_document_is_lean(document: dict[str, Any]) -> None:
    minified = json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode()
    assert len(minified) < 110_000, len(minified)  # 100 KB before referrals, /v1/changes (JSON and Atom) and provisions


def test_servers_tags_security_and_licence_are_declared(document: dict[str, Any]) -> None:
    assert document["servers"] == [{"url": "/", "description": document["servers"][0]["description"]}]
    assert document["security"] == [] and document["info"]["license"] == {"name": "MIT", "identifier": "MIT"}
    declared = {tag["name"]: tag["description"] for tag in document["tags"]}
    assert all(CJK.search(description) for description in declared.values())
    assert {tag for _, operation in operations(document) for tag in operation["tags"]} == set(declared)


def test_every_field_is_described_in_chinese_and_english(document: dict[str, Any]) -> None:
    one_language = [
        name
        for name, prop in walk_properties(document["components"]["schemas"])
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
    assert document["paths"]["/v1/plain"]["get"]["operationId"] == "plain"
    assert document["paths"]["/v1/duties/{n}"]["get"]["summary"]
