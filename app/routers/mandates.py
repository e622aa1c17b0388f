"""Mandate items: every sentence of every division's mandate."""

from fastapi import APIRouter, Request
from fastapi.responses import Response

from app.errors import INVALID
from app.routers.common import Limit, Offset, Q, StoreDep, list_response, paged, search_info, window
from app.schemas.public import MandateHit, MandatePublic, Page

router = APIRouter(prefix="/v1/mandates", tags=["mandates"])


@router.get("", response_model=Page[MandatePublic] | Page[MandateHit], responses=INVALID)
async def list_mandates(request: Request, store: StoreDep, q: Q = None, limit: Limit = None, offset: Offset = 0) -> Response:
    """List every mandate item in printed order, or with q, the items that answer q, best first."""
    if q is None:
        return list_response(request, store.mandates, limit, offset)
    hits = store.search_index.search(q, kinds={"mandate"})
    by_id = store.mandate_by_id
    items = [
        MandateHit(**by_id[h.document.ref].model_dump(), search=search_info(h.score, [h])) for h in window(hits, limit, offset)
    ]
    return paged(request, Page[MandateHit](items=items, total=len(hits)), len(hits), limit, offset)
