"""Mandate items: every sentence of every division's mandate."""

from fastapi import APIRouter, Request
from fastapi.responses import Response

from app.errors import INVALID
from app.routers.common import (
    CSV_ALTERNATIVE,
    AcceptHeader,
    Format,
    Limit,
    Offset,
    Q,
    StoreDep,
    search_info,
    table_response,
    wants_csv,
    window,
)
from app.schemas.public import MandateHit, MandatePublic, Page
from app.tables import mandate_table

router = APIRouter(prefix="/v1/mandates", tags=["mandates"])


@router.get("", response_model=Page[MandatePublic] | Page[MandateHit], responses={**INVALID, **CSV_ALTERNATIVE})
async def list_mandates(
    request: Request,
    store: StoreDep,
    q: Q = None,
    limit: Limit = None,
    offset: Offset = 0,
    format: Format = None,
    accept: AcceptHeader = None,
) -> Response:
    """List every mandate item in printed order, or with q, the items that answer q, best first; JSON or CSV."""
    page: Page[MandatePublic] | Page[MandateHit]
    if q is None:
        page = Page[MandatePublic](items=window(store.mandates, limit, offset), total=len(store.mandates))
    else:
        hits = store.search_index.search(q, kinds={"mandate"})
        by_id = store.mandate_by_id
        items = [
            MandateHit(**by_id[h.document.ref].model_dump(), search=search_info(h.score, [h]))
            for h in window(hits, limit, offset)
        ]
        page = Page[MandateHit](items=items, total=len(hits))
    return table_response(request, store, mandate_table, page, limit, offset, wants_csv(format, accept))
