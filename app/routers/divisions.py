"""Internal divisions (内设机构)."""

from typing import Annotated

from fastapi import APIRouter, HTTPException, Path
from fastapi.responses import Response

from app.routers.dependencies import StoreDep
from app.routers.listing import Collection, OperationDocs, add_collection_routes
from app.routers.operations import operation
from app.routers.responses import json_response
from app.schemas.public import DivisionHit, DivisionPublic
from app.search import find_divisions
from app.web.csv_tables import division_table

router = APIRouter(prefix="/v1", tags=["divisions"])

KEY_DESCRIPTION = "处室序号、标识、名称或其他名称 / The division's number, id, name or any other name."
DIVISIONS = Collection(
    name="divisions",
    items=lambda store: store.divisions,
    find=lambda store, q: find_divisions(store.search_index, q),
    item_of=lambda store, finding: store.division(int(finding.ref)),
    public=DivisionPublic,
    hit=DivisionHit,
    table=division_table,
)
ASK = "%E9%AB%98%E4%BC%81%E8%AE%A4%E5%AE%9A%E5%BD%92%E5%93%AA%E4%B8%AA%E5%A4%84%E7%AE%A1"  # 高企认定归哪个处管


add_collection_routes(
    router,
    DIVISIONS,
    OperationDocs(
        "内设机构列表 / List the divisions",
        "The divisions in printed order, with their mandates (?q= answers as searchDivisions, ?format=csv as listDivisionsCsv).",
        "/v1/divisions?limit=0",
    ),
    OperationDocs(
        "内设机构表（CSV）/ The divisions as CSV",
        "The divisions as a CSV table, one row each, in printed order or with q ranked as searchDivisions ranks them.",
        "/v1/divisions.csv?limit=0",
    ),
    OperationDocs(
        "归哪个处管 / Which division is responsible for q",
        "The divisions responsible for q, most responsible first, each with its score and the matched stretches of its text.",
        "/v1/search/divisions?q=%20",
    ),
    search_example=f"/v1/search/divisions?q={ASK}&limit=1",
)


@router.get(
    "/divisions/{key}",
    **operation(
        DivisionPublic,
        "单个内设机构 / One division",
        "/v1/divisions/%E4%BA%BA%E4%BA%8B%E5%A4%84",
        not_found="/v1/divisions/%E8%B4%A2%E5%8A%A1%E5%A4%84",
        invalid="/v1/divisions/" + "x" * 201,
    ),
)
async def get_division(
    store: StoreDep, key: Annotated[str, Path(max_length=200, description=KEY_DESCRIPTION, examples=["人事处"])]
) -> Response:
    """Read one division by number, id, name or other name (an other name finds the division that bears it)."""
    division = store.find_division(key)
    if division is None:
        raise HTTPException(404, f"No division has the number, id or name {key!r}: see /v1/divisions.")
    return json_response(division)
