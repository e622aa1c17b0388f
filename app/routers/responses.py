"""How routes answer: JSON or CSV bodies, pages with RFC 8288 Link headers, and the choice between JSON and CSV."""

from collections.abc import Sequence
from typing import Any
from urllib.parse import urlencode

from fastapi import Request
from fastapi.responses import Response
from pydantic import BaseModel

from app.schemas.public import HitPage, Page, RootPublic
from app.web.csv_tables import CSV_MEDIA_TYPE, Table, to_csv
from app.web.middleware.negotiation import prefers


def json_response(model: BaseModel) -> Response:
    """A 200 answer holding one response shape as compact UTF-8 JSON (Chinese not escaped)."""
    return Response(model.model_dump_json().encode(), media_type="application/json")


def wants_csv(format: str | None, accept: str | None) -> bool:
    """?format wins; otherwise Accept must rank text/csv above JSON."""
    return format == "csv" if format is not None else prefers(accept, "text/csv")


def window(items: Sequence[Any], limit: int | None, offset: int) -> list[Any]:
    """The items of one page."""
    return list(items[offset : None if limit is None else offset + limit])


def page_response(request: Request, page: Page[Any] | HitPage[Any], limit: int | None, offset: int) -> Response:
    """A page of a list as JSON, with Link headers when the client asked for pages."""
    return with_paging_links(json_response(page), request, page.total, limit, offset)


def csv_response(
    request: Request, root: RootPublic, table: Table, page: Page[Any] | HitPage[Any], limit: int | None, offset: int
) -> Response:
    """A page of one of the tabular collections as CSV, with Link headers when the client asked for pages."""
    response = Response(to_csv(table(page.items), root), media_type=CSV_MEDIA_TYPE)
    return with_paging_links(response, request, page.total, limit, offset)


def table_response(
    request: Request, root: RootPublic, table: Table, page: Page[Any] | HitPage[Any], limit: int | None, offset: int, csv: bool
) -> Response:
    """A page of a tabular collection on its JSON path: JSON, or CSV if ?format or Accept asks; it varies on Accept."""
    response = csv_response(request, root, table, page, limit, offset) if csv else page_response(request, page, limit, offset)
    response.headers["Vary"] = "Accept"
    return response


def with_paging_links(response: Response, request: Request, total: int, limit: int | None, offset: int) -> Response:
    """Add the Link header of a page, when the client asked for pages (a limit)."""
    if limit is not None:
        response.headers["Link"] = ", ".join(paging_links(request, total, limit, offset))
    return response


def paging_links(request: Request, total: int, limit: int, offset: int) -> list[str]:
    """The Link header entries for one page: first, prev, next and last."""
    kept = urlencode([(key, value) for key, value in request.query_params.multi_items() if key not in ("limit", "offset")])
    target = f"{request.url.path}?{kept}&" if kept else f"{request.url.path}?"

    def link(start: int, relation: str) -> str:
        return f'<{target}limit={limit}&offset={start}>; rel="{relation}"'

    links = [link(0, "first")]
    if offset > 0:
        links.append(link(max(0, offset - limit), "prev"))
    if offset + limit < total:
        links.append(link(offset + limit, "next"))
    links.append(link(max(0, (total - 1) // limit * limit), "last"))
    return links
