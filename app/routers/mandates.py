"""Mandate items: every sentence of every division's mandate."""

from fastapi import APIRouter, Request
from fastapi.responses import Response

from app.csv_tables import mandate_table
from app.routers.dependencies import ListQueryDep, SearchQueryDep, StoreDep, TableQueryDep
from app.routers.listing import Collection, csv_page, list_or_search, search_page
from app.routers.operations import csv_operation, operation
from app.schemas.public import MandateHit, MandatePublic, Page
from app.search import find

router = APIRouter(prefix="/v1", tags=["mandates"])

MANDATES = Collection(
    items=lambda store: store.mandates,
    find=lambda store, q: find(store.search_index, q, kinds={"mandate"}),
    item_of=lambda store, finding: store.mandate_by_id[finding.ref],
    hit=MandateHit,
    table=mandate_table,
)


@router.get(
    "/mandates",
    **operation(
        Page[MandatePublic],
        "处室职责条目列表 / List the divisions' mandate items",
        "/v1/mandates?limit=1",
        invalid="/v1/mandates?offset=-1",
    ),
)
async def list_mandates(request: Request, store: StoreDep, query: ListQueryDep) -> Response:
    """Every mandate item in printed order (?q= answers as searchMandates, ?format=csv as listMandatesCsv)."""
    return list_or_search(request, store, MANDATES, query)


@router.get(
    "/mandates.csv",
    **csv_operation(
        "处室职责条目表（CSV）/ The mandate items as CSV",
        "/v1/mandates.csv?limit=1",
        invalid="/v1/mandates.csv?limit=1001",
    ),
)
async def list_mandates_csv(request: Request, store: StoreDep, query: TableQueryDep) -> Response:
    """The mandate items as a CSV table, one row each, in printed order or with q ranked as searchMandates ranks them."""
    return csv_page(request, store, MANDATES, query)


@router.get(
    "/search/mandates",
    **operation(
        Page[MandateHit],
        "检索处室职责条目 / Search the mandate items",
        "/v1/search/mandates?q=%E7%A7%91%E7%A0%94%E8%AF%9A%E4%BF%A1&limit=1",
        invalid="/v1/search/mandates?q=",
    ),
)
async def search_mandates(request: Request, store: StoreDep, query: SearchQueryDep) -> Response:
    """The mandate items that answer q, best first, each with its division, score and the matched stretches of its text."""
    return search_page(request, store, MANDATES, query)
