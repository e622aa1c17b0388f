"""Internal divisions (内设机构)."""

from typing import Annotated

from fastapi import APIRouter, HTTPException, Path, Request
from fastapi.responses import Response

from app.csv_tables import division_table
from app.routers.dependencies import ListQueryDep, StoreDep
from app.routers.listing import Collection, list_or_search
from app.routers.operations import operation
from app.routers.responses import json_response
from app.schemas.public import DivisionHit, DivisionPublic, Page
from app.search import find_divisions

router = APIRouter(prefix="/v1/divisions", tags=["divisions"])

KEY_DESCRIPTION = "处室序号、标识、名称或其他名称 / The division's number, id, name or any other name."
DIVISIONS = Collection(
    items=lambda store: store.divisions,
    find=lambda store, q: find_divisions(store.search_index, q),
    item_of=lambda store, finding: store.division(int(finding.ref)),
    hit=DivisionHit,
    table=division_table,
)
ASK = "%E9%AB%98%E4%BC%81%E8%AE%A4%E5%AE%9A%E5%BD%92%E5%93%AA%E4%B8%AA%E5%A4%84%E7%AE%A1"  # 高企认定归哪个处管


@router.get(
    "",
    **operation(
        Page[DivisionPublic] | Page[DivisionHit],
        "内设机构列表，或“归哪个处管” / List the divisions, or which division is responsible for q",
        f"/v1/divisions?q={ASK}&limit=1",
        csv="/v1/divisions?format=csv&limit=2",
        invalid="/v1/divisions?q=%20",
    ),
)
async def list_divisions(request: Request, store: StoreDep, query: ListQueryDep) -> Response:
    """List the divisions in printed order, or with q, the divisions responsible for q, most responsible first; JSON or CSV."""
    return list_or_search(request, store, DIVISIONS, query)


@router.get(
    "/{key}",
    **operation(
        DivisionPublic,
        "单个内设机构 / One division",
        "/v1/divisions/%E4%BA%BA%E4%BA%8B%E5%A4%84",
        not_found="/v1/divisions/%E8%B4%A2%E5%8A%A1%E5%A4%84",
    ),
)
async def read_division(
    store: StoreDep, key: Annotated[str, Path(max_length=200, description=KEY_DESCRIPTION, examples=["人事处"])]
) -> Response:
    """Read one division by number, id, name or other name (so 人事处 is division 14)."""
    division = store.find_division(key)
    if division is None:
        raise HTTPException(404, f"No division has the number, id or name {key!r}: see /v1/divisions.")
    return json_response(division)
