"""The one list pattern: a collection in printed order, or with q ranked by search, paged; as JSON, hits or CSV."""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response

from app.data.store import Store
from app.routers.dependencies import ListQuery, ListQueryDep, Paging, SearchQuery, SearchQueryDep, StoreDep, TableQueryDep
from app.routers.operations import csv_operation, operation
from app.routers.referrals import referral_public
from app.routers.responses import csv_response, page_response, table_response, wants_csv, window
from app.schemas.public import HitPage, Match, Page, SearchInfo, Span
from app.search import Answers, Finding
from app.web.csv_tables import Table


@dataclass(frozen=True)
class Collection:
    """A list that searches: its name in paths, its items, how search finds them, the shapes of an item and a hit, its CSV."""

    name: str
    items: Callable[[Store], Sequence[Any]]
    find: Callable[[Store, str], Answers]
    item_of: Callable[[Store, Finding], Any]
    public: type[Any]
    hit: type[Any]
    table: Table


@dataclass(frozen=True)
class OperationDocs:
    """What one operation of a collection says of itself in OpenAPI: its summary, its description, a URL it answers 422."""

    summary: str
    description: str
    invalid: str


def add_collection_routes(
    router: APIRouter,
    collection: Collection,
    listed: OperationDocs,
    table: OperationDocs,
    searched: OperationDocs,
    search_example: str,
) -> None:
    """Add a collection's list, CSV and search operations, in that order: list_NAME, list_NAME_csv and search_NAME."""
    name, prefix = collection.name, router.prefix

    async def list_items(request: Request, store: StoreDep, query: ListQueryDep) -> Response:
        return list_or_search(request, store, collection, query)

    async def list_items_csv(request: Request, store: StoreDep, query: TableQueryDep) -> Response:
        return csv_page(request, store, collection, query)

    async def search_items(request: Request, store: StoreDep, query: SearchQueryDep) -> Response:
        return search_page(request, store, collection, query)

    list_json = operation(page_model(collection.public), listed.summary, f"{prefix}/{name}?limit=1", invalid=listed.invalid)
    list_csv = csv_operation(table.summary, f"{prefix}/{name}.csv?limit=1", invalid=table.invalid)
    search = operation(hit_page_model(collection.hit), searched.summary, search_example, invalid=searched.invalid)
    router.add_api_route(f"/{name}", list_items, name=f"list_{name}", description=listed.description, **list_json)
    router.add_api_route(f"/{name}.csv", list_items_csv, name=f"list_{name}_csv", description=table.description, **list_csv)
    router.add_api_route(f"/search/{name}", search_items, name=f"search_{name}", description=searched.description, **search)


def page_model(item: type[Any]) -> Any:
    """The response model of a page of these items: Page[DutyPublic] for DutyPublic."""
    return Page[item]  # type: ignore[valid-type]


def hit_page_model(item: type[Any]) -> Any:
    """The response model of a page of search hits: HitPage[DivisionHit] for DivisionHit."""
    return HitPage[item]  # type: ignore[valid-type]


def page_of(store: Store, collection: Collection, q: str | None, limit: int | None, offset: int) -> Page[Any] | HitPage[Any]:
    """One page of the items in printed order; with q, of the hits (best first) and the referral to another agency."""
    if q is None:
        items = collection.items(store)
        return Page[Any](items=window(items, limit, offset), total=len(items))
    answers = collection.find(store, q)
    # The item is already a validated public shape: the hit takes its fields as they are, without a second validation.
    hits = [
        collection.hit.model_construct(**dict(collection.item_of(store, f)), search=search_info(f))
        for f in window(answers.findings, limit, offset)
    ]
    return HitPage[Any](items=hits, total=len(answers.findings), referral=referral_public(store, answers))


def list_or_search(request: Request, store: Store, collection: Collection, query: ListQuery) -> Response:
    """The list operation: its page as JSON; the older q, ?format=csv and Accept: text/csv answered as they always were."""
    page = page_of(store, collection, query.q, query.limit, query.offset)
    csv = wants_csv(query.format, query.accept)
    return table_response(request, store.root, collection.table, page, query.limit, query.offset, csv)


def search_page(request: Request, store: Store, collection: Collection, query: SearchQuery) -> Response:
    """The search operation: the items that answer q, best first, each with its search, as JSON."""
    return page_response(request, page_of(store, collection, query.q, query.limit, query.offset), query.limit, query.offset)


def csv_page(request: Request, store: Store, collection: Collection, query: SearchQuery) -> Response:
    """The CSV operation: the same page as a table, in printed order or ranked by q."""
    page = page_of(store, collection, query.q, query.limit, query.offset)
    return csv_response(request, store.root, collection.table, page, query.limit, query.offset)


def hits_page(request: Request, store: Store, items: Sequence[Any], answers: Answers, paging: Paging) -> Response:
    """One page of search hits, with the total, the referral and Link headers."""
    referral = referral_public(store, answers)
    page = HitPage[Any](items=window(items, paging.limit, paging.offset), total=len(items), referral=referral)
    return page_response(request, page, paging.limit, paging.offset)


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
