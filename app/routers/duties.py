"""Main duties (主要职责)."""

from typing import Annotated

from fastapi import APIRouter, HTTPException, Path
from fastapi.responses import Response

from app.errors import INVALID, NOT_FOUND
from app.routers.common import Limit, Offset, StoreDep, json_response, page_of
from app.schemas.public import DutyPublic, Page

router = APIRouter(prefix="/v1/duties", tags=["duties"])


@router.get("", response_model=Page[DutyPublic], responses=INVALID)
def list_duties(store: StoreDep, limit: Limit = None, offset: Offset = 0) -> Response:
    """List the main duties in their printed order, each with the divisions that carry it (editorial)."""
    return json_response(page_of(store.duties, limit, offset))


@router.get("/{n}", response_model=DutyPublic, responses={**NOT_FOUND, **INVALID})
def read_duty(
    store: StoreDep, n: Annotated[int, Path(description="职责序号 / The duty's number, 1-16.", examples=[7])]
) -> Response:
    """Read one main duty by its number, with the divisions that carry it (editorial)."""
    if not 1 <= n <= len(store.duties):
        raise HTTPException(404, f"No duty has number {n}: duties are numbered 1 to {len(store.duties)}.")
    return json_response(store.duties[n - 1])
