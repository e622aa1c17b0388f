"""CORS: the headers a cross-origin GET gets, and the answer to OPTIONS (a preflight, or a plain question)."""

from starlette.types import Send

from app.web.problems import ALLOWED_METHODS

Headers = list[tuple[bytes, bytes]]

EXPOSED_HEADERS = b"ETag, Last-Modified, Link, X-Request-Id, Content-Encoding"
ALLOWED_REQUEST_HEADERS = b"Accept, Accept-Language, If-None-Match, If-Modified-Since, X-Request-Id, Content-Type"
METHODS = ALLOWED_METHODS.encode()
NOSNIFF = (b"x-content-type-options", b"nosniff")


class Cors:
    """Any origin (["*"]) or a list of origins; no credentials."""

    def __init__(self, origins: list[str], max_age: int) -> None:
        self.any_origin = origins == ["*"]
        self.origins = {origin.encode() for origin in origins}
        self.max_age = str(max_age).encode()

    def allowed(self, origin: bytes | None) -> bytes | None:
        """The Access-Control-Allow-Origin value for this origin, or None if it is not allowed."""
        if origin is None:
            return None
        if self.any_origin:
            return b"*"
        return origin if origin in self.origins else None

    def simple(self, origin: bytes | None) -> Headers:
        """Headers for a cross-origin GET or HEAD: none unless the request names an allowed origin."""
        allowed = self.allowed(origin)
        if allowed is None:
            return []
        return [(b"access-control-allow-origin", allowed), (b"access-control-expose-headers", EXPOSED_HEADERS)]

    async def answer_options(self, send: Send, origin: bytes | None, preflight: bytes | None, request_id: bytes) -> None:
        """204 with Allow; with the CORS grant too when it is a preflight from an allowed origin."""
        headers: Headers = [(b"allow", METHODS), (b"x-request-id", request_id), NOSNIFF]
        allowed = self.allowed(origin)
        if preflight is not None and allowed is not None:
            headers += [
                (b"access-control-allow-origin", allowed),
                (b"access-control-allow-methods", METHODS),
                (b"access-control-allow-headers", ALLOWED_REQUEST_HEADERS),
                (b"access-control-max-age", self.max_age),
            ]
        headers += [(b"vary", b"Origin"), (b"content-length", b"0")]
        await send({"type": "http.response.start", "status": 204, "headers": headers})
        await send({"type": "http.response.body", "body": b""})
