"""Requests refused before routing: too long a target or headers, a repeated singleton, a stray body or OPTIONS."""

from starlette.routing import Match
from starlette.types import Scope

from app.web.middleware.request import RequestHead

MAX_TARGET_BYTES = 16 * 1024  # path and query as sent (a 1,000-character Chinese q is 9 KB encoded)
MAX_HEADER_BYTES = 32 * 1024  # all request header lines together
MAX_HEADER_COUNT = 100  # request header lines (Apache's default limit)


def refusal(scope: Scope, head: RequestHead) -> tuple[int, str] | None:
    """The status and detail to refuse this request with, or None to let it through."""
    path, method = scope["path"], scope["method"]
    if len(scope.get("raw_path") or path.encode()) + len(scope["query_string"]) > MAX_TARGET_BYTES:
        return 414, f"The path and query may be at most {MAX_TARGET_BYTES} bytes."
    if head.repeated is not None:
        return 400, f"The {head.repeated.decode()} header field may be sent once (RFC 9110 5.3)."
    if head.header_bytes > MAX_HEADER_BYTES or len(scope["headers"]) > MAX_HEADER_COUNT:
        return 431, f"At most {MAX_HEADER_COUNT} request headers of {MAX_HEADER_BYTES} bytes in all are accepted."
    if head.has_body and method in ("GET", "HEAD", "OPTIONS"):
        return 400, f"{method} takes no request body: send no Content-Length or Transfer-Encoding."
    if method == "OPTIONS" and path != "*" and not serves(scope):
        return 404, f"Nothing is served at {path}: see /v1 for the collections."
    return None


def serves(scope: Scope) -> bool:
    """Whether some route of the application answers GET on this path (whatever its parameters turn out to hold)."""
    probe = {"type": "http", "method": "GET", "path": scope["path"], "root_path": "", "headers": []}
    return any(route.matches(probe)[0] is not Match.NONE for route in scope["app"].router.routes)
