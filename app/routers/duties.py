"""Main duties (主要职责)."""

from typing import Annotated

from fastapi import APIRouter, HTTPException, Path
from fastapi.responses import Response

from app.routers.dependencies import StoreDep
from app.routers.listing import Collection, OperationDocs, add_collection_routes
from app.routers.operations import operation
from app.routers.responses import json_response
from app.schemas.public import DutyHit, DutyPublic
from app.search import find
from app.web.csv_tables import duty_table

router = APIRouter(prefix="/v1", tags=["duties"])

DUTIES = Collection(
    name="duties",
    items=lambda store: store.duties,
    find=lambda store, q: find(store.search_index, q, kinds={"duty"}),
    item_of=lambda store, finding: store.duties[int(finding.ref) - 1],
    public=DutyPublic,
    hit=DutyHit,
    table=duty_table,
)


add_collection_routes(
    router,
    DUTIES,
    OperationDocs(
        "主要职责列表 / List the main duties",
        "The main duties in printed order (?q= answers as searchDuties, ?format=csv as listDutiesCsv).",
        "/v1/duties?limit=0",
    ),
    OperationDocs(
        "主要职责表（CSV）/ The main duties as CSV",
        "The main duties as a CSV table, one row each, in printed order or with q ranked as searchDuties ranks them.",
        "/v1/duties.csv?offset=-1",
    ),
    OperationDocs(
        "检索主要职责 / Search the main duties",
        "The main duties that answer q, best first, each with its score and the matched stretches of its text.",
        "/v1/search/duties",
    ),
    search_example="/v1/search/duties?q=%E7%A7%91%E7%A0%94%E8%AF%9A%E4%BF%A1&limit=1",
)


@router.get(
    "/duties/{n}",
    **operation(
        DutyPublic, "单项主要职责 / One main duty", "/v1/duties/7", not_found="/v1/duties/17", invalid="/v1/duties/seven"
    ),
)
async def get_duty(
    store: StoreDep, n: Annotated[int, Path(description="职责序号（从1起）/ The duty's number, from 1.", examples=[7])]
) -> Response:
    """Read one main duty by its number, with the divisions that carry it (editorial)."""
    if not 1 <= n <= len(store.duties):
        raise HTTPException(404, f"No duty has number {n}: duties are numbered 1 to {len(store.duties)}.")
    return json_response(store.duties[n - 1])
