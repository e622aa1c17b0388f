"""HTTP semantics: validators and 304, caching, compression, CORS, security headers, request ids,
paging links, and the response cache answering byte for byte like the routes."""

import gzip
import json
import logging
import re
from collections.abc import Iterator
from urllib.parse import quote

import brotli
import pytest
from starlette.testclient import TestClient
from starlette.types import ASGIApp, Receive, Scope, Send

from app.config import Settings
from app.main import create_app
from app.web.middleware.queries import canonical_query
from tests.helpers import ROOT, answers_as_sent, read_yaml

IDENTITY = {"Accept-Encoding": "identity"}


@pytest.fixture(scope="module")
def uncached_client() -> Iterator[TestClient]:
    """A client over an app with the response cache off: every answer comes from the routes."""
    with TestClient(create_app(Settings(response_cache=False))) as test_client:
        yield test_client


@pytest.fixture(scope="module")
def strict_cors_client() -> Iterator[TestClient]:
    """A client over an app that allows one origin and caches for 60 s."""
    settings = Settings(cors_origins=["https://portal.example.gov.cn"], cache_max_age=60)
    with TestClient(create_app(settings)) as test_client:
        yield test_client


def raw(client: TestClient, path: str, headers: dict[str, str], method: str = "GET") -> tuple[int, dict[str, str], bytes]:
    """Status, headers (less the request id) and the body exactly as sent, not decoded."""
    with client.stream(method, path, headers=headers) as response:
        body = b"".join(response.iter_raw())
        kept = {k: v for k, v in response.headers.items() if k != "x-request-id"}
        return response.status_code, kept, body


def test_ok_response_has_a_strong_etag_and_validators(client: TestClient) -> None:
    response = client.get("/v1/duties/1", headers=IDENTITY)
    etag = response.headers["etag"]
    assert etag.startswith('"') and etag.endswith('"') and not etag.startswith("W/")
    assert client.get("/v1").json()["dataset"]["version"] in etag
    declared = read_yaml(ROOT / "data" / "lnst.yaml")["dataset"]["modified"]
    assert response.headers["last-modified"] == declared.strftime("%a, %d %b %Y 00:00:00 GMT")
    assert response.headers["cache-control"] == "public, max-age=300"


def test_etag_differs_by_representation(client: TestClient) -> None:
    plain = client.get("/v1/divisions", headers=IDENTITY).headers["etag"]
    zipped = client.get("/v1/divisions", headers={"Accept-Encoding": "gzip"}).headers["etag"]
    other = client.get("/v1/duties", headers=IDENTITY).headers["etag"]
    assert len({plain, zipped, other}) == 3


@pytest.mark.parametrize("form", ["{etag}", "W/{etag}", '"nope", {etag}', "*"])
def test_if_none_match_answers_304_without_body(client: TestClient, form: str) -> None:
    etag = client.get("/v1/divisions/11", headers=IDENTITY).headers["etag"]
    response = client.get("/v1/divisions/11", headers={**IDENTITY, "If-None-Match": form.format(etag=etag)})
    assert response.status_code == 304
    assert response.content == b""
    assert response.headers["etag"] == etag
    assert response.headers["cache-control"] == "public, max-age=300"


@pytest.mark.parametrize("value", ['"stale"', "garbage,,", 'W/"x"', ""])
def test_if_none_match_that_does_not_match_answers_200(client: TestClient, value: str) -> None:
    assert client.get("/v1/duties/2", headers={"If-None-Match": value}).status_code == 200


def test_if_modified_since(client: TestClient) -> None:
    assert client.get("/v1/duties", headers={"If-Modified-Since": "Fri, 01 Jan 2100 00:00:00 GMT"}).status_code == 304
    assert client.get("/v1/duties", headers={"If-Modified-Since": "Mon, 01 Jan 1990 00:00:00 GMT"}).status_code == 200
    assert client.get("/v1/duties", headers={"If-Modified-Since": "yesterday"}).status_code == 200


def test_dynamic_responses_are_conditional_too(client: TestClient) -> None:
    url = "/v1/search?q=科研诚信"
    etag = client.get(url).headers["etag"]
    assert client.get(url, headers={"If-None-Match": etag}).status_code == 304


def test_errors_are_not_cached(client: TestClient) -> None:
    response = client.get("/v1/duties/99")
    assert response.headers["cache-control"] == "no-store"
    assert "etag" not in response.headers


def test_probes_are_not_cached(client: TestClient) -> None:
    assert client.get("/readyz").headers["cache-control"] == "no-store"


