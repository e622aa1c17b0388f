"""Honours (所获荣誉)."""

from fastapi import APIRouter, Request
from fastapi.responses import Response

from app.data.store import Store
from app.routers.dependencies import NegotiationDep, Paging, PagingDep, StoreDep
from app.routers.operations import csv_operation, operation
from app.routers.responses import csv_response, table_response, wants_csv, window
from app.schemas.public import HonourPublic, Page
from app.web.csv_tables import honour_table

router = APIRouter(prefix="/v1", tags=["leaders and honours"])


@router.get(
    "/honours",
    **operation(Page[HonourPublic], "所获荣誉 / Honours", "/v1/honours?limit=1", invalid="/v1/honours?limit=x"),
)
async def list_honours(request: Request, store: StoreDep, paging: PagingDep, negotiation: NegotiationDep) -> Response:
    """The honours, status as worded: 拟表彰 and 拟被推荐 are proposals (?format=csv answers as listHonoursCsv)."""
    csv = wants_csv(negotiation.format, negotiation.accept)
    return table_response(request, store.root, honour_table, honours_page(store, paging), paging.limit, paging.offset, csv)


@router.get(
    "/honours.csv",
    **csv_operation("所获荣誉表（CSV）/ The honours as CSV", "/v1/honours.csv?limit=1", invalid="/v1/honours.csv?limit=0"),
)
async def list_honours_csv(request: Request, store: StoreDep, paging: PagingDep) -> Response:
    """The honours as a CSV table, one row each, in printed order."""
    return csv_response(request, store.root, honour_table, honours_page(store, paging), paging.limit, paging.offset)


def honours_page(store: Store, paging: Paging) -> Page[HonourPublic]:
    """One page of the honours."""
    return Page[HonourPublic](items=window(store.honours, paging.limit, paging.offset), total=len(store.honours))
