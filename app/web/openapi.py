"""The OpenAPI document: what the routes declare, problem+json errors, the headers every answer carries, examples."""

# The examples are real answers of this server, recorded in-process from the URLs each route names (`x-example-urls`);
# the few long ones are trimmed to a page.

import copy
import csv
import io
import json
from http import HTTPStatus
from typing import Any
from urllib.parse import unquote, urlsplit
from xml.etree import ElementTree

from fastapi import FastAPI
from fastapi.routing import APIRoute
from starlette.types import ASGIApp, Message

from app.web.problems import PROBLEM_JSON

EXAMPLE_URLS = "x-example-urls"  # on a route's openapi_extra: status -> the URL whose answer is the example
VALIDATION_ERROR = "#/components/schemas/HTTPValidationError"
INVALID = "InvalidParameter"
EXAMPLE_BUDGET = 512  # bytes; a longer example is trimmed (see trimmed)
LONG_TEXT = 24  # characters a text keeps in a trimmed example
ATOM = "http://www.w3.org/2005/Atom"
TRIMMED = "截短的真实应答 / A real answer, trimmed"  # lists to their first item, texts to LONG_TEXT characters
HEADERS: dict[str, dict[str, Any]] = {
    "ETag": {
        "description": "强实体标签：数据版本加所发字节的哈希 / Strong entity tag: the dataset version and a hash of the bytes "
        "sent (each content-coding has its own). Send it back in If-None-Match.",
        "required": True,
        "schema": {"type": "string"},
        "example": '"40160c223ab57c12-0d8bbd1e0d3b9b6d5f"',
    },
    "Last-Modified": {
        "description": "数据最后编辑日 / The day the data was last edited (HTTP date). Send it back in If-Modified-Since.",
        "required": True,
        "schema": {"type": "string"},
        "example": "Tue, 26 Nov 2024 00:00:00 GMT",
    },
    "Cache-Control": {
        "description": "缓存时长；错误与探针为no-store / public, max-age=300 (LNST_CACHE_MAX_AGE); errors and the "
        "probes: no-store.",
        "required": True,
        "schema": {"type": "string"},
        "example": "public, max-age=300",
    },
    "Vary": {
        "description": "随之变化的请求头 / The request headers the answer varies on: Origin; Accept-Encoding where it is "
        "compressible; Accept on the JSON paths that also answer ?format=csv or Accept.",
        "required": True,
        "schema": {"type": "string"},
        "example": "Accept-Encoding, Origin",
    },
    "X-Request-Id": {
        "description": "请求标识（日志中同）/ The request's id, as in the access log: yours, if it is 1-64 characters of "
        "A-Za-z0-9._:-, else a new one.",
        "required": True,
        "schema": {"type": "string"},
        "example": "3f9c2a1b-1a",
    },
    "Link": {
        "description": "分页链接（RFC 8288），请求带limit时 / Paging links (RFC 8288: first, prev, next, last), when the "
        "request names a limit.",
        "required": False,
        "schema": {"type": "string"},
        "example": '</v1/mandates?limit=10&offset=0>; rel="first", </v1/mandates?limit=10&offset=10>; rel="next"',
    },
}
NOT_MODIFIED = {
    "description": "未修改，无正文 / Not modified: the ETag or date you sent still holds; no body.",
    "headers": {
        name: {"$ref": f"#/components/headers/{name}"}
        for name in ("ETag", "Last-Modified", "Cache-Control", "Vary", "X-Request-Id")
    },
}
PARAMETERS: dict[str, dict[str, Any]] = {
    "IfNoneMatch": {
        "name": "If-None-Match",
        "in": "header",
        "required": False,
        "description": "之前收到的ETag；未变则返回304 / An ETag you were sent; while it still holds, the answer is 304 "
        "with no body.",
        "schema": {"type": "string"},
    },
    "IfModifiedSince": {
        "name": "If-Modified-Since",
        "in": "header",
        "required": False,
        "description": "之前收到的Last-Modified；数据此后未改则返回304 / A Last-Modified you were sent; if the data has not "
        "changed since, the answer is 304 (If-None-Match decides when both are sent).",
        "schema": {"type": "string"},
    },
}


def operation_id(route: APIRoute) -> str:
    """A route's operationId: its function's name in lowerCamelCase (list_divisions: listDivisions)."""
    first, *rest = route.name.split("_")
    return first + "".join(word.capitalize() for word in rest)


def generated(app: FastAPI) -> dict[str, Any]:
    """The document as FastAPI generates it for the app; a copy, since finish edits it in place and FastAPI keeps its own."""
    return copy.deepcopy(app.openapi())


