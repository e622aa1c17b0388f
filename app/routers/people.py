"""Current leadership (现任领导) and honours (所获荣誉)."""

from fastapi import APIRouter
from fastapi.responses import Response

from app.errors import INVALID
from app.routers.common import Limit, Offset, StoreDep, json_response, page_of
from app.schemas.public import HonourPublic, LeaderPublic, Page

router = APIRouter(prefix="/v1", tags=["leaders and honours"])


@router.get("/leaders", response_model=Page[LeaderPublic], responses=INVALID)
def list_leaders(store: StoreDep, limit: Limit = None, offset: Offset = 0) -> Response:
    """List the current leaders, each with the month the list was last updated."""
    return json_response(page_of(store.leaders, limit, offset))


@router.get("/honours", response_model=Page[HonourPublic], responses=INVALID)
def list_honours(store: StoreDep, limit: Limit = None, offset: Offset = 0) -> Response:
    """List the honours with their status as worded (拟表彰 and 拟被推荐 are proposals)."""
    return json_response(page_of(store.honours, limit, offset))
