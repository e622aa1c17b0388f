"""HTTP semantics for every response (validators, compression, CORS, security headers, request ids,
access log) and a fast path that answers repeat GETs of canonical URLs with the bytes the route sent."""

import gzip
import hashlib
import json
import logging
import os
import re
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from email.utils import formatdate, parsedate_to_datetime
from typing import Any

import brotli
from starlette.types import Message, Receive, Scope, Send

from app.config import Settings

Headers = list[tuple[bytes, bytes]]
Inner = Callable[[Scope, Receive, Send], Awaitable[None]]

CODINGS = ("br", "gzip", "identity")
MIN_COMPRESSED_BYTES = 1024
GZIP_LEVEL = 6
BROTLI_QUALITY = 6
COMPRESSIBLE = (b"application/json", b"application/problem+json", b"application/ld+json", b"text/", b"application/javascript")
ALLOWED_METHODS = b"GET, HEAD, OPTIONS"
EXPOSED_HEADERS = b"ETag, Last-Modified, Link, X-Request-Id, Content-Length, Content-Encoding"
ALLOWED_REQUEST_HEADERS = (
    b"Accept, Accept-Encoding, Accept-Language, If-None-Match, If-Modified-Since, X-Request-Id, Content-Type"
)
REQUEST_ID = re.compile(rb"^[A-Za-z0-9._:-]{1,64}$")
NO_STORE_PATHS = {"/healthz", "/readyz"}
SECURITY_HEADERS: Headers = [
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-resource-policy", b"cross-origin"),
]
API_CSP = (b"content-security-policy", b"default-src 'none'; frame-ancestors 'none'")

access_logger = logging.getLogger("lnst_api.access")
error_logger = logging.getLogger("lnst_api")


@dataclass(frozen=True)
class Representation:
    """One content-coding of one response: its headers (less per-request ones) and body."""

    status: int
    headers: Headers
    body: bytes
    etag: bytes | None
    not_modified_headers: Headers


@dataclass(frozen=True)
class Request:
    """The request headers the HTTP layer acts on."""

    accept_encoding: bytes
    if_none_match: bytes | None
    if_modified_since: bytes | None
    origin: bytes | None
    request_id: bytes
    preflight_method: bytes | None

    @classmethod
    def of(cls, scope: Scope) -> "Request":
        """Read the headers that matter from an ASGI scope."""
        accept_encoding = b""
        if_none_match = if_modified_since = origin = preflight = request_id = None
        for name, value in scope["headers"]:
            if name == b"accept-encoding":
                accept_encoding = value
            elif name == b"if-none-match":
                if_none_match = value
            elif name == b"if-modified-since":
                if_modified_since = value
            elif name == b"origin":
                origin = value
            elif name == b"x-request-id":
                request_id = value
            elif name == b"access-control-request-method":
                preflight = value
        if request_id is None or not REQUEST_ID.match(request_id):
            request_id = os.urandom(8).hex().encode()
        return cls(accept_encoding, if_none_match, if_modified_since, origin, request_id, preflight)