def example_urls(document: dict[str, Any]) -> dict[tuple[str, str], str]:
    """Every example URL the routes name, by (path, status)."""
    return {
        (path, key): url
        for path, operations in document["paths"].items()
        for operation in operations.values()
        for key, url in operation.get(EXAMPLE_URLS, {}).items()
    }


async def record_examples(app: ASGIApp, urls: dict[tuple[str, str], str]) -> dict[tuple[str, str], bytes]:
    """Ask the application (in-process) for every example URL; an answer with another status than expected is left out."""
    recorded: dict[tuple[str, str], bytes] = {}
    for (path, key), url in urls.items():
        status, body = await get_in_process(app, url)
        if status == int(key):
            recorded[(path, key)] = body
    return recorded


async def get_in_process(app: ASGIApp, url: str, headers: list[tuple[bytes, bytes]] | None = None) -> tuple[int, bytes]:
    """GET one URL from an ASGI application without a network: the status and the body."""
    parts = urlsplit(url)
    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "GET",
        "scheme": "http",
        "path": unquote(parts.path),
        "raw_path": parts.path.encode(),
        "root_path": "",
        "query_string": parts.query.encode(),
        "headers": [(b"host", b"localhost"), *(headers or [])],
        "client": ("127.0.0.1", 0),
        "server": ("localhost", 80),
    }
    status, chunks = 500, []

    async def receive() -> Message:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: Message) -> None:
        nonlocal status
        if message["type"] == "http.response.start":
            status = message["status"]
        elif message["type"] == "http.response.body":
            chunks.append(message.get("body", b""))

    await app(scope, receive, send)
    return status, b"".join(chunks)


def finish(document: dict[str, Any], examples: dict[tuple[str, str], bytes]) -> dict[str, Any]:
    """The generated document with problem+json errors, the recorded examples, tidy parameters and shared components."""
    shared_responses = {"NotModified": NOT_MODIFIED}
    for path, operations in document["paths"].items():
        for operation in operations.values():
            operation.pop(EXAMPLE_URLS, None)
            operation.setdefault("description", operation.get("summary", ""))
            # FastAPI adds a 422 to every route with parameters; a route names the errors it can give.
            operation["responses"] = {s: r for s, r in operation["responses"].items() if VALIDATION_ERROR not in json.dumps(r)}
            operation["responses"] = dict(sorted(operation["responses"].items()))
            for status, response in operation["responses"].items():
                _add_examples(path, status, response, examples)
            if "422" in operation["responses"]:  # every 422 has the same shape: one shared answer, the first recorded
                shared_responses.setdefault(INVALID, operation["responses"]["422"])
                operation["responses"]["422"] = {"$ref": f"#/components/responses/{INVALID}"}
            for parameter in operation.get("parameters", []):
                _tidy(parameter)
    for unused in ("HTTPValidationError", "ValidationError"):
        document["components"]["schemas"].pop(unused, None)
    for schema in document["components"]["schemas"].values():
        for field in schema.get("properties", {}).values():
            field.pop("title", None)  # the property's name, title-cased: generators name things by the property itself
            field.pop("examples", None)  # every answer has a real example
    document["components"] |= {"headers": HEADERS, "parameters": PARAMETERS | _shared_parameters(document)}
    document["components"]["responses"] = shared_responses
    document["security"] = []  # public: no operation needs credentials
    return _named_by_title(document)


def _shared_parameters(document: dict[str, Any]) -> dict[str, Any]:
    """Move each parameter that several operations declare alike (limit, offset, q) to the components, by reference."""
    uses: dict[str, list[list[Any]]] = {}
    for operations in document["paths"].values():
        for operation in operations.values():
            parameters = operation.get("parameters", [])
            for index, parameter in enumerate(parameters):
                if "$ref" not in parameter:
                    uses.setdefault(json.dumps(parameter, sort_keys=True), []).append([parameters, index])
    shared: dict[str, Any] = {}
    for text, places in uses.items():
        parameter = json.loads(text)
        name = parameter["name"][:1].upper() + parameter["name"][1:] + ("Required" if parameter.get("required") else "")
        if len(places) < 2 or name in shared:
            continue
        shared[name] = parameter
        for parameters, index in places:
            parameters[index] = {"$ref": f"#/components/parameters/{name}"}
    return shared


