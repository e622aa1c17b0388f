"""The OpenAPI document: bilingual summaries, every error typed as application/problem+json, and examples
that are real answers of this server, recorded in-process on the first request for the document."""

import json
from dataclasses import dataclass, field
from http import HTTPStatus
from typing import Any
from urllib.parse import unquote, urlsplit

from fastapi.openapi.utils import get_openapi
from starlette.types import ASGIApp, Message

from app.errors import PROBLEM_JSON


@dataclass(frozen=True)
class OperationDoc:
    """What the document says of one GET operation beyond its docstring."""

    summary: str
    ok: str
    examples: dict[str, str] = field(default_factory=dict)  # status or media type -> the URL whose answer is the example


OPERATIONS: dict[str, OperationDoc] = {
    "/v1": OperationDoc(
        "部门概况与API导航 / The department and a map of the API",
        "部门、地址、规定、数据来源与各集合URL / The department, address, regulation, provenance and every collection's URL.",
        {"200": "/v1"},
    ),
    "/v1/transformation": OperationDoc(
        "职能转变 / The function transformation",
        "职能转变段落，全文与逐句 / The paragraph, whole and by sentence.",
        {"200": "/v1/transformation"},
    ),
    "/v1/export": OperationDoc(
        "全部数据 / The whole dataset",
        "一份文档中的全部已校验数据 / Every validated record in one document (JSON, or JSON-LD by Accept).",
        {"200": "/v1/export", "application/ld+json": "/v1/export.jsonld"},
    ),
    "/v1/export.jsonld": OperationDoc(
        "关联数据 / The dataset as JSON-LD",
        "schema.org 与 W3C ORG 词汇的 JSON-LD，上下文内嵌 / JSON-LD in schema.org and W3C ORG terms, context embedded.",
        {"application/ld+json": "/v1/export.jsonld"},
    ),
    "/v1/duties": OperationDoc(
        "主要职责列表或检索 / List or search the main duties",
        "职责，按原文顺序或按与 q 的相关度 / Duties in printed order, or ranked by q; CSV by ?format=csv.",
        {"200": "/v1/duties?limit=2", "text/csv": "/v1/duties?format=csv&limit=2", "422": "/v1/duties?limit=0"},
    ),
    "/v1/duties/{n}": OperationDoc(
        "单项主要职责 / One main duty",
        "该职责及承担它的处室（编辑性）/ The duty and the divisions that carry it (editorial).",
        {"200": "/v1/duties/7", "404": "/v1/duties/17", "422": "/v1/duties/seven"},
    ),
    "/v1/divisions": OperationDoc(
        "内设机构列表，或“归哪个处管” / List the divisions, or which division is responsible for q",
        "处室，按原文顺序或按对 q 的职责相关度 / Divisions in printed order, or most responsible for q first.",
        {
            "200": "/v1/divisions?q=%E9%AB%98%E4%BC%81%E8%AE%A4%E5%AE%9A%E5%BD%92%E5%93%AA%E4%B8%AA%E5%A4%84%E7%AE%A1&limit=1",
            "text/csv": "/v1/divisions?format=csv&limit=2",
            "422": "/v1/divisions?q=%20",
        },
    ),
    "/v1/divisions/{key}": OperationDoc(
        "单个内设机构 / One division",
        "该处室、其职责条目与承担的主要职责（编辑性）/ The division, its mandate items and the duties it carries (editorial).",
        {"200": "/v1/divisions/%E4%BA%BA%E4%BA%8B%E5%A4%84", "404": "/v1/divisions/%E8%B4%A2%E5%8A%A1%E5%A4%84"},
    ),
    "/v1/mandates": OperationDoc(
        "处室职责条目列表或检索 / List or search the divisions' mandate items",
        "职责条目，每句一条 / Mandate items, one sentence each, in printed order or ranked by q.",
        {"200": "/v1/mandates?limit=2", "text/csv": "/v1/mandates?format=csv&limit=2", "422": "/v1/mandates?offset=-1"},
    ),
    "/v1/matrix": OperationDoc(
        "职责与处室对照表（编辑性）/ The duty × division table (editorial)",
        "每项职责一行、每个处室一列 / A row per duty, a column per division; CSV by ?format=csv.",
        {"200": "/v1/matrix", "text/csv": "/v1/matrix?format=csv", "422": "/v1/matrix?format=xlsx"},
    ),
    "/v1/search": OperationDoc(
        "全文检索 / Search everything",
        "按相关度排列的命中，含得分、理由与匹配位置 / Hits, best first, with score, reason and matched spans.",
        {"200": "/v1/search?q=%E5%A4%96%E5%9B%BD%E4%B8%93%E5%AE%B6&limit=2", "422": "/v1/search"},
    ),
    "/v1/abbreviations": OperationDoc(
        "检索简称（编辑性）/ The abbreviations search expands (editorial)",
        "简称及其全称 / Each abbreviation and what it expands to.",
        {"200": "/v1/abbreviations?limit=2", "422": "/v1/abbreviations?limit=1001"},
    ),
    "/v1/leaders": OperationDoc(
        "现任领导 / Current leadership",
        "现任领导及更新截止年月 / The current leaders and the month the list was last updated.",
        {"200": "/v1/leaders", "422": "/v1/leaders?limit=x"},
    ),
    "/v1/honours": OperationDoc(
        "所获荣誉 / Honours",
        "荣誉及原文所述状态 / The honours, with their status as worded; CSV by ?format=csv.",
        {"200": "/v1/honours", "text/csv": "/v1/honours?format=csv", "422": "/v1/honours?format=pdf"},
    ),
    "/healthz": OperationDoc("存活探针 / Liveness probe", "进程在运行 / The process is up.", {"200": "/healthz"}),
    "/readyz": OperationDoc(
        "就绪探针 / Readiness probe", "数据已载入，可以服务 / The data is loaded and served.", {"200": "/readyz"}
    ),
}


