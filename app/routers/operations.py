"""How a route describes itself to OpenAPI, on its decorator: `@router.get(path, **operation(...))`."""

# Each operation answers one media type: JSON (`operation`), CSV (`csv_operation`), JSON-LD (`jsonld_operation`) or Atom
# (`atom_operation`); it documents the headers its answers carry, the 304 a conditional request gets, and only the
# errors it can give, each with the URL of a real answer. Its operationId is its function's name in lowerCamelCase
# (app.web.openapi.operation_id).

from typing import Any

from fastapi.responses import JSONResponse, Response

from app.schemas.public import HitPage, LinkedDataPublic, Page, ProblemPublic
from app.web.linked_data import JSONLD_MEDIA_TYPE
from app.web.openapi import EXAMPLE_URLS

ERRORS = {
    "404": "未找到 / No item has that number or key.",
    "422": "参数有误，正文指明哪个及原因 / A parameter is malformed: the body names which, and why.",
    "503": "数据尚未加载 / The data is not loaded yet.",
}
OK = "成功 / OK"  # the summary says what
ATOM_MEDIA_TYPE = "application/atom+xml"
CACHING = ("ETag", "Last-Modified", "Cache-Control", "Vary", "X-Request-Id")
CONDITIONAL = [{"$ref": "#/components/parameters/IfNoneMatch"}, {"$ref": "#/components/parameters/IfModifiedSince"}]


class CsvDocument(Response):
    """What a CSV operation answers, for the document (the route sends text/csv; charset=utf-8)."""

    media_type = "text/csv"


class AtomDocument(Response):
    """What an Atom operation answers, for the document."""

    media_type = ATOM_MEDIA_TYPE


class LinkedDataDocument(JSONResponse):
    """What a JSON-LD operation answers, for the document."""

    media_type = JSONLD_MEDIA_TYPE


def operation(
    model: Any,
    summary: str,
    example: str,
    *,
    not_found: str | None = None,
    invalid: str | None = None,
    unavailable: bool = False,
) -> dict[str, Any]:
    """A JSON operation: the response model, a bilingual summary, and the URL of a real answer for each status."""
    paged = isinstance(model, type) and issubclass(model, (Page, HitPage))
    errors = {"404": not_found, "422": invalid, "503": "" if unavailable else None}
    return described(summary, example, errors, paged) | {"response_model": model}


def csv_operation(summary: str, example: str, *, invalid: str | None = None, paged: bool = True) -> dict[str, Any]:
    """A CSV operation: text/csv with a byte-order mark, official columns first, then editorial, then provenance."""
    schema = {"type": "string", "description": "CSV（UTF-8，带BOM）/ CSV: UTF-8 with a byte-order mark, CRLF line ends."}
    arguments = described(summary, example, {"422": invalid}, paged)
    arguments["responses"][200]["content"] = {"text/csv": {"schema": schema}}
    return arguments | {"response_class": CsvDocument}


def atom_operation(summary: str, example: str) -> dict[str, Any]:
    """An Atom feed operation: application/atom+xml (RFC 4287)."""
    schema = {"type": "string", "description": "Atom 1.0（RFC 4287）/ An Atom 1.0 feed."}
    arguments = described(summary, example, {}, paged=False)
    arguments["responses"][200]["content"] = {ATOM_MEDIA_TYPE: {"schema": schema}}
    return arguments | {"response_class": AtomDocument}


def jsonld_operation(summary: str, example: str) -> dict[str, Any]:
    """A JSON-LD operation: application/ld+json, schema.org and W3C ORG terms."""
    return described(summary, example, {}, paged=False) | {
        "response_model": LinkedDataPublic,
        "response_class": LinkedDataDocument,
    }


def described(summary: str, example: str, errors: dict[str, str | None], paged: bool) -> dict[str, Any]:
    """What every operation declares: summary, the 200's headers, the 304, its errors ("": no example URL), example URLs."""
    headers = [*CACHING, "Link"] if paged else list(CACHING)
    responses: dict[int | str, dict[str, Any]] = {200: {"headers": header_refs(headers)}}
    for status, url in errors.items():
        if url is not None:
            error_headers = header_refs(["Cache-Control", "Vary", "X-Request-Id"])
            responses[int(status)] = {"model": ProblemPublic, "description": ERRORS[status], "headers": error_headers}
    urls = {"200": example} | {status: url for status, url in errors.items() if url}
    return {
        "summary": summary,
        "response_description": OK,
        "responses": responses,
        "openapi_extra": {
            EXAMPLE_URLS: urls,
            "parameters": [dict(parameter) for parameter in CONDITIONAL],
            "responses": {"304": {"$ref": "#/components/responses/NotModified"}},
        },
    }


def header_refs(names: list[str] | tuple[str, ...]) -> dict[str, dict[str, str]]:
    """The named headers, as references to the document's shared ones."""
    return {name: {"$ref": f"#/components/headers/{name}"} for name in names}
