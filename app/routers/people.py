"""Current leadership (现任领导) and honours (所获荣誉)."""

from fastapi import APIRouter, Request
from fastapi.responses import Response

from app.errors import INVALID
from app.routers.common import (
    CSV_ALTERNATIVE,
    AcceptHeader,
    Format,
    Limit,
    Offset,
    StoreDep,
    list_response,
    table_response,
    wants_csv,
    window,
)
from app.schemas.public import HonourPublic, LeaderPublic, Page
from app.tables import honour_table

router = APIRouter(prefix="/v1", tags=["leaders and honours"])


@router.get("/leaders", response_model=Page[LeaderPublic], responses=INVALID)
async def list_leaders(request: Request, store: StoreDep, limit: Limit = None, offset: Offset = 0) -> Response:
    """List the current leaders, each with the month the list was last updated."""
    return list_response(request, store.leaders, limit, offset)


@router.get("/honours", response_model=Page[HonourPublic], responses={**INVALID, **CSV_ALTERNATIVE})
async def list_honours(
    request: Request, store: StoreDep, limit: Limit = None, offset: Offset = 0, format: Format = None, accept: AcceptHeader = None
) -> Response:
    """List the honours with their status as worded (拟表彰 and 拟被推荐 are proposals); JSON or CSV."""
    page = Page[HonourPublic](items=window(store.honours, limit, offset), total=len(store.honours))
    return table_response(request, store, honour_table, page, limit, offset, wants_csv(format, accept))
