"""Honours (所获荣誉)."""

from fastapi import APIRouter, Request
from fastapi.responses import Response

from app.csv_tables import honour_table
from app.routers.dependencies import AcceptHeader, Format, Limit, Offset, StoreDep
from app.routers.operations import operation
from app.routers.responses import table_response, wants_csv, window
from app.schemas.public import HonourPublic, Page

router = APIRouter(prefix="/v1", tags=["leaders and honours"])


@router.get(
    "/honours",
    **operation(
        Page[HonourPublic], "所获荣誉 / Honours", "/v1/honours", csv="/v1/honours?format=csv", invalid="/v1/honours?format=pdf"
    ),
)
async def list_honours(
    request: Request, store: StoreDep, limit: Limit = None, offset: Offset = 0, format: Format = None, accept: AcceptHeader = None
) -> Response:
    """List the honours with their status as worded (拟表彰 and 拟被推荐 are proposals); JSON or CSV."""
    page = Page[HonourPublic](items=window(store.honours, limit, offset), total=len(store.honours))
    return table_response(request, store.root, honour_table, page, limit, offset, wants_csv(format, accept))
