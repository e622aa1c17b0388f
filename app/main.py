"""The FastAPI application: create_app(settings) wires routers, errors, the store and the HTTP layer."""

import logging
import sys
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi.responses import JSONResponse
from starlette.routing import Match
from starlette.types import Receive, Scope, Send

from app.config import Settings
from app.errors import install_error_handlers
from app.http import HttpLayer, access_logger
from app.openapi import build_openapi, record_examples
from app.routers import divisions, docs, duties, explorer, health, mandates, matrix, people, root, search
from app.source_file import DataFileError
from app.store import open_store

logger = logging.getLogger("lnst_api")

DESCRIPTION = """
辽宁省科学技术厅职能配置、内设机构 — 只读 JSON API。

Read-only JSON API over the organisational mandate of the Liaoning Provincial Department of
Science and Technology: its 16 main duties, 14 internal divisions and their mandates, the
function transformation, current leadership, honours, the regulation's dates and
interpretation authority, and the office address. Official text is served verbatim;
everything this project adds is under `editorial` keys. Errors are RFC 9457 problem details.

Every 200 carries a strong `ETag` and `Last-Modified` (answer `If-None-Match` with 304),
`Cache-Control: public, max-age`, and is compressed (br, gzip) when the client accepts it.
CORS is open to any origin by default. Lists take `limit` and `offset` and send RFC 8288
`Link` headers. Every response has an `X-Request-Id`.
"""


class LnstAPI(FastAPI):
    """FastAPI with the HTTP layer outermost, so cached answers skip the framework entirely."""

    http_layer: HttpLayer

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            await self.http_layer.handle(scope, receive, send)
        else:
            await super().__call__(scope, receive, send)

    def serves(self, path: str) -> bool:
        """Whether some route answers this path (whatever its parameters turn out to hold)."""
        scope = {"type": "http", "method": "GET", "path": path, "root_path": "", "headers": []}
        return any(route.matches(scope)[0] is not Match.NONE for route in self.routes)

    async def call_framework(self, scope: Scope, receive: Receive, send: Send) -> None:
        """The application without the HTTP layer: FastAPI's routing, validation and error handlers."""
        await super().__call__(scope, receive, send)


def create_app(settings: Settings | None = None) -> LnstAPI:
    """Build the application; the data is loaded when its lifespan starts."""
    settings = settings or Settings()

    @asynccontextmanager
    async def lifespan(app: LnstAPI) -> AsyncIterator[None]:
        try:
            store = open_store(settings)
        except DataFileError as error:
            for problem in error.problems:
                logger.error("%s", problem)
            raise
        app.state.store = store
        app.http_layer.start(store.version, store.modified)
        yield
        store.engine.dispose()

    app = LnstAPI(
        title="lnst-api",
        version="1.0.0",
        summary="辽宁省科学技术厅 organisational mandate as JSON",
        description=DESCRIPTION,
        lifespan=lifespan,
        docs_url=None,
        redoc_url=None,
        openapi_url=None,
    )
    app.state.settings = settings
    app.http_layer = HttpLayer(settings, app.call_framework, app.serves)
    install_error_handlers(app)
    for module in (root, duties, divisions, mandates, matrix, search, people, health, docs, explorer):
        app.include_router(module.router)
    app.openapi = lambda: build_openapi(app)  # type: ignore[method-assign]

    @app.get("/openapi.json", include_in_schema=False)
    async def read_openapi() -> JSONResponse:
        """The OpenAPI document; its examples are recorded on first request, not at every start-up."""
        if getattr(app.state, "examples", None) is None:
            app.state.examples = await record_examples(app.call_framework)
            app.openapi_schema = None
        return JSONResponse(app.openapi())

    if settings.access_log and not access_logger.handlers:
        handler = logging.StreamHandler(sys.stdout)
        handler.setFormatter(logging.Formatter("%(message)s"))
        access_logger.addHandler(handler)
        access_logger.setLevel(logging.INFO)
        access_logger.propagate = False
    return app


app = create_app()