def test_cache_max_age_is_configurable(strict_cors_client: TestClient) -> None:
    assert strict_cors_client.get("/v1").headers["cache-control"] == "public, max-age=60"


@pytest.mark.parametrize(
    ("accept", "coding"),
    [
        ("gzip", "gzip"),
        ("br", "br"),
        ("gzip, br", "br"),
        ("br;q=0.5, gzip", "gzip"),
        ("*", "br"),
        ("identity", None),
        ("br;q=0", None),
    ],
)
def test_compression_is_negotiated(client: TestClient, accept: str, coding: str | None) -> None:
    status, headers, body = raw(client, "/v1/divisions", {"Accept-Encoding": accept})
    assert status == 200
    assert headers.get("content-encoding") == coding
    assert "Accept-Encoding" in headers["vary"]
    assert int(headers["content-length"]) == len(body)
    decoded = {"gzip": gzip.decompress, "br": brotli.decompress, None: lambda b: b}[coding](body)
    assert json.loads(decoded)["total"] == 14


def test_small_bodies_are_not_compressed(client: TestClient) -> None:
    _, headers, body = raw(client, "/healthz", {"Accept-Encoding": "gzip, br"})
    assert "content-encoding" not in headers
    assert json.loads(body)["status"] == "ok"


def test_cors_allows_any_origin_by_default(client: TestClient) -> None:
    response = client.get("/v1/duties/1", headers={"Origin": "https://example.org"})
    assert response.headers["access-control-allow-origin"] == "*"
    assert "ETag" in response.headers["access-control-expose-headers"]
    assert "X-Request-Id" in response.headers["access-control-expose-headers"]


def test_cors_headers_only_answer_cross_origin_requests(client: TestClient) -> None:
    response = client.get("/v1/duties/1")
    assert "access-control-allow-origin" not in response.headers
    assert "Origin" in response.headers["vary"]


def test_cors_preflight_is_answered_with_max_age(client: TestClient) -> None:
    response = client.options("/v1/divisions", headers={"Origin": "https://example.org", "Access-Control-Request-Method": "GET"})
    assert response.status_code == 204
    assert response.headers["access-control-allow-origin"] == "*"
    assert "GET" in response.headers["access-control-allow-methods"]
    assert response.headers["access-control-max-age"] == "86400"
    assert "If-None-Match" in response.headers["access-control-allow-headers"]


def test_plain_options_lists_the_methods(client: TestClient) -> None:
    response = client.options("/v1/duties")
    assert response.status_code == 204
    assert response.headers["allow"] == "GET, HEAD, OPTIONS"


def test_cors_with_a_list_of_origins(strict_cors_client: TestClient) -> None:
    allowed = strict_cors_client.get("/v1/duties/1", headers={"Origin": "https://portal.example.gov.cn"})
    assert allowed.headers["access-control-allow-origin"] == "https://portal.example.gov.cn"
    assert "Origin" in allowed.headers["vary"]
    refused = strict_cors_client.get("/v1/duties/1", headers={"Origin": "https://evil.example"})
    assert "access-control-allow-origin" not in refused.headers
    preflight = strict_cors_client.options(
        "/v1/duties", headers={"Origin": "https://evil.example", "Access-Control-Request-Method": "GET"}
    )
    assert "access-control-allow-origin" not in preflight.headers


@pytest.mark.parametrize("path", ["/v1", "/v1/duties/99", "/v1/search?q=科技", "/nowhere"])
def test_security_headers_on_every_response(client: TestClient, path: str) -> None:
    headers = client.get(path).headers
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["content-type"].startswith(("application/json", "application/problem+json"))


def test_only_pages_carry_a_content_security_policy(client: TestClient) -> None:
    assert "frame-ancestors 'none'" in client.get("/docs").headers["content-security-policy"]
    assert "content-security-policy" not in client.get("/v1").headers


def test_request_id_is_generated_or_kept(client: TestClient) -> None:
    generated = client.get("/v1").headers["x-request-id"]
    assert re.fullmatch(r"[0-9a-f]{8}-[0-9a-f]+", generated)
    assert client.get("/v1").headers["x-request-id"] != generated
    assert client.get("/v1", headers={"X-Request-Id": "abc-123.x"}).headers["x-request-id"] == "abc-123.x"
    replaced = client.get("/v1", headers={"X-Request-Id": "a" * 65}).headers["x-request-id"]
    assert re.fullmatch(r"[0-9a-f]{8}-[0-9a-f]+", replaced)
    injected = client.get("/v1", headers={"X-Request-Id": "x y"}).headers["x-request-id"]
    assert re.fullmatch(r"[0-9a-f]{8}-[0-9a-f]+", injected)


