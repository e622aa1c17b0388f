"""Pieces every router shares: the store dependency, JSON rendering and paging."""

from typing import Annotated, TypeVar

from fastapi import Depends, Query
from fastapi.responses import Response
from pydantic import BaseModel

from app.schemas.public import Page
from app.store import Store, get_store, render

Item = TypeVar("Item", bound=BaseModel)

StoreDep = Annotated[Store, Depends(get_store)]
Limit = Annotated[int | None, Query(ge=1, le=1000, description="最多返回条数 / At most this many items (default: all).")]
Offset = Annotated[int, Query(ge=0, le=100_000, description="跳过条数 / Skip this many items first.")]


def json_response(model: BaseModel) -> Response:
    """A 200 answer holding one response shape as UTF-8 JSON."""
    return Response(render(model), media_type="application/json")


def page_of(items: list[Item], limit: int | None, offset: int) -> Page[Item]:
    """One page of a list, with the total of the whole list."""
    end = None if limit is None else offset + limit
    return Page[Item](items=items[offset:end], total=len(items))
