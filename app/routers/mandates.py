"""Mandate items: every sentence of every division's mandate."""

from fastapi import APIRouter
from fastapi.responses import Response

from app.errors import INVALID
from app.routers.common import Limit, Offset, StoreDep, json_response, page_of
from app.schemas.public import MandatePublic, Page

router = APIRouter(prefix="/v1/mandates", tags=["mandates"])


@router.get("", response_model=Page[MandatePublic], responses=INVALID)
def list_mandates(store: StoreDep, limit: Limit = None, offset: Offset = 0) -> Response:
    """List every mandate item of every division, in printed order, each with its division."""
    return json_response(page_of(store.mandates, limit, offset))
