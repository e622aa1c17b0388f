"""The FastAPI application: create_app(settings) wires routers, errors and the store, and puts the API's middleware outside."""

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from fastapi.telemetry import TelemetryConfig

from app.config import Settings
from app.data.data_file import DataFileError
from app.data.store import open_store
from app.routers import (
    changes,
    divisions,
    docs,
    duties,
    explorer,
    health,
    honours,
    leaders,
    mandates,
    matrix,
    root,
    search,
    subjects,
)
from app.web.errors import install_error_handlers
from app.web.middleware.api_middleware import ApiMiddleware, ServerHooks
from app.web.middleware.response_cache import ResponseCache
from app.web.openapi import example_urls, finish, generated, operation_id, record_examples

logger = logging.getLogger("lnst_api")

DESCRIPTION = """
部门职能配置、内设机构（三定）— 只读 JSON API。

Read-only JSON API over one department's published mandate (三定): its main duties, internal
divisions and their mandates, and, where its text prints them, the function transformation,
leadership, honours, the regulation's dates and the office address. `GET /v1` names the
department and lists under `absent` the parts its text lacks: they are never filled in.
Official text is served verbatim; everything this project adds is under `editorial` keys.
Errors are RFC 9457 problem details.

Every 200 carries a strong `ETag` and `Last-Modified` (answer `If-None-Match` with 304),
`Cache-Control: public, max-age`, and is compressed (br, gzip) when the client accepts it.
CORS is open to any origin by default. Lists take `limit` and `offset` and send RFC 8288
`Link` headers. Every response has an `X-Request-Id`.
"""
# FastAPI asks OpenTelemetry on every request, cached responses included, whether a provider has been configured (about
# 4 µs, as long as the whole middleware). This API configures none; its JSON access log with X-Request-Id is its telemetry.
NO_TELEMETRY: TelemetryConfig = {"tracing": False, "metrics": False, "logs": False}
ROUTERS = (root, duties, divisions, mandates, matrix, search, subjects, leaders, honours, changes, health, docs, explorer)
TAGS = [
    {
        "name": "department",
        "description": "部门、规定、职能转变与全部数据 / The department, the regulation, the function transformation, "
        "and the whole dataset.",
    },
    {
        "name": "duties",
        "description": "主要职责及职责与处室对照表 / The main duties, and the duty × division table (editorial).",
    },
    {
        "name": "divisions",
        "description": "内设机构及“归哪个处管” / The internal divisions, and which of them is responsible for what.",
    },
    {"name": "mandates", "description": "处室职责条目 / Every sentence of every division's mandate."},
    {
        "name": "search",
        "description": "全文检索、检索简称与主题词（编辑性）/ Search across everything, the abbreviations it expands, "
        "and the subject index (editorial).",
    },
    {"name": "leaders and honours", "description": "现任领导与所获荣誉 / Current leadership and honours."},
    {"name": "changes", "description": "数据版本与变更（JSON与Atom）/ The dataset's versions and what changed (JSON and Atom)."},
    {"name": "health", "description": "存活与就绪探针 / Liveness and readiness probes."},
]
SERVERS = [{"url": "/", "description": "提供本文档的服务器 / The server this document is served from."}]
LICENSE = {"name": "MIT", "identifier": "MIT"}


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    """Load and validate the data before the first request (unless the server has); refuse to start on any problem."""
    store = getattr(app.state, "store", None)
    if store is None:
        try:
            store = open_store(app.state.settings)
        except DataFileError as error:
            for problem in error.problems:
                logger.error("%s", problem)
            raise
    app.state.store = store
    yield
    store.engine.dispose()


def create_app(settings: Settings | None = None) -> FastAPI:
    """Build the application; the data is loaded when its lifespan starts."""
    settings = settings or Settings()
    app = FastAPI(
        title="lnst-api",
        version="1.0.0",
        summary="A department's organisational mandate (三定) as JSON",
        description=DESCRIPTION,
        lifespan=lifespan,
        openapi_tags=TAGS,
        servers=SERVERS,
        license_info=LICENSE,
        generate_unique_id_function=operation_id,
        docs_url=None,
        redoc_url=None,
        openapi_url=None,
        telemetry=NO_TELEMETRY,
    )
    app.state.settings = settings
    app.state.response_cache = ResponseCache(settings.response_cache_mb * 1024 * 1024 if settings.response_cache else 0)
    app.state.server_hooks = ServerHooks()
    install_error_handlers(app)
    for module in ROUTERS:
        app.include_router(module.router)
    app.add_api_route("/openapi.json", read_openapi, include_in_schema=False)
    # Added as any middleware is: Starlette places it inside its ServerErrorMiddleware (and FastAPI's own outer layers),
    # outside the router; a cached response is sent without reaching the router. Under `lnst-api serve` the gate's
    # fields are taken off before (app/server/gate_fields.py), and the gate writes cached responses itself.
    app.add_middleware(ApiMiddleware, settings=settings, cache=app.state.response_cache, hooks=app.state.server_hooks)
    return app


async def read_openapi(request: Request) -> JSONResponse:
    """The OpenAPI document; its examples are recorded on the first request, not at every start-up."""
    return JSONResponse(await openapi_document(request.app))


async def openapi_document(app: FastAPI) -> dict[str, object]:
    """Build the document once per app, recording its examples in-process."""
    document: dict[str, object] | None = getattr(app.state, "openapi_document", None)
    if document is None:
        raw = generated(app)
        document = app.state.openapi_document = finish(raw, await record_examples(app, example_urls(raw)))
    return document


app = create_app()