def _named_by_title(document: dict[str, Any]) -> dict[str, Any]:
    """Name each schema as its model names itself (Page[DivisionHit]: DivisionHitPage), and say the name once."""
    schemas = document["components"]["schemas"]
    renamed = {key: schema["title"] for key, schema in schemas.items() if schema.get("title", key) != key}
    renamed = {key: title for key, title in renamed.items() if title.isidentifier() and title not in schemas}
    text = json.dumps(document, ensure_ascii=False)
    for key, title in renamed.items():
        text = text.replace(f'"#/components/schemas/{key}"', f'"#/components/schemas/{title}"')
    renamed_document: dict[str, Any] = json.loads(text)
    schemas = renamed_document["components"]["schemas"]
    renamed_document["components"]["schemas"] = dict(sorted((renamed.get(key, key), schema) for key, schema in schemas.items()))
    for name, schema in renamed_document["components"]["schemas"].items():
        if schema.get("title") == name:
            del schema["title"]
    return renamed_document


def _add_examples(path: str, status: str, response: dict[str, Any], examples: dict[tuple[str, str], bytes]) -> None:
    """Put the recorded example on each content type of one response; errors become problem+json."""
    if status == "200":
        for media_type, content in response.get("content", {}).items():
            if (path, status) in examples:
                content |= as_example(examples[(path, status)], media_type)
    elif int(status) >= 400:
        recorded = examples.get((path, status))
        detail = response.get("description", "").rpartition(" / ")[2]  # the English half, as the problem says it
        example = json.loads(recorded) if recorded else _problem(path, status, detail)
        response["content"] = {PROBLEM_JSON: {"schema": {"$ref": "#/components/schemas/ProblemPublic"}, "example": example}}


def _problem(path: str, status: str, detail: str) -> dict[str, Any]:
    """A problem body for an error whose example was not recorded."""
    return {
        "type": "about:blank",
        "title": HTTPStatus(int(status)).phrase,
        "status": int(status),
        "detail": detail,
        "instance": path,
    }


def as_example(body: bytes, media_type: str) -> dict[str, Any]:
    """A recorded body as the example of its media type: whole, or when long, trimmed to a page and labelled so."""
    text = media_type.startswith("text/")
    value = body.decode() if text or media_type.endswith("+xml") else json.loads(body)
    if len(body) <= EXAMPLE_BUDGET:
        return {"example": value}
    cut = trimmed_feed(value) if media_type.endswith("+xml") else trimmed_csv(value) if text else trimmed(value)
    return {"examples": {"trimmed": {"summary": TRIMMED, "value": cut}}}


def trimmed_feed(xml: str) -> str:
    """A long Atom feed cut as trimmed cuts JSON: its newest entry only, each text to its start."""
    ElementTree.register_namespace("", ATOM)  # the feed's own default namespace, kept as served
    feed = ElementTree.fromstring(xml.encode())
    for older in feed.findall(f"{{{ATOM}}}entry")[1:]:
        feed.remove(older)
    for element in feed.iter():
        element.text = trimmed(element.text) if element.text else element.text
    return ElementTree.tostring(feed, encoding="unicode")


def trimmed_csv(text: str) -> str:
    """A long CSV answer cut as trimmed cuts JSON: the header and the first row, each cell to its start."""
    header, first, *_ = csv.reader(io.StringIO(text, newline=""))
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows([header, [trimmed(cell) for cell in first]])
    return out.getvalue()


def trimmed(value: Any) -> Any:
    """A long answer cut to a page: lists to their first item, prose to its start; a JSON-LD @graph to one node a type."""
    if isinstance(value, dict):
        return {key: _trimmed_member(key, item) for key, item in value.items()}
    if isinstance(value, list):
        return [trimmed(item) for item in value[:1]]
    if isinstance(value, str) and len(value) > LONG_TEXT and not (value.isascii() and " " not in value):
        return value[:LONG_TEXT] + "…"  # prose is cut; identifiers (paths, ids, versions) are kept whole
    return value


def _trimmed_member(key: str, value: Any) -> Any:
    if key == "@graph":
        return _first_of_each_type(value)
    return value if key.startswith("@") else trimmed(value)  # JSON-LD keywords (@context, @type) are kept whole


def _first_of_each_type(nodes: list[Any]) -> list[Any]:
    seen: set[str] = set()
    kept = []
    for node in nodes:
        kind = json.dumps(node.get("@type"))
        if kind not in seen:
            seen.add(kind)
            kept.append(trimmed(node))
    return kept


def _tidy(parameter: dict[str, Any]) -> None:
    """A parameter as generators read it best: an optional query parameter is absent, never null."""
    schema = parameter.get("schema", {})
    options = schema.get("anyOf", [])
    if not parameter.get("required") and len(options) == 2 and {"type": "null"} in options:
        (kept,) = [option for option in options if option != {"type": "null"}]
        del schema["anyOf"]
        schema.update(kept)
    schema.pop("title", None)