def test_link_headers_page_through_a_list(client: TestClient) -> None:
    response = client.get("/v1/mandates", params={"limit": 10, "offset": 10})
    links = response.links
    assert links["first"]["url"] == "/v1/mandates?limit=10&offset=0"
    assert links["prev"]["url"] == "/v1/mandates?limit=10&offset=0"
    assert links["next"]["url"] == "/v1/mandates?limit=10&offset=20"
    assert links["last"]["url"] == "/v1/mandates?limit=10&offset=40"
    assert "prev" not in client.get("/v1/mandates", params={"limit": 10}).links
    assert "next" not in client.get("/v1/mandates", params={"limit": 10, "offset": 40}).links


def test_link_headers_keep_the_query(client: TestClient) -> None:
    links = client.get("/v1/search", params={"q": "科技", "limit": 5}).links
    assert links["next"]["url"] == "/v1/search?q=%E7%A7%91%E6%8A%80&limit=5&offset=5"


def test_whole_lists_have_no_link_header(client: TestClient) -> None:
    assert "link" not in client.get("/v1/duties").headers


VARIANTS = [
    {},
    {"Accept-Encoding": "gzip"},
    {"Accept-Encoding": "br"},
    {"Accept-Encoding": "gzip, br", "Origin": "https://example.org"},
    {"Accept": "text/csv", "Accept-Encoding": "br"},
]


def fixed_urls(client: TestClient) -> list[str]:
    """Every GET URL of the API, with every division key and a few queries."""
    urls = ["/v1", "/v1/duties", "/v1/divisions", "/v1/mandates", "/v1/transformation", "/v1/leaders", "/v1/honours"]
    urls += ["/v1/export", "/v1/abbreviations", "/healthz", "/readyz", "/openapi.json", "/docs", "/redoc", "/v1/matrix"]
    urls += [f"/v1/{table}.csv" for table in ("duties", "divisions", "mandates", "honours", "matrix")] + ["/v1/export.jsonld"]
    urls += ["/v1/subjects?limit=3", "/v1/subjects.csv?limit=3&offset=2"]
    urls += [f"/v1/duties/{n}" for n in range(1, 17)]
    store = client.app.state.store  # type: ignore[attr-defined]
    urls += [f"/v1/divisions/{quote(key)}" for key in store.division_keys]
    urls += [
        "/v1/search?q=" + quote("科研诚信"),
        "/v1/divisions?q=" + quote("双创") + "&limit=2",
        "/v1/mandates?limit=5&offset=5",
        "/v1/honours?format=csv",
        "/v1/divisions?format=json",
        "/v1/search/divisions?q=" + quote("高企认定") + "&limit=1",
        "/v1/mandates.csv?q=" + quote("科研诚信") + "&limit=2&offset=1",
    ]
    return urls + IGNORED_OR_REORDERED


# Requests that differ from one above only in parameters the route ignores, or in their order.
IGNORED_OR_REORDERED = [
    "/v1/duties/1?x=123",
    "/v1?utm_source=mail&x=1",
    "/v1/mandates?offset=5&zzz=1&limit=5",
    "/v1/divisions?limit=2&q=" + quote("双创") + "&x=",
    "/v1/search?kind=duty&q=" + quote("科技") + "&x=1&kind=division&limit=3",
    "/v1/search?limit=3&kind=division&q=" + quote("科技") + "&kind=duty",
    "/v1/honours?x&format=csv",
]


def test_cached_responses_are_byte_for_byte_the_routes_answers(client: TestClient, uncached_client: TestClient) -> None:
    urls = fixed_urls(client)
    assert len(urls) > 80
    sent = [(method, url, headers) for url in urls for headers in VARIANTS for method in ("GET", "HEAD")]
    first, cached, routed = (answers_as_sent(each, sent) for each in (client, client, uncached_client))
    for request, kept_first, kept_again, routed_answer in zip(sent, first, cached, routed, strict=True):
        assert kept_first == kept_again == routed_answer, request
    conditional = [
        ("GET", url, {**headers, "If-None-Match": answer[1]["etag"]})
        for (method, url, headers), answer in zip(sent, routed, strict=True)
        if method == "HEAD"
    ]
    revalidated = zip(
        conditional, answers_as_sent(client, conditional), answers_as_sent(uncached_client, conditional), strict=True
    )
    for request, kept, made in revalidated:
        assert kept == made, request
    assert ("/v1", b"") in client.app.state.response_cache  # type: ignore[attr-defined]
    assert ("/v1/duties", b"\0text/csv") in client.app.state.response_cache  # type: ignore[attr-defined]
    assert not uncached_client.app.state.response_cache  # type: ignore[attr-defined]


