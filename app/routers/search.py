"""Search across everything, and the abbreviations search understands."""

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from app.errors import INVALID
from app.routers.common import Limit, Offset, RequiredQ, StoreDep, list_response, paged, spans_of, window
from app.schemas.public import AbbreviationPublic, DivisionRef, Page, SearchHit, SearchKind
from app.search import Scored
from app.store import Store

router = APIRouter(prefix="/v1", tags=["search"])

URLS = {"duty": "/v1/duties/{ref}", "transformation": "/v1/transformation", "honour": "/v1/honours"}


@router.get("/search", response_model=Page[SearchHit], responses=INVALID)
async def search(
    request: Request,
    store: StoreDep,
    q: RequiredQ,
    kind: Annotated[
        list[SearchKind] | None, Query(description="只检索这些类型 / Only these kinds (repeat the parameter).")
    ] = None,
    limit: Limit = None,
    offset: Offset = 0,
) -> Response:
    """Search duties, divisions, mandate items, the function transformation and honours in one ranked list."""
    hits = store.search_index.search(q, kinds=kind)
    return paged(
        request,
        Page[SearchHit](items=[_hit(store, h) for h in window(hits, limit, offset)], total=len(hits)),
        limit,
        offset,
    )


@router.get("/abbreviations", response_model=Page[AbbreviationPublic], responses=INVALID)
async def list_abbreviations(request: Request, store: StoreDep, limit: Limit = None, offset: Offset = 0) -> Response:
    """List the abbreviations search expands (editorial), such as 双创 and 高企."""
    return list_response(request, store.abbreviations, limit, offset)


def _hit(store: Store, scored: Scored) -> SearchHit:
    document = scored.document
    division = store.division(document.division_n) if document.division_n is not None else None
    if division is not None and document.kind in ("division", "mandate"):
        url = division.url
    else:
        url = URLS[document.kind].format(ref=document.ref)
    return SearchHit(
        kind=document.kind,
        ref=document.ref,
        url=url,
        field=document.field,
        text=document.text,
        spans=spans_of(scored),
        score=scored.score,
        reason=scored.reason,
        division=None if division is None else DivisionRef(n=division.n, id=division.id, name=division.name, url=division.url),
    )
