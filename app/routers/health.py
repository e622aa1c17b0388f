"""Liveness and readiness probes: cheap, never in the response cache, and never refused by the connection limit."""

from fastapi import APIRouter, Request
from fastapi.responses import Response

from app.routers.operations import operation
from app.routers.responses import json_response
from app.schemas.public import HealthPublic
from app.web.errors import problem_response

router = APIRouter(tags=["health"])


@router.get("/healthz", **operation(HealthPublic, "存活探针 / Liveness probe", "/healthz"))
async def read_health() -> Response:
    """Answer 200 while the process is up."""
    return json_response(HealthPublic(status="ok"))


@router.get("/readyz", **operation(HealthPublic, "就绪探针 / Readiness probe", "/readyz", unavailable=True))
async def read_readiness(request: Request) -> Response:
    """Answer 200 while the data is loaded and served; 503 before, and from the moment the server is told to stop."""
    store = getattr(request.app.state, "store", None)
    if store is None:
        return problem_response(503, "The data is not loaded yet.", request.url.path)
    if getattr(request.app.state, "draining", False):
        return problem_response(503, "The server is stopping: send requests elsewhere.", request.url.path)
    return json_response(HealthPublic(status="ok", version=store.version))
