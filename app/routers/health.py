"""Liveness and readiness probes."""

from fastapi import APIRouter, Request
from fastapi.responses import Response

from app.errors import problem_response
from app.routers.common import json_response
from app.schemas.public import HealthPublic, ProblemPublic

router = APIRouter(tags=["health"])


@router.get("/healthz", response_model=HealthPublic)
async def read_health() -> Response:
    """Answer 200 while the process is up."""
    return json_response(HealthPublic(status="ok"))


@router.get(
    "/readyz", response_model=HealthPublic, responses={503: {"model": ProblemPublic, "description": "Data not loaded yet."}}
)
async def read_readiness(request: Request) -> Response:
    """Answer 200 once the data is loaded and served, 503 before."""
    store = getattr(request.app.state, "store", None)
    if store is None:
        return problem_response(503, "The data is not loaded yet.", request.url.path)
    return json_response(HealthPublic(status="ok", version=store.version))