def test_answers_as_sent_in_one_batch_are_those_the_test_client_gets_one_by_one(uncached_client: TestClient) -> None:
    sent = [(method, url, headers) for url in ("/v1/duties/1", "/v1/nope") for headers in VARIANTS for method in ("GET", "HEAD")]
    one_by_one = [raw(uncached_client, url, headers, method) for method, url, headers in sent]
    assert answers_as_sent(uncached_client, sent) == one_by_one
    assert {answer[0] for answer in one_by_one} == {200, 404} and any(answer[2] for answer in one_by_one)


def test_requests_differing_only_in_ignored_or_reordered_parameters_share_one_cached_response(
    uncached_client: TestClient,
) -> None:
    with TestClient(create_app(Settings(access_log=False))) as fresh:
        cache = fresh.app.state.response_cache  # type: ignore[attr-defined]
        for first, *others in [  # each path's first request has parameters its route ignores
            ["/v1/duties/1?x=124&y", "/v1/duties/1", "/v1/duties/1?x=123"],
            ["/v1/mandates?zzz=1&offset=5&limit=5", "/v1/mandates?offset=5&limit=5", "/v1/mandates?limit=5&offset=5"],
            ["/v1/search?limit=3&x=1&q=%E7%A7%91%E6%8A%80", "/v1/search?q=%E7%A7%91%E6%8A%80&limit=3"],
        ]:
            cached = raw(fresh, first, IDENTITY)
            count = len(cache)
            for url in [first, *others]:
                assert raw(fresh, url, IDENTITY) == cached == raw(uncached_client, url, IDENTITY), url
            assert len(cache) == count, first


def test_the_route_is_given_the_query_as_it_reads_it(client: TestClient) -> None:
    links = client.get("/v1/search?x=1&limit=2&kind=duty&q=" + quote("科技") + "&kind=division").links
    assert links["next"]["url"] == "/v1/search?kind=duty&kind=division&q=%E7%A7%91%E6%8A%80&limit=2&offset=2"
    assert client.get("/v1/mandates?limit=10&limit=5").json()["items"][5:] == []  # a repeated one takes its last value


def test_canonical_query_keeps_declared_parameters_sorted_and_repeats_in_order() -> None:
    names = frozenset({"q", "kind", "limit"})
    assert canonical_query(b"q=a&kind=x&zz=1&&kind=y&limit=5&%6Bind=z", names) == b"kind=x&kind=y&%6Bind=z&limit=5&q=a"
    assert canonical_query(b"x=1&y", names) == b""
    assert canonical_query(b"q+=1&q", names) == b"q"


def test_declared_parameters_are_those_the_openapi_document_lists(client: TestClient) -> None:
    for url in fixed_urls(client):
        client.get(url)
    learned = client.app.state.server_hooks.middleware.queries.by_path  # type: ignore[attr-defined]
    document = client.get("/openapi.json").json()
    shared = document["components"]["parameters"]
    checked = 0
    for template, operations in document["paths"].items():
        pattern = re.compile("^" + re.sub(r"\\{[^/]+\\}", "[^/]+", re.escape(template)) + "$")
        parameters = [shared[p["$ref"].rsplit("/", 1)[1]] if "$ref" in p else p for p in operations["get"].get("parameters", [])]
        listed = {p["name"] for p in parameters if p["in"] == "query"}
        for path in [p for p in learned if pattern.match(p) and (p == template or p not in document["paths"])]:
            # The older ?q= and ?format= on the JSON lists are read, though left out of the document.
            assert listed <= learned[path] and learned[path] - listed <= {"q", "format"}, (path, template)
            checked += 1
    assert checked > 50
    assert learned["/v1/divisions"] == {"q", "limit", "offset", "format"}
    assert learned["/v1/divisions.csv"] == {"q", "limit", "offset"}