class HttpLayer:
    """Wraps the application: every response leaves through `finish`, cached or not."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.any_origin = settings.cors_origins == ["*"]
        self.origins = {origin.encode() for origin in settings.cors_origins}
        self.cache_control = f"public, max-age={settings.cache_max_age}".encode()
        self.cacheable: frozenset[str] = frozenset()
        self.cache: dict[str, dict[str, Representation]] = {}
        self.codings: dict[bytes, str] = {}
        self.version = b""
        self.last_modified = b""
        self.modified = 0.0

    def start(self, version: str, modified: float, cacheable: frozenset[str]) -> None:
        """Arm the layer once the data is loaded: validators, and the URLs the fast path may keep."""
        self.version = version.encode()
        self.modified = int(modified)
        self.last_modified = formatdate(self.modified, usegmt=True).encode()
        self.cacheable = cacheable
        self.cache.clear()

    async def handle(self, scope: Scope, receive: Receive, send: Send, inner: Inner) -> None:
        """Answer one HTTP request."""
        started = time.perf_counter()
        request = Request.of(scope)
        method = scope["method"]
        status = 0
        size = 0
        try:
            if method == "OPTIONS":
                status, size = await self._options(scope, request, send, inner)
            else:
                path = scope["path"]
                entry = self.cache.get(path) if method in ("GET", "HEAD") and not scope["query_string"] else None
                if entry is not None:
                    status, size = await self._send(entry[self.coding(request.accept_encoding)], request, method, send)
                else:
                    status, size = await self._dynamic(scope, receive, send, request, inner)
        finally:
            if self.settings.access_log:
                self._log(scope, request, status, size, started)

    def coding(self, accept_encoding: bytes) -> str:
        """The content-coding to send for an Accept-Encoding value (br, gzip or identity)."""
        chosen = self.codings.get(accept_encoding)
        if chosen is None:
            chosen = negotiate_coding(accept_encoding)
            if len(self.codings) < 256:
                self.codings[accept_encoding] = chosen
        return chosen

    def represent(self, status: int, headers: Headers, body: bytes, path: str, coding: str) -> Representation:
        """The response as sent in one content-coding: validators, caching and security headers added."""
        content_type = next((value for name, value in headers if name == b"content-type"), b"")
        kept = [(n, v) for n, v in headers if n not in (b"content-length", b"vary")]
        vary = [v for n, v in headers if n == b"vary"]
        compressible = status == 200 and len(body) >= MIN_COMPRESSED_BYTES and content_type.startswith(COMPRESSIBLE)
        if compressible and coding != "identity":
            body = brotli.compress(body, quality=BROTLI_QUALITY) if coding == "br" else gzip.compress(body, GZIP_LEVEL, mtime=0)
            kept.append((b"content-encoding", coding.encode()))
        if compressible:
            vary.append(b"Accept-Encoding")
        if not self.any_origin:
            vary.append(b"Origin")
        if vary:
            kept.append((b"vary", b", ".join(vary)))
        etag = None
        common = list(SECURITY_HEADERS)
        if not content_type.startswith(b"text/html"):
            common.append(API_CSP)
        if self.any_origin:
            common += [(b"access-control-allow-origin", b"*"), (b"access-control-expose-headers", EXPOSED_HEADERS)]
        if status == 200:
            digest = hashlib.blake2b(body, digest_size=9).hexdigest().encode()
            etag = b'"' + self.version + b"-" + digest + b'"'
            no_store = path in NO_STORE_PATHS
            caching = [(b"cache-control", b"no-store" if no_store else self.cache_control), (b"etag", etag)]
            caching.append((b"last-modified", self.last_modified))
        else:
            caching = [(b"cache-control", b"no-store")]
        validators = [(n, v) for n, v in kept if n == b"vary"] + caching + common
        full = kept + caching + common + [(b"content-length", str(len(body)).encode())]
        return Representation(status, full, body, etag, validators)

    async def _send(self, representation: Representation, request: Request, method: str, send: Send) -> tuple[int, int]:
        extra = [(b"x-request-id", request.request_id)]
        if not self.any_origin and request.origin in self.origins:
            extra += [
                (b"access-control-allow-origin", request.origin or b""),
                (b"access-control-expose-headers", EXPOSED_HEADERS),
            ]
        if representation.etag is not None and self._not_modified(representation.etag, request):
            await send({"type": "http.response.start", "status": 304, "headers": representation.not_modified_headers + extra})
            await send({"type": "http.response.body", "body": b""})
            return 304, 0
        await send({"type": "http.response.start", "status": representation.status, "headers": representation.headers + extra})
        body = b"" if method == "HEAD" else representation.body
        await send({"type": "http.response.body", "body": body})
        return representation.status, len(body)

    def _not_modified(self, etag: bytes, request: Request) -> bool:
        if request.if_none_match is not None:
            return etag_matches(request.if_none_match, etag)
        if request.if_modified_since is not None:
            try:
                since = parsedate_to_datetime(request.if_modified_since.decode("latin-1")).timestamp()
            except (TypeError, ValueError, IndexError, OverflowError):
                return False
            return self.modified <= since
        return False

    async def _dynamic(self, scope: Scope, receive: Receive, send: Send, request: Request, inner: Inner) -> tuple[int, int]:
        method = scope["method"]
        captured: dict[str, Any] = {"status": 500, "headers": [], "body": []}

        async def capture(message: Message) -> None:
            if message["type"] == "http.response.start":
                captured["status"] = message["status"]
                captured["headers"] = list(message.get("headers", []))
            elif message["type"] == "http.response.body":
                captured["body"].append(message.get("body", b""))

        inner_scope = {**scope, "method": "GET"} if method == "HEAD" else scope
        try:
            await inner(inner_scope, receive, capture)
        except Exception:
            error_logger.exception("unhandled error on %s %s", method, scope["path"])
        status, headers, body = captured["status"], captured["headers"], b"".join(captured["body"])
        path = scope["path"]
        coding = self.coding(request.accept_encoding)
        if status == 200 and method in ("GET", "HEAD") and not scope["query_string"] and path in self.cacheable:
            entry = {c: self.represent(status, headers, body, path, c) for c in CODINGS}
            self.cache[path] = entry
            return await self._send(entry[coding], request, method, send)
        return await self._send(self.represent(status, headers, body, path, coding), request, method, send)

    async def _options(self, scope: Scope, request: Request, send: Send, inner: Inner) -> tuple[int, int]:
        headers: Headers = [(b"allow", ALLOWED_METHODS), (b"x-request-id", request.request_id), *SECURITY_HEADERS]
        allowed_origin = b"*" if self.any_origin else (request.origin if request.origin in self.origins else None)
        if request.origin is not None and request.preflight_method is not None and allowed_origin is not None:
            headers += [
                (b"access-control-allow-origin", allowed_origin),
                (b"access-control-allow-methods", ALLOWED_METHODS),
                (b"access-control-allow-headers", ALLOWED_REQUEST_HEADERS),
                (b"access-control-max-age", str(self.settings.cors_max_age).encode()),
            ]
            if not self.any_origin:
                headers.append((b"vary", b"Origin"))
        headers.append((b"content-length", b"0"))
        await send({"type": "http.response.start", "status": 204, "headers": headers})
        await send({"type": "http.response.body", "body": b""})
        return 204, 0

    def _log(self, scope: Scope, request: Request, status: int, size: int, started: float) -> None:
        client = scope.get("client") or ("", 0)
        record = {
            "time": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
            "request_id": request.request_id.decode(),
            "client": client[0],
            "method": scope["method"],
            "path": scope["path"],
            "query": scope["query_string"].decode("latin-1"),
            "status": status,
            "bytes": size,
            "duration_ms": round((time.perf_counter() - started) * 1000, 3),
        }
        access_logger.info(json.dumps(record, ensure_ascii=False))


def negotiate_coding(accept_encoding: bytes) -> str:
    """Pick br, gzip or identity from an Accept-Encoding header, honouring q-values."""
    weights: dict[str, float] = {}
    for part in accept_encoding.decode("latin-1").lower().split(","):
        name, _, parameters = part.strip().partition(";")
        quality = 1.0
        for parameter in parameters.split(";"):
            key, _, value = parameter.strip().partition("=")
            if key == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        if name:
            weights[name.strip()] = quality
    star = weights.get("*")
    best, best_quality = "identity", 0.0
    for coding in ("br", "gzip"):
        quality = weights.get(coding, star if star is not None else 0.0)
        if quality > best_quality:
            best, best_quality = coding, quality
    return best


def etag_matches(if_none_match: bytes, etag: bytes) -> bool:
    """Weak comparison (RFC 9110) of an If-None-Match value against this representation's entity tag."""
    value = if_none_match.strip()
    if value == b"*":
        return True
    for candidate in value.split(b","):
        tag = candidate.strip().removeprefix(b"W/")
        if tag == etag:
            return True
    return False
