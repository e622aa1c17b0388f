"""The OpenAPI document: what the routes declare, every error typed as application/problem+json, and examples
that are real answers of this server, recorded in-process from the URLs each route names (`x-example-urls`)."""

import json
from http import HTTPStatus
from typing import Any
from urllib.parse import unquote, urlsplit

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi
from starlette.types import ASGIApp, Message

from app.problems import PROBLEM_JSON

EXAMPLE_URLS = "x-example-urls"  # on a route's openapi_extra: status or media type -> the URL whose answer is the example


def described(summary: str, answer: str, examples: dict[str, str]) -> dict[str, Any]:
    """A route's OpenAPI text, for its decorator: a bilingual summary, the 200's description, and example URLs."""
    return {"summary": summary, "response_description": answer, "openapi_extra": {EXAMPLE_URLS: examples}}


def generated(app: FastAPI) -> dict[str, Any]:
    """The document as FastAPI generates it from the routes."""
    return get_openapi(title=app.title, version=app.version, summary=app.summary, description=app.description, routes=app.routes)


def example_urls(document: dict[str, Any]) -> dict[tuple[str, str], str]:
    """Every example URL the routes name, by (path, status or media type)."""
    return {
        (path, key): url
        for path, operations in document["paths"].items()
        for operation in operations.values()
        for key, url in operation.get(EXAMPLE_URLS, {}).items()
    }


async def record_examples(app: ASGIApp, urls: dict[tuple[str, str], str]) -> dict[tuple[str, str], Any]:
    """Ask the application (in-process) for every example URL; an answer with another status than expected is left out."""
    recorded: dict[tuple[str, str], Any] = {}
    for (path, key), url in urls.items():
        status, body = await get_in_process(app, url)
        if status == (int(key) if key.isdigit() else 200):
            recorded[(path, key)] = body.decode() if key.startswith("text/") else json.loads(body)
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


def finish(document: dict[str, Any], examples: dict[tuple[str, str], Any]) -> dict[str, Any]:
    """The generated document with problem+json errors and the recorded examples."""
    for path, operations in document["paths"].items():
        for operation in operations.values():
            operation.pop(EXAMPLE_URLS, None)
            if operation.get("summary"):
                operation["description"] = f"{operation['summary']}.\n\n{operation.get('description', '')}".strip()
            for status, response in operation["responses"].items():
                _add_examples(path, status, response, examples)
    for unused in ("HTTPValidationError", "ValidationError"):
        document["components"]["schemas"].pop(unused, None)
    return document


def _add_examples(path: str, status: str, response: dict[str, Any], examples: dict[tuple[str, str], Any]) -> None:
    """Put the recorded example on each content type of one response; errors become problem+json."""
    if status == "200":
        for media_type, content in response.get("content", {}).items():
            key = media_type if media_type.startswith("text/") or media_type == "application/ld+json" else "200"
            if (path, key) in examples:
                content["example"] = examples[(path, key)]
    elif int(status) >= 400:
        example = examples.get((path, status)) or {
            "type": "about:blank",
            "title": HTTPStatus(int(status)).phrase,
            "status": int(status),
            "detail": response.get("description", ""),
            "instance": path,
        }
        response["content"] = {PROBLEM_JSON: {"schema": {"$ref": "#/components/schemas/ProblemPublic"}, "example": example}}
