"""The static files of a page (the docs pages, the explorer): served by name from an allow-list, read once."""

from collections.abc import Callable
from functools import cache
from importlib.resources.abc import Traversable

from fastapi.responses import Response
from starlette.exceptions import HTTPException


class Assets:
    """A page's files: where each is, which may be asked for by name, and the media type of each suffix."""

    def __init__(self, locate: Callable[[str], Traversable], served: tuple[str, ...], media_types: dict[str, str]) -> None:
        self.read: Callable[[str], bytes] = cache(lambda name: locate(name).read_bytes())
        self.served = served
        self.media_types = media_types

    def response(self, name: str) -> Response:
        """One file, if it is on the allow-list, typed by its suffix; else 404."""
        if name not in self.served:
            raise HTTPException(404)
        return Response(self.read(name), media_type=self.media_types[name[name.rindex(".") :]])
