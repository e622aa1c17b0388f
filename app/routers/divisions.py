"""Internal divisions (内设机构)."""

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
from app.schemas.public import DivisionHit, DivisionPublic, Page
from app.search import rank_divisions
from app.tables import division_table

router = APIRouter(prefix="/v1/divisions", tags=["divisions"])

KEY_DESCRIPTION = "处室序号、标识、名称或其他名称 / The division's number, id, name or any other name."


@router.get("", response_model=Page[DivisionPublic] | Page[DivisionHit], responses={**INVALID, **CSV_ALTERNATIVE})
async def list_divisions(
    request: Request,
    store: StoreDep,
    q: Q = None,
    limit: Limit = None,
    offset: Offset = 0,
    format: Format = None,
    accept: AcceptHeader = None,
) -> Response:
    """List the divisions in printed order, or with q, the divisions responsible for q, most responsible first; JSON or CSV."""
    page: Page[DivisionPublic] | Page[DivisionHit]
    if q is None:
        page = Page[DivisionPublic](items=window(store.divisions, limit, offset), total=len(store.divisions))
    else:
        answers = rank_divisions(store.search_index.search(q, kinds={"division", "mandate"}))
        items = [
            DivisionHit(
                **store.division(a.division_n).model_dump(), search=search_info(a.score, a.matches, division_context=True)
            )
            for a in window(answers, limit, offset)
        ]
        page = Page[DivisionHit](items=items, total=len(answers))
    return table_response(request, store, division_table, page, limit, offset, wants_csv(format, accept))


@router.get("/{key}", response_model=DivisionPublic, responses={**NOT_FOUND, **INVALID})
async def read_division(
    store: StoreDep, key: Annotated[str, Path(max_length=200, description=KEY_DESCRIPTION, examples=["人事处"])]
) -> Response:
    """Read one division by number, id, name or other name (so 人事处 is division 14)."""
    division = store.find_division(key)
    if division is None:
        raise HTTPException(404, f"No division has the number, id or name {key!r}: see /v1/divisions.")
    return json_response(division)
