"""Search across everything, and the abbreviations search understands."""

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from app.data.store import Store
from app.routers.dependencies import PagingDep, RequiredQ, StoreDep
from app.routers.listing import hits_page, list_all
from app.routers.operations import operation
from app.schemas.public import AbbreviationPublic, DivisionRef, HitPage, Page, SearchHit, SearchKind, Span
from app.search import Finding, find

router = APIRouter(prefix="/v1", tags=["search"])

URLS = {"duty": "/v1/duties/{ref}", "transformation": "/v1/transformation", "honour": "/v1/honours"}


@router.get(
    "/search",
    **operation(
        HitPage[SearchHit],
        "全文检索 / Search everything",
        "/v1/search?q=%E5%A4%96%E5%9B%BD%E4%B8%93%E5%AE%B6&limit=2",
        invalid="/v1/search",
    ),
)
async def search(
    request: Request,
    store: StoreDep,
    q: RequiredQ,
    paging: PagingDep,
    kind: Annotated[
        list[SearchKind] | None, Query(description="只检索这些类型 / Only these kinds (repeat the parameter).")
    ] = None,
) -> Response:
    """Search duties, divisions, mandate items, the function transformation and honours in one ranked list."""
    answers = find(store.search_index, q, kinds=kind)
    return hits_page(request, store, [_hit(store, f) for f in answers.findings], answers, paging)


@router.get(
    "/abbreviations",
    **operation(
        Page[AbbreviationPublic],
        "检索简称（编辑性）/ The abbreviations search expands (editorial)",
        "/v1/abbreviations?limit=2",
        invalid="/v1/abbreviations?limit=1001",
    ),
)
async def list_abbreviations(request: Request, store: StoreDep, paging: PagingDep) -> Response:
    """List the abbreviations search expands (editorial), such as 双创 and 高企."""
    return list_all(request, store.abbreviations, paging)


def _hit(store: Store, finding: Finding) -> SearchHit:
    division = store.division(finding.division_n) if finding.division_n is not None else None
    if division is not None and finding.kind in ("division", "mandate"):
        url = division.url
    else:
        url = URLS[finding.kind].format(ref=finding.ref)
    evidence = finding.evidence[0]
    return SearchHit.model_validate(
        {
            "kind": finding.kind,
            "ref": finding.ref,
            "url": url,
            "field": evidence.field,
            "text": evidence.text,
            "spans": [Span(start=start, end=end) for start, end in evidence.spans],
            "score": finding.score,
            "confidence": finding.confidence,
            "reason": finding.reason,
            "division": None if division is None else DivisionRef(n=division.n, id=division.id, name=division.name),
        }
    )
