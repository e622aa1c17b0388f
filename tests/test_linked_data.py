"""JSON-LD: expanded with pyld and a document loader that refuses the network, then checked triple by triple."""

from typing import Any

import pytest
from pyld import jsonld
from starlette.testclient import TestClient

BASE = "http://testserver"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
ORG = "http://www.w3.org/ns/org#"
SCHEMA = "https://schema.org/"
SKOS = "http://www.w3.org/2004/02/skos/core#"
Triple = tuple[str, str, str]


def refuse_network(url: str, options: dict[str, Any] | None = None) -> dict[str, Any]:
    """A pyld document loader that fails: the context must be embedded, never fetched."""
    raise jsonld.JsonLdError(f"refused to fetch {url}", "jsonld.LoadDocumentError", code="loading document failed")


@pytest.fixture(scope="module")
def triples(client: TestClient) -> set[Triple]:
    """Every triple of /v1/export.jsonld, as (subject, predicate, object value)."""
    document = client.get("/v1/export.jsonld").json()
    dataset = jsonld.to_rdf(document, {"base": BASE + "/v1/export.jsonld", "documentLoader": refuse_network})
    return {(t["subject"]["value"], t["predicate"]["value"], t["object"]["value"]) for t in dataset["@default"]}


def test_the_loader_really_refuses(client: TestClient) -> None:
    remote = {"@context": "https://schema.org/", "name": "x"}
    with pytest.raises(jsonld.JsonLdError):
        jsonld.expand(remote, {"documentLoader": refuse_network})


def test_served_as_json_ld_by_path_and_by_accept(client: TestClient) -> None:
    by_path = client.get("/v1/export.jsonld")
    assert by_path.headers["content-type"] == "application/ld+json"
    by_accept = client.get("/v1/export", headers={"Accept": "application/ld+json"})
    assert by_accept.headers["content-type"] == "application/ld+json"
    assert by_accept.content == by_path.content
    assert client.get("/v1/export").headers["content-type"] == "application/json"


def test_the_department_is_a_government_and_formal_organization(client: TestClient, triples: set[Triple]) -> None:
    department = BASE + "/v1#department"
    assert (department, RDF_TYPE, SCHEMA + "GovernmentOrganization") in triples
    assert (department, RDF_TYPE, ORG + "FormalOrganization") in triples
    assert (department, SKOS + "prefLabel", client.get("/v1").json()["department"]["name"]) in triples
    duties = client.get("/v1/duties").json()["items"]
    assert {(department, ORG + "purpose", d["text"]) for d in duties} <= triples


def test_every_division_is_a_unit_with_its_mandate_and_other_names(client: TestClient, triples: set[Triple]) -> None:
    department = BASE + "/v1#department"
    for division in client.get("/v1/divisions").json()["items"]:
        unit = BASE + division["url"]
        assert (department, ORG + "hasUnit", unit) in triples
        assert (unit, RDF_TYPE, ORG + "OrganizationalUnit") in triples
        assert (unit, SKOS + "prefLabel", division["name"]) in triples
        assert {(unit, ORG + "purpose", item["text"]) for item in division["mandate"]} <= triples
        assert {(unit, SKOS + "altLabel", other["name"]) for other in division["other_names"]} <= triples
    assert (BASE + "/v1/divisions/14", SKOS + "altLabel", "人事处") in triples


def test_posts_and_the_address(client: TestClient, triples: set[Triple]) -> None:
    leader = client.get("/v1/leaders").json()["items"][0]
    posts = {s for s, p, o in triples if p == RDF_TYPE and o == ORG + "Post"}
    assert {o for s, p, o in triples if s in posts and p == SKOS + "prefLabel"} == set(leader["posts"])
    holders = {o for s, p, o in triples if s in posts and p == ORG + "heldBy"}
    assert {o for s, p, o in triples if s in holders and p == SCHEMA + "name"} == {leader["name"]}
    address = client.get("/v1").json()["department"]["address"]
    site = next(o for s, p, o in triples if p == ORG + "hasSite")
    postal = next(o for s, p, o in triples if s == site and p == ORG + "siteAddress")
    assert (postal, RDF_TYPE, SCHEMA + "PostalAddress") in triples
    assert (postal, SCHEMA + "name", address["text"]) in triples
    assert (postal, SCHEMA + "addressLocality", address["city"]) in triples


def test_provenance_and_editorial_terms(client: TestClient, triples: set[Triple]) -> None:
    root = client.get("/v1").json()
    dataset = BASE + "/v1/export.jsonld"
    assert (dataset, SCHEMA + "version", root["dataset"]["version"]) in triples
    assert (dataset, "http://purl.org/dc/terms/source", root["dataset"]["source"]) in triples
    assert (BASE + "/v1#regulation", "http://purl.org/dc/terms/valid", root["regulation"]["effective_date"]) in triples
    english = [(s, o) for s, p, o in triples if p == "urn:lnst-api:editorial:englishName"]
    assert (BASE + "/v1#department", root["department"]["name_en"]) in english
    carries = {(s, o) for s, p, o in triples if p == "urn:lnst-api:editorial:carriesDuty"}
    assert (BASE + "/v1/divisions/11", BASE + "/v1/duties/2") in carries
    assert not any("englishName" in p or "carriesDuty" in p for _, p, _ in triples if not p.startswith("urn:lnst-api:editorial:"))
