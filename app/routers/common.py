"""Pieces every router shares: the store dependency, JSON rendering and paging."""

from typing import Annotated, Any, Literal, TypeVar
from urllib.parse import urlencode

from fastapi import Depends, Header, Query, Request
from fastapi.responses import Response
from pydantic import BaseModel

from app.schemas.public import Match, Page, SearchInfo, Span
from app.search import Scored
from app.store import Store, get_store, render
from app.tables import CSV_MEDIA_TYPE, Table, to_csv

Item = TypeVar("Item", bound=BaseModel)

StoreDep = Annotated[Store, Depends(get_store)]
Limit = Annotated[int | None, Query(ge=1, le=1000, description="最多返回条数 / At most this many items (default: all).")]
Offset = Annotated[int, Query(ge=0, le=100_000, description="跳过条数 / Skip this many items first.")]


Format = Annotated[
    Literal["json", "csv"] | None,
    Query(description="json 或 csv（省略时按 Accept 头）/ json or csv (when absent, the Accept header decides)."),
]
AcceptHeader = Annotated[str | None, Header(include_in_schema=False)]
CSV_ALTERNATIVE: dict[int | str, dict[str, Any]] = {
    200: {"content": {"text/csv": {"schema": {"type": "string", "description": "CSV，带BOM / CSV with a byte-order mark."}}}}
}


def prefers(accept: str | None, media_type: str) -> bool:
    """Whether an Accept header lists this media type ahead of JSON and */* (the API's default answer)."""
    if accept is None:
        return False
    kinds = [part.split(";")[0].strip().lower() for part in accept.split(",")]
    return media_type in kinds and kinds.index(media_type) < min(
        (kinds.index(kind) for kind in ("application/json", "*/*") if kind in kinds), default=len(kinds)
    )


def wants_csv(format: str | None, accept: str | None) -> bool:
    """Whether to answer CSV: ?format wins; otherwise Accept must rank text/csv above JSON and */*."""
    return format == "csv" if format is not None else prefers(accept, "text/csv")


def table_response(
    request: Request, store: Store, table: Table, page: Page[Any], limit: int | None, offset: int, csv: bool
) -> Response:
    """A page of one of the tabular collections, as JSON or as CSV; either way it varies on Accept."""
    response = Response(to_csv(table(page.items), store.root), media_type=CSV_MEDIA_TYPE) if csv else json_response(page)
    response.headers["Vary"] = "Accept"
    return with_paging_links(response, request, page.total, limit, offset)


def json_response(model: BaseModel) -> Response:
    """A 200 answer holding one response shape as UTF-8 JSON."""
    return Response(render(model), media_type="application/json")


def paged(request: Request, page: Page[Any], limit: int | None, offset: int) -> Response:
    """A page of a list as JSON, with RFC 8288 Link headers to the first, previous, next and last pages."""
    return with_paging_links(json_response(page), request, page.total, limit, offset)


def with_paging_links(response: Response, request: Request, total: int, limit: int | None, offset: int) -> Response:
    """Add the Link header of a page, when the client asked for pages (a limit)."""
    if limit is not None:
        response.headers["Link"] = ", ".join(paging_links(request, total, limit, offset))
    return response


def paging_links(request: Request, total: int, limit: int, offset: int) -> list[str]:
    """The Link header entries for one page."""
    kept = [(key, value) for key, value in request.query_params.multi_items() if key not in ("limit", "offset")]

    def link(start: int, relation: str) -> str:
        query = urlencode([*kept, ("limit", str(limit)), ("offset", str(start))])
        return f'<{request.url.path}?{query}>; rel="{relation}"'

    links = [link(0, "first")]
    if offset > 0:
        links.append(link(max(0, offset - limit), "prev"))
    if offset + limit < total:
        links.append(link(offset + limit, "next"))
    links.append(link(max(0, (total - 1) // limit * limit), "last"))
    return links


def window(items: list[Any], limit: int | None, offset: int) -> list[Any]:
    """The items of one page."""
    return items[offset : None if limit is None else offset + limit]


def list_response(request: Request, items: list[Item], limit: int | None, offset: int) -> Response:
    """One page of a list of response shapes, with the total of the whole list and Link headers."""
    return paged(request, Page[Item](items=window(items, limit, offset), total=len(items)), limit, offset)


# Printable text with at least one visible character: no control characters (NUL included) and no U+FFFD,
# which is what invalid UTF-8 or broken percent-encoding decodes to.
_PRINTABLE = r"[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffd]"
SEARCH_TEXT = rf"^{_PRINTABLE}*[^\s\x00-\x1f\x7f\ufffd]{_PRINTABLE}*$"
SEARCH_QUERY = Query(
    min_length=1,
    max_length=1000,
    pattern=SEARCH_TEXT,
    description="检索词（可用繁体、简称、口语问句）/ Search words: Simplified or Traditional, abbreviations, plain questions.",
    examples=["高新技术企业认定归哪个处管"],
)
Q = Annotated[str | None, SEARCH_QUERY]
RequiredQ = Annotated[str, SEARCH_QUERY]


def spans_of(hit: Scored) -> list[Span]:
    """The matched stretches of one scored document."""
    return [Span(start=start, end=end) for start, end in hit.spans()]


def search_info(score: float, hits: list[Scored], division_context: bool = False) -> SearchInfo:
    """The score, reason and matched fields of a result."""
    matches = [
        Match(
            field=(h.document.division_field or h.document.field) if division_context else h.document.field,
            text=h.document.text,
            spans=spans_of(h),
        )
        for h in hits
    ]
    return SearchInfo(score=score, reason=hits[0].reason, matches=matches)
