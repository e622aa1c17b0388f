"""Mandate items: every sentence of every division's mandate."""

from fastapi import APIRouter

from app.routers.listing import Collection, OperationDocs, add_collection_routes
from app.schemas.public import MandateHit, MandatePublic
from app.search import find
from app.web.csv_tables import mandate_table

router = APIRouter(prefix="/v1", tags=["mandates"])

MANDATES = Collection(
    name="mandates",
    items=lambda store: store.mandates,
    find=lambda store, q: find(store.search_index, q, kinds={"mandate"}),
    item_of=lambda store, finding: store.mandate_by_id[finding.ref],
    public=MandatePublic,
    hit=MandateHit,
    table=mandate_table,
)


add_collection_routes(
    router,
    MANDATES,
    OperationDocs(
        "处室职责条目列表 / List the divisions' mandate items",
        "Every mandate item in printed order (?q= answers as searchMandates, ?format=csv as listMandatesCsv).",
        "/v1/mandates?offset=-1",
    ),
    OperationDocs(
        "处室职责条目表（CSV）/ The mandate items as CSV",
        "The mandate items as a CSV table, one row each, in printed order or with q ranked as searchMandates ranks them.",
        "/v1/mandates.csv?limit=1001",
    ),
    OperationDocs(
        "检索处室职责条目 / Search the mandate items",
        "The mandate items that answer q, best first, each with its division, score and the matched stretches of its text.",
        "/v1/search/mandates?q=",
    ),
    search_example="/v1/search/mandates?q=%E7%A7%91%E7%A0%94%E8%AF%9A%E4%BF%A1&limit=1",
)
