"""Current leadership (现任领导)."""

from fastapi import APIRouter, Request
from fastapi.responses import Response

from app.routers.dependencies import PagingDep, StoreDep
from app.routers.listing import list_all
from app.routers.operations import operation
from app.schemas.public import LeaderPublic, Page

router = APIRouter(prefix="/v1", tags=["leaders and honours"])


@router.get(
    "/leaders",
    **operation(Page[LeaderPublic], "现任领导 / Current leadership", "/v1/leaders?limit=1", invalid="/v1/leaders?limit=x"),
)
async def list_leaders(request: Request, store: StoreDep, paging: PagingDep) -> Response:
    """List the current leaders, each with the month the list was last updated."""
    return list_all(request, store.leaders, paging)
