"""What routes take from a request: the loaded store and the shared query parameters."""

from dataclasses import dataclass
from typing import Annotated, Literal

from fastapi import Depends, Header, Query, Request

from app.store import Store


async def get_store(request: Request) -> Store:
    """The loaded store (async: a plain def would cost a thread hop)."""
    store: Store = request.app.state.store
    return store


StoreDep = Annotated[Store, Depends(get_store)]
Limit = Annotated[int | None, Query(ge=1, le=1000, description="最多返回条数 / At most this many items (default: all).")]
Offset = Annotated[int, Query(ge=0, le=100_000, description="跳过条数 / Skip this many items first.")]
Format = Annotated[
    Literal["json", "csv"] | None,
    Query(description="json 或 csv（省略时按 Accept 头）/ json or csv (when absent, the Accept header decides)."),
]
AcceptHeader = Annotated[str | None, Header(include_in_schema=False)]

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


@dataclass(frozen=True)
class Paging:
    """limit and offset."""

    limit: int | None
    offset: int


@dataclass(frozen=True)
class ListQuery:
    """What a list that searches and speaks CSV takes: q, limit, offset, format (and Accept)."""

    q: str | None
    limit: int | None
    offset: int
    format: str | None
    accept: str | None


async def paging(limit: Limit = None, offset: Offset = 0) -> Paging:
    """limit and offset (async: a class as a dependency would be called in the thread pool)."""
    return Paging(limit, offset)


async def list_query(
    q: Q = None, limit: Limit = None, offset: Offset = 0, format: Format = None, accept: AcceptHeader = None
) -> ListQuery:
    """q, limit, offset, format and Accept, as one value."""
    return ListQuery(q, limit, offset, format, accept)


PagingDep = Annotated[Paging, Depends(paging)]
ListQueryDep = Annotated[ListQuery, Depends(list_query)]