def test_cache_keeps_no_errors_and_keys_by_accept_where_answers_vary(client: TestClient) -> None:
    client.get("/v1/duties/99")
    for _ in range(2):
        assert client.get("/v1/matrix", headers={"Accept": "text/csv"}).headers["content-type"].startswith("text/csv")
        assert client.get("/v1/matrix").headers["content-type"] == "application/json"
    cache = client.app.state.response_cache  # type: ignore[attr-defined]
    assert ("/v1/duties/99", b"") not in cache
    assert ("/v1/matrix", b"") not in cache
    assert ("/v1/matrix", b"\0text/csv") in cache


def test_cache_is_bounded_and_forgets_the_least_recently_used() -> None:
    with TestClient(create_app(Settings(response_cache_mb=1, access_log=False))) as small:
        layer = small.app.state.response_cache  # type: ignore[attr-defined]
        for n in range(1, 17):
            small.get(f"/v1/duties/{n}")
        small.get("/v1/duties/1")
        list_size = len(small.get("/v1/mandates", headers=IDENTITY).content)
        for k in range(2 * 1024 * 1024 // list_size):
            small.get("/v1/mandates", params={"limit": 1000 - k}, headers=IDENTITY)
        assert layer.size <= 1024 * 1024
        assert ("/v1/duties/2", b"") not in layer
        assert small.get("/v1/duties/2").json()["n"] == 2


@pytest.mark.parametrize(
    ("path", "accept", "alternative"),
    [
        ("/v1/divisions", "text/csv;q=0, application/json", False),
        ("/v1/matrix", "text/csv;q=0, application/json", False),
        ("/v1/divisions", "text/csv;q=0.5, application/json", False),
        ("/v1/divisions", "application/json;q=0.5, text/csv", True),
        ("/v1/divisions", "text/csv, application/json", True),
        ("/v1/divisions", "text/csv;q=0.5, */*;q=0.1", True),
        ("/v1/divisions", "TEXT/CSV; Q=1", True),
        ("/v1/divisions", "text/csv;q=nonsense, application/json", False),
        ("/v1/export", "application/ld+json;q=0, application/json", False),
        ("/v1/export", "application/json;q=0.9, application/ld+json", True),
    ],
)
def test_accept_q_values_decide_between_json_and_the_alternative(
    client: TestClient, path: str, accept: str, alternative: bool
) -> None:
    content_type = client.get(path, headers={"Accept": accept}).headers["content-type"]
    assert content_type.startswith(("text/csv", "application/ld+json")) is alternative, content_type


def test_an_error_the_routes_did_not_expect_is_a_logged_500_problem(caplog: pytest.LogCaptureFixture) -> None:
    app = create_app(Settings(access_log=False))

    @app.get("/v1/broken")
    async def broken() -> None:
        raise RuntimeError("boom")

    with TestClient(app, raise_server_exceptions=False) as test_client, caplog.at_level(logging.ERROR, logger="lnst_api"):
        response = test_client.get("/v1/broken")
    assert response.status_code == 500
    assert response.headers["content-type"] == "application/problem+json"
    assert response.headers["x-request-id"] and response.headers["cache-control"] == "no-store"
    assert "boom" not in response.text and "Traceback" not in response.text
    assert any("unhandled error on GET /v1/broken" in record.getMessage() for record in caplog.records)


def test_an_empty_first_line_and_a_second_of_the_same_field_are_one_reading(client: TestClient) -> None:
    poisoned = client.get("/v1/honours?limit=2", headers=[("accept", ""), ("accept", "text/csv")])
    assert poisoned.headers["content-type"].startswith("text/csv")  # the route read what the key holds: text/csv
    clean = client.get("/v1/honours?limit=2", headers={"accept": "*/*"})
    assert clean.headers["content-type"] == "application/json"


def test_middleware_is_added_the_starlette_way_and_more_can_be_added() -> None:
    seen: list[str] = []

    class Watching:
        """A middleware a deployment might add: it sees every request the app is given (under `lnst-api serve` the
        request gate writes cached responses itself, before any middleware), then the API's middleware answers it."""

        def __init__(self, app: ASGIApp) -> None:
            self.app = app

        async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
            seen.append(scope["type"])
            await self.app(scope, receive, send)

    app = create_app(Settings(access_log=False))
    app.add_middleware(Watching)  # raised RuntimeError while the API's middleware was assigned to middleware_stack
    with TestClient(app) as client:
        first, again = client.get("/v1/duties/1"), client.get("/v1/duties/1")
    assert first.status_code == again.status_code == 200 and first.content == again.content
    assert first.headers["x-request-id"] != again.headers["x-request-id"]  # the API's middleware answered both
    assert seen.count("http") == 2 and app.state.server_hooks.middleware is not None
