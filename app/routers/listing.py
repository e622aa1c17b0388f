"""The one list pattern: a collection in printed order, or with q ranked by search, as JSON or CSV, paged."""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from fastapi import Request
from fastapi.responses import Response

from app.csv_tables import Table
from app.routers.dependencies import ListQuery, Paging
from app.routers.responses import page_response, table_response, wants_csv, window
from app.schemas.public import Match, Page, SearchInfo, Span
from app.search import Finding
from app.store import Store


@dataclass(frozen=True)
class Collection:
    """A list that searches: its items, how search finds them, the shape of a hit, and its CSV table."""

    items: Callable[[Store], Sequence[Any]]
    find: Callable[[Store, str], list[Finding]]
    item_of: Callable[[Store, Finding], Any]
    hit: type[Any]
    table: Table


def list_or_search(request: Request, store: Store, collection: Collection, query: ListQuery) -> Response:
    """The items in printed order, or with q those that answer it, best first; JSON or CSV; paged."""
    limit, offset = query.limit, query.offset
    page: Page[Any]
    if query.q is None:
        items = collection.items(store)
        page = Page[Any](items=window(items, limit, offset), total=len(items))
    else:
        findings = collection.find(store, query.q)
        hits = [
            collection.hit(**collection.item_of(store, f).model_dump(), search=search_info(f))
            for f in window(findings, limit, offset)
        ]
        page = Page[Any](items=hits, total=len(findings))
    return table_response(request, store.root, collection.table, page, limit, offset, wants_csv(query.format, query.accept))


def list_all(request: Request, items: Sequence[Any], paging: Paging) -> Response:
    """One page of a plain list, with the total of the whole list and Link headers."""
    page = Page[Any](items=window(items, paging.limit, paging.offset), total=len(items))
    return page_response(request, page, paging.limit, paging.offset)


def search_info(finding: Finding) -> SearchInfo:
    """How well an item answers the query, why, and the matched stretches of its fields."""
    matches = [
        Match(field=e.field, text=e.text, spans=[Span(start=start, end=end) for start, end in e.spans]) for e in finding.evidence
    ]
    return SearchInfo(score=finding.score, confidence=finding.confidence, reason=finding.reason, matches=matches)
