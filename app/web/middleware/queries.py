"""The query as a route reads it: only the parameters the route declares, sorted by name (repeats kept in order)."""

# The names come from the routes themselves: after the first answer routed for a path, from the route FastAPI matched
# (`scope["route"]`), its own query parameters and those of its dependencies, such as `ListQuery`. Until a path has been
# routed once, its query is left as sent.

from typing import Any
from urllib.parse import unquote_plus

from starlette.types import Scope

MAX_PATHS = 4096  # paths remembered; emptied when full (a flood of new paths costs a re-learning)
MAX_QUERIES = 4096  # canonical forms remembered; emptied when full
MAX_REMEMBERED_BYTES = 1024 * 1024  # of the paths and queries remembered, together; emptied when past it
MAX_QUERY_BYTES = 1024  # longer queries are put in canonical form every time, not remembered
UNKNOWN: Any = object()  # a route not looked at yet


class DeclaredQueries:
    """The query parameter names each routed path declares (None: leave its query as sent)."""

    def __init__(self) -> None:
        self.by_path: dict[str, frozenset[str] | None] = {}
        self.by_route: dict[int, frozenset[str] | None] = {}
        self.seen: dict[tuple[str, bytes], bytes] = {}  # queries already put in canonical form
        self.remembered = 0  # bytes of paths and queries in by_path and seen

    def canonical(self, path: str, query: bytes) -> bytes:
        """The query as the route of this path reads it; as sent while the path has not been routed yet."""
        if not query:
            return query
        kept = self.seen.get((path, query))
        if kept is None:
            names = self.by_path.get(path)
            if names is None:
                return query
            kept = canonical_query(query, names)
            if len(query) + len(path) <= MAX_QUERY_BYTES:
                if len(self.seen) >= MAX_QUERIES or self.remembered > MAX_REMEMBERED_BYTES:
                    self._forget()
                self.seen[path, query] = kept
                self.remembered += len(path) + len(query) + len(kept)
        return kept

    def _forget(self) -> None:
        """Empty what is remembered (paths are learned again from their next answer)."""
        self.seen.clear()
        self.by_path.clear()
        self.remembered = 0

    def learn(self, routed: Scope) -> bool:
        """Remember what the route that answered a GET declares; True if that changes how this query reads."""
        path = routed["path"]
        if routed["method"] != "GET" or path in self.by_path:
            return False
        if len(self.by_path) >= MAX_PATHS or self.remembered > MAX_REMEMBERED_BYTES:
            self._forget()
        self.remembered += len(path)
        route = routed.get("route")
        names = self.by_route.get(id(route), UNKNOWN)
        if names is UNKNOWN:
            names = self.by_route[id(route)] = declared_names(route)
        self.by_path[path] = names
        query = routed["query_string"]
        return names is not None and bool(query) and canonical_query(query, names) != query


def declared_names(route: Any) -> frozenset[str] | None:
    """The query parameter names a FastAPI route and its dependencies declare; None for anything else."""
    dependant = getattr(route, "dependant", None)
    if dependant is None:
        return None
    names: set[str] = set()
    pending = [dependant]
    while pending:
        current = pending.pop()
        for field in current.query_params:
            if hasattr(field.field_info.annotation, "model_fields"):  # a pydantic model of parameters: leave it be
                return None
            names.add(field.alias)
        pending.extend(current.dependencies)
    return frozenset(names)


def canonical_query(query: bytes, names: frozenset[str]) -> bytes:
    """Only the parts naming a declared parameter, sorted by name; each part's bytes and repeats' order kept."""
    parts = []
    for part in query.split(b"&"):
        if not part:
            continue
        raw = part.partition(b"=")[0].decode("latin-1")
        name = unquote_plus(raw) if "%" in raw or "+" in raw else raw  # as Starlette's parse_qsl reads it
        if name in names:
            parts.append((name, part))
    parts.sort(key=lambda named: named[0])
    return b"&".join(part for _, part in parts)
