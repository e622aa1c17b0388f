"""The FastAPI application: create_app(settings) wires routers, errors and the store."""

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI

from app.config import Settings
from app.errors import install_error_handlers
from app.http import HeadAsGet
from app.openapi import build_openapi
from app.routers import divisions, duties, health, mandates, matrix, people, root, search
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
"""


def create_app(settings: Settings | None = None) -> FastAPI:
    """Build the application; the data is loaded when its lifespan starts."""
    settings = settings or Settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        try:
            app.state.store = open_store(settings)
        except DataFileError as error:
            for problem in error.problems:
                logger.error("%s", problem)
            raise
        yield
        app.state.store.engine.dispose()

    app = FastAPI(
        title="lnst-api",
        version="1.0.0",
        summary="辽宁省科学技术厅 organisational mandate as JSON",
        description=DESCRIPTION,
        lifespan=lifespan,
    )
    app.state.settings = settings
    install_error_handlers(app)
    for module in (root, duties, divisions, mandates, matrix, search, people, health):
        app.include_router(module.router)
    app.add_middleware(HeadAsGet)
    app.openapi = lambda: build_openapi(app)  # type: ignore[method-assign]
    return app


app = create_app()
