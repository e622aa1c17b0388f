"""Mandate items: every sentence of every division's mandate."""

from fastapi import APIRouter, Request
from fastapi.responses import Response

from app.csv_tables import mandate_table
from app.routers.dependencies import ListQueryDep, StoreDep
from app.routers.listing import Collection, list_or_search
from app.routers.operations import operation
from app.schemas.public import MandateHit, MandatePublic, Page
from app.search import find

router = APIRouter(prefix="/v1/mandates", tags=["mandates"])

MANDATES = Collection(
    items=lambda store: store.mandates,
    find=lambda store, q: find(store.search_index, q, kinds={"mandate"}),
    item_of=lambda store, finding: store.mandate_by_id[finding.ref],
    hit=MandateHit,
    table=mandate_table,
)


@router.get(
    "",
    **operation(
        Page[MandatePublic] | Page[MandateHit],
        "处室职责条目列表或检索 / List or search the divisions' mandate items",
        "/v1/mandates?limit=2",
        csv="/v1/mandates?format=csv&limit=2",
        invalid="/v1/mandates?offset=-1",
    ),
)
async def list_mandates(request: Request, store: StoreDep, query: ListQueryDep) -> Response:
    """List every mandate item in printed order, or with q, the items that answer q, best first; JSON or CSV."""
    return list_or_search(request, store, MANDATES, query)
