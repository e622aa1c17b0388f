"""Main duties (主要职责)."""

from typing import Annotated

from fastapi import APIRouter, HTTPException, Path, Request
from fastapi.responses import Response

from app.csv_tables import duty_table
from app.routers.dependencies import ListQueryDep, StoreDep
from app.routers.listing import Collection, list_or_search
from app.routers.operations import operation
from app.routers.responses import json_response
from app.schemas.public import DutyHit, DutyPublic, Page
from app.search import find

router = APIRouter(prefix="/v1/duties", tags=["duties"])

DUTIES = Collection(
    items=lambda store: store.duties,
    find=lambda store, q: find(store.search_index, q, kinds={"duty"}),
    item_of=lambda store, finding: store.duties[int(finding.ref) - 1],
    hit=DutyHit,
    table=duty_table,
)


@router.get(
    "",
    **operation(
        Page[DutyPublic] | Page[DutyHit],
        "主要职责列表或检索 / List or search the main duties",
        "/v1/duties?limit=2",
        csv="/v1/duties?format=csv&limit=2",
        invalid="/v1/duties?limit=0",
    ),
)
async def list_duties(request: Request, store: StoreDep, query: ListQueryDep) -> Response:
    """List the main duties in printed order, or with q, the duties that answer q, best first; JSON or CSV."""
    return list_or_search(request, store, DUTIES, query)


@router.get(
    "/{n}",
    **operation(
        DutyPublic, "单项主要职责 / One main duty", "/v1/duties/7", not_found="/v1/duties/17", invalid="/v1/duties/seven"
    ),
)
async def read_duty(
    store: StoreDep, n: Annotated[int, Path(description="职责序号 / The duty's number, 1-16.", examples=[7])]
) -> Response:
    """Read one main duty by its number, with the divisions that carry it (editorial)."""
    if not 1 <= n <= len(store.duties):
        raise HTTPException(404, f"No duty has number {n}: duties are numbered 1 to {len(store.duties)}.")
    return json_response(store.duties[n - 1])
