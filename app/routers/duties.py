"""Main duties (主要职责)."""

from typing import Annotated

from fastapi import APIRouter, HTTPException, Path, Request
from fastapi.responses import Response

from app.errors import INVALID, NOT_FOUND
from app.routers.common import (
    CSV_ALTERNATIVE,
    AcceptHeader,
    Format,
    Limit,
    Offset,
    Q,
    StoreDep,
    json_response,
    search_info,
    table_response,
    wants_csv,
    window,
)
from app.schemas.public import DutyHit, DutyPublic, Page
from app.tables import duty_table

router = APIRouter(prefix="/v1/duties", tags=["duties"])


@router.get("", response_model=Page[DutyPublic] | Page[DutyHit], responses={**INVALID, **CSV_ALTERNATIVE})
async def list_duties(
    request: Request,
    store: StoreDep,
    q: Q = None,
    limit: Limit = None,
    offset: Offset = 0,
    format: Format = None,
    accept: AcceptHeader = None,
) -> Response:
    """List the main duties in printed order, or with q, the duties that answer q, best first; JSON or CSV."""
    page: Page[DutyPublic] | Page[DutyHit]
    if q is None:
        page = Page[DutyPublic](items=window(store.duties, limit, offset), total=len(store.duties))
    else:
        hits = store.search_index.search(q, kinds={"duty"})
        items = [
            DutyHit(**store.duties[int(h.document.ref) - 1].model_dump(), search=search_info(h.score, [h]))
            for h in window(hits, limit, offset)
        ]
        page = Page[DutyHit](items=items, total=len(hits))
    return table_response(request, store, duty_table, page, limit, offset, wants_csv(format, accept))


@router.get("/{n}", response_model=DutyPublic, responses={**NOT_FOUND, **INVALID})
async def read_duty(
    store: StoreDep, n: Annotated[int, Path(description="职责序号 / The duty's number, 1-16.", examples=[7])]
) -> Response:
    """Read one main duty by its number, with the divisions that carry it (editorial)."""
    if not 1 <= n <= len(store.duties):
        raise HTTPException(404, f"No duty has number {n}: duties are numbered 1 to {len(store.duties)}.")
    return json_response(store.duties[n - 1])
