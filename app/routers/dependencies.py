"""What routes take from a request: the loaded store and the shared query parameters."""

from dataclasses import dataclass
from typing import Annotated, Any, Literal

from fastapi import Depends, Header, Query, Request

from app.data.store import Store


async def get_store(request: Request) -> Store:
    """The loaded store (async: a plain def would cost a thread hop)."""
    store: Store = request.app.state.store
    return store


StoreDep = Annotated[Store, Depends(get_store)]
Limit = Annotated[int | None, Query(ge=1, le=1000, description="最多返回条数 / At most this many items (default: all).")]
Offset = Annotated[int, Query(ge=0, le=100_000, description="跳过条数 / Skip this many items first.")]
# ?format= and Accept still choose CSV on the JSON list paths, as they always did; they are left out of the document, so a
# generated client calls the .csv operation instead and every operation answers one media type.
Format = Annotated[Literal["json", "csv"] | None, Query(include_in_schema=False)]
AcceptHeader = Annotated[str | None, Header(include_in_schema=False)]

# Printable text with at least one visible character: no control characters (NUL included) and no U+FFFD,
# which is what invalid UTF-8 or broken percent-encoding decodes to.
_PRINTABLE = r"[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffd]"
SEARCH_TEXT = rf"^{_PRINTABLE}*[^\s\x00-\x1f\x7f\ufffd]{_PRINTABLE}*$"


def search_words(documented: bool = True) -> Any:
    """The q parameter: 1-1000 characters of printable text."""
    return Query(
        min_length=1,
        max_length=1000,
        pattern=SEARCH_TEXT,
        description="检索词（可用繁体、简称、口语问句）/ Search words: Simplified or Traditional, abbreviations, "
        "plain questions.",
        examples=["高新技术企业认定归哪个处管"],
        include_in_schema=documented,
    )


Q = Annotated[str | None, search_words()]
RequiredQ = Annotated[str, search_words()]
OlderQ = Annotated[str | None, search_words(documented=False)]  # q on a list path: answered as that list's search operation


@dataclass(frozen=True)
class Paging:
    """limit and offset."""

    limit: int | None
    offset: int


@dataclass(frozen=True)
class Negotiation:
    """The older way to ask a JSON path for its CSV: ?format=csv, or Accept: text/csv."""

    format: str | None
    accept: str | None


@dataclass(frozen=True)
class ListQuery:
    """A searchable list's JSON operation: limit and offset, and the older q, ?format and Accept, still honoured."""

    limit: int | None
    offset: int
    q: str | None
    format: str | None
    accept: str | None


@dataclass(frozen=True)
class SearchQuery:
    """A search operation (q required) or a CSV operation (q optional: the rows ranked by it): q, limit and offset."""

    q: str | None
    limit: int | None
    offset: int


# Each dependency is an async function: a class as a dependency would be called in the thread pool.
async def paging(limit: Limit = None, offset: Offset = 0) -> Paging:
    """limit and offset."""
    return Paging(limit, offset)


async def negotiation(format: Format = None, accept: AcceptHeader = None) -> Negotiation:
    """?format and Accept, as one value."""
    return Negotiation(format, accept)


async def list_query(
    limit: Limit = None, offset: Offset = 0, q: OlderQ = None, format: Format = None, accept: AcceptHeader = None
) -> ListQuery:
    """limit and offset, and the older q, ?format and Accept, as one value."""
    return ListQuery(limit, offset, q, format, accept)


async def search_query(q: RequiredQ, limit: Limit = None, offset: Offset = 0) -> SearchQuery:
    """q (required), limit and offset."""
    return SearchQuery(q, limit, offset)


async def table_query(q: Q = None, limit: Limit = None, offset: Offset = 0) -> SearchQuery:
    """q (optional), limit and offset."""
    return SearchQuery(q, limit, offset)


PagingDep = Annotated[Paging, Depends(paging)]
NegotiationDep = Annotated[Negotiation, Depends(negotiation)]
ListQueryDep = Annotated[ListQuery, Depends(list_query)]
SearchQueryDep = Annotated[SearchQuery, Depends(search_query)]
TableQueryDep = Annotated[SearchQuery, Depends(table_query)]