async def record_examples(app: ASGIApp) -> dict[str, dict[str, Any]]:
    """Ask the application (in-process) for every example URL, keyed by path, then status or media type.

    An answer with another status than expected (other data may lack duty 7) is left out, not guessed."""
    recorded: dict[str, dict[str, Any]] = {}
    for path, doc in OPERATIONS.items():
        for key, url in doc.examples.items():
            status, body = await get_in_process(app, url)
            expected = 200 if not key.isdigit() else int(key)
            if status == expected:
                recorded.setdefault(path, {})[key] = body.decode() if key.startswith("text/") else json.loads(body)
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


def build_openapi(app: Any) -> dict[str, Any]:
    """Generate the document once: summaries, 200 descriptions, problem+json errors and recorded examples."""
    if app.openapi_schema is not None:
        return app.openapi_schema  # type: ignore[no-any-return]
    document = get_openapi(
        title=app.title,
        version=app.version,
        summary=app.summary,
        description=app.description,
        routes=app.routes,
        tags=app.openapi_tags,
    )
    examples: dict[str, dict[str, Any]] = getattr(app.state, "examples", {})
    for path, operations in document["paths"].items():
        doc = OPERATIONS[path]
        recorded = examples.get(path, {})
        for operation in operations.values():
            operation["summary"] = doc.summary
            operation["description"] = f"{doc.summary}.\n\n{operation['description']}"
            for status, response in operation["responses"].items():
                if status == "200":
                    response["description"] = doc.ok
                    for media_type, content in response.get("content", {}).items():
                        key = "200" if media_type in ("application/json", "application/ld+json") else media_type
                        if media_type == "application/ld+json":
                            key = "application/ld+json"
                        if key in recorded:
                            content["example"] = recorded[key]
                elif int(status) >= 400:
                    example = recorded.get(status) or {
                        "type": "about:blank",
                        "title": HTTPStatus(int(status)).phrase,
                        "status": int(status),
                        "detail": response.get("description", ""),
                        "instance": path,
                    }
                    schema = {"$ref": "#/components/schemas/ProblemPublic"}
                    response["content"] = {PROBLEM_JSON: {"schema": schema, "example": example}}
    for unused in ("HTTPValidationError", "ValidationError"):
        document["components"]["schemas"].pop(unused, None)
    app.openapi_schema = document
    return document
