"""HTTP semantics for every response (validators and 304, compression, CORS, security headers,
request ids, access log), and a response cache: the data never changes while the process runs, so
a 200 to a GET is kept, in bytes, and repeats are answered from it without entering the framework."""

import gzip
import hashlib
import json
import logging
import os
import re
import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from email.utils import formatdate, parsedate_to_datetime
from http import HTTPStatus
from typing import Any

import brotli
from starlette.types import Message, Receive, Scope, Send

from app.config import Settings
from app.schemas.public import ProblemPublic

Headers = list[tuple[bytes, bytes]]
Inner = Callable[[Scope, Receive, Send], Awaitable[None]]

MIN_COMPRESSED_BYTES = 1024
KEPT_OVERHEAD = 1024  # bytes a kept answer costs beyond its body: objects, header lists
GZIP_LEVEL = 6
BROTLI_QUALITY = 6
COMPRESSIBLE = (b"application/json", b"application/problem+json", b"application/ld+json", b"text/", b"application/javascript")
ALLOWED_METHODS = b"GET, HEAD, OPTIONS"
MAX_TARGET_BYTES = 16 * 1024  # path and query as sent (a 1,000-character Chinese q is 9 KB encoded); longer gets 414
MAX_HEADER_BYTES = 32 * 1024  # all request header lines together; more gets 431
MAX_HEADER_COUNT = 100  # request header lines; more gets 431 (Apache's default limit)
PROBLEM_JSON = "application/problem+json"
EXPOSED_HEADERS = b"ETag, Last-Modified, Link, X-Request-Id, Content-Encoding"
ALLOWED_REQUEST_HEADERS = b"Accept, Accept-Language, If-None-Match, If-Modified-Since, X-Request-Id, Content-Type"
REQUEST_ID = re.compile(rb"^[A-Za-z0-9._:-]{1,64}$")
NO_STORE_PATHS = {"/healthz", "/readyz"}
NOSNIFF = (b"x-content-type-options", b"nosniff")
# Pages (the API docs) get a content security policy that allows this server only: their assets are
# local, so a page that tried to reach a CDN would fail loudly. A page whose route set its own policy
# (the explorer's, stricter) keeps it. JSON is public, unauthenticated data
# that no browser renders as a page once nosniff holds, so a policy there would cost a header for nothing.
PAGE_CSP = (
    b"content-security-policy",
    b"default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    b"connect-src 'self'; worker-src 'self' blob:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
)
EXPOSE = (b"access-control-expose-headers", EXPOSED_HEADERS)

access_logger = logging.getLogger("lnst_api.access")
error_logger = logging.getLogger("lnst_api")


class Representation:
    """One content-coding of one response: headers (less the request id), body, entity tag."""

    __slots__ = ("status", "headers", "body", "etag", "not_modified_headers")

    def __init__(self, status: int, headers: Headers, body: bytes, etag: bytes | None, not_modified_headers: Headers) -> None:
        self.status = status
        self.headers = headers
        self.body = body
        self.etag = etag
        self.not_modified_headers = not_modified_headers


class Entry:
    """What a route answered to one GET, and its representations by content-coding, made on demand."""

    __slots__ = ("status", "headers", "body", "path", "variants")

    def __init__(self, status: int, headers: Headers, body: bytes, path: str) -> None:
        self.status = status
        self.headers = headers
        self.body = body
        self.path = path
        self.variants: dict[str, Representation] = {}


class HttpLayer:
    """Wraps the application: every response leaves through the same representation logic."""

    def __init__(self, settings: Settings, inner: Inner, serves: Callable[[str], bool]) -> None:
        self.settings = settings
        self.inner = inner
        self.serves = serves  # whether a route answers this path (for OPTIONS)
        self.log = settings.access_log
        self.any_origin = settings.cors_origins == ["*"]
        self.origins = {origin.encode() for origin in settings.cors_origins}
        self.cache_control = f"public, max-age={settings.cache_max_age}".encode()
        self.cache_limit = settings.response_cache_mb * 1024 * 1024 if settings.fast_path else 0
        self.cache: OrderedDict[tuple[str, bytes], Entry] = OrderedDict()
        self.cache_bytes = 0
        self.codings: dict[bytes, str] = {}
        self.accept_varying: set[str] = set()  # paths whose answer depends on Accept: their cache key holds it
        self.id_prefix = os.urandom(4).hex().encode() + b"-"
        self.counter = 0
        self.version = b""
        self.last_modified = b""
        self.modified = 0

    def start(self, version: str, modified: float) -> None:
        """Arm the layer once the data is loaded: the validators every 200 carries."""
        self.version = version.encode()
        self.modified = int(modified)
        self.last_modified = formatdate(self.modified, usegmt=True).encode()
        self.cache.clear()
        self.cache_bytes = 0

    async def handle(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Answer one HTTP request."""
        started = time.perf_counter() if self.log else 0.0
        accept_encoding = accept = b""
        if_none_match = if_modified_since = origin = request_id = preflight = None
        header_bytes, has_body = 0, False
        for name, value in scope["headers"]:
            header_bytes += len(name) + len(value) + 4
            if name == b"accept-encoding":
                accept_encoding = value
            elif name == b"accept":
                accept = value
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
            elif name == b"content-length":
                has_body = has_body or value.strip() != b"0"
            elif name == b"transfer-encoding":
                has_body = True
        if request_id is None or not REQUEST_ID.match(request_id):
            self.counter += 1
            request_id = self.id_prefix + b"%x" % self.counter
        method = scope["method"]
        refusal = self._refusal(scope, header_bytes, has_body)
        if method == "OPTIONS" and refusal is None:
            status, size = await self._options(send, origin, preflight, request_id)
        else:
            path = scope["path"]
            key = self._key(path, scope["query_string"], accept)
            entry = refusal or (self.cache.get(key) if method == "GET" or method == "HEAD" else None)
            if refusal is None and entry is not None:
                self.cache.move_to_end(key)
            elif entry is None:
                entry = await self._route(scope, receive, accept)
                key = self._key(path, scope["query_string"], accept)  # the route may just have shown it varies
            coding = self.codings.get(accept_encoding) or self.coding(accept_encoding)
            representation = entry.variants.get(coding) or self._variant(entry, coding, key)
            extra = [(b"x-request-id", request_id)]
            if origin is not None and (self.any_origin or origin in self.origins):
                extra += [(b"access-control-allow-origin", b"*" if self.any_origin else origin), EXPOSE]
            conditional = if_none_match is not None or if_modified_since is not None
            if (
                conditional
                and representation.etag is not None
                and self._not_modified(representation.etag, if_none_match, if_modified_since)
            ):
                status, headers, body = 304, representation.not_modified_headers, b""
            else:
                status, headers = representation.status, representation.headers
                body = b"" if method == "HEAD" else representation.body
            size = len(body)
            await send({"type": "http.response.start", "status": status, "headers": headers + extra})
            await send({"type": "http.response.body", "body": body})
        if self.log:
            self._log(scope, request_id, status, size, started)

    def _key(self, path: str, query: bytes, accept: bytes) -> tuple[str, bytes]:
        """Where an answer is kept: by path and query, and by Accept too where the path's answers vary on it."""
        return (path, query + b"\0" + accept) if path in self.accept_varying else (path, query)

    def _refusal(self, scope: Scope, header_bytes: int, has_body: bool) -> Entry | None:
        """A problem answer for a request refused before routing: too long, too many headers, a body, no such path."""
        path, method = scope["path"], scope["method"]
        if len(scope.get("raw_path") or path.encode()) + len(scope["query_string"]) > MAX_TARGET_BYTES:
            status, detail = 414, f"The path and query may be at most {MAX_TARGET_BYTES} bytes."
        elif header_bytes > MAX_HEADER_BYTES or len(scope["headers"]) > MAX_HEADER_COUNT:
            status, detail = 431, f"At most {MAX_HEADER_COUNT} request headers of {MAX_HEADER_BYTES} bytes in all are accepted."
        elif has_body and method in ("GET", "HEAD", "OPTIONS"):
            status, detail = 400, f"{method} takes no request body: send no Content-Length or Transfer-Encoding."
        elif method == "OPTIONS" and path != "*" and not self.serves(path):
            status, detail = 404, f"Nothing is served at {path}: see /v1 for the collections."
        else:
            return None
        headers = [(b"content-type", PROBLEM_JSON.encode())]
        return Entry(status, headers, problem_body(status, detail, path[:200]), path)

    def coding(self, accept_encoding: bytes) -> str:
        """The content-coding to send for an Accept-Encoding value (br, gzip or identity)."""
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
        vary.append(b"Origin")
        kept.append((b"vary", b", ".join(vary)))
        own_policy = any(name == b"content-security-policy" for name, _ in kept)  # the explorer sets a stricter one
        common = [NOSNIFF, PAGE_CSP] if content_type.startswith(b"text/html") and not own_policy else [NOSNIFF]
        etag = None
        if status == 200:
            etag = b'"' + self.version + b"-" + hashlib.blake2b(body, digest_size=9).hexdigest().encode() + b'"'
            cache_control = b"no-store" if path in NO_STORE_PATHS else self.cache_control
            caching = [(b"cache-control", cache_control), (b"etag", etag), (b"last-modified", self.last_modified)]
        else:
            caching = [(b"cache-control", b"no-store")]
        not_modified = [(n, v) for n, v in kept if n == b"vary"] + caching + common
        full = kept + caching + common + [(b"content-length", str(len(body)).encode())]
        return Representation(status, full, body, etag, not_modified)

    async def _route(self, scope: Scope, receive: Receive, accept: bytes) -> Entry:
        """Ask the application, and keep a 200 to a GET unless it varies on request headers other than Accept."""
        captured: dict[str, Any] = {"status": 500, "headers": [], "body": []}

        async def capture(message: Message) -> None:
            if message["type"] == "http.response.start":
                captured["status"] = message["status"]
                captured["headers"] = list(message.get("headers", []))
            elif message["type"] == "http.response.body":
                captured["body"].append(message.get("body", b""))

        method = scope["method"]
        try:
            await self.inner({**scope, "method": "GET"} if method == "HEAD" else scope, receive, capture)
        except Exception:
            error_logger.exception("unhandled error on %s %s", method, scope["path"])
        path = scope["path"]
        entry = Entry(captured["status"], captured["headers"], b"".join(captured["body"]), path)
        vary = [value.lower() for name, value in entry.headers if name == b"vary"]
        if vary == [b"accept"]:
            self.accept_varying.add(path)
        if (
            entry.status == 200
            and method in ("GET", "HEAD")
            and vary in ([], [b"accept"])
            and len(entry.body) * 2 < self.cache_limit
        ):
            self.cache[self._key(path, scope["query_string"], accept)] = entry
            self._account(len(entry.body) + KEPT_OVERHEAD)
        return entry

    def _variant(self, entry: Entry, coding: str, key: tuple[str, bytes]) -> Representation:
        representation = self.represent(entry.status, entry.headers, entry.body, entry.path, coding)
        if self.cache.get(key) is entry:
            entry.variants[coding] = representation
            self._account(len(representation.body) + KEPT_OVERHEAD)
        return representation

    def _account(self, added: int) -> None:
        self.cache_bytes += added
        while self.cache_bytes > self.cache_limit and self.cache:
            _, evicted = self.cache.popitem(last=False)
            kept = [evicted.body, *(variant.body for variant in evicted.variants.values())]
            self.cache_bytes -= sum(len(body) + KEPT_OVERHEAD for body in kept)

    def _not_modified(self, etag: bytes, if_none_match: bytes | None, if_modified_since: bytes | None) -> bool:
        if if_none_match is not None:
            return etag_matches(if_none_match, etag)
        if if_modified_since is not None:
            try:
                since = parsedate_to_datetime(if_modified_since.decode("latin-1")).timestamp()
            except (TypeError, ValueError, IndexError, OverflowError):
                return False
            return self.modified <= since
        return False

    async def _options(self, send: Send, origin: bytes | None, preflight: bytes | None, request_id: bytes) -> tuple[int, int]:
        headers: Headers = [(b"allow", ALLOWED_METHODS), (b"x-request-id", request_id), NOSNIFF]
        allowed_origin = b"*" if self.any_origin else (origin if origin in self.origins else None)
        if origin is not None and preflight is not None and allowed_origin is not None:
            headers += [
                (b"access-control-allow-origin", allowed_origin),
                (b"access-control-allow-methods", ALLOWED_METHODS),
                (b"access-control-allow-headers", ALLOWED_REQUEST_HEADERS),
                (b"access-control-max-age", str(self.settings.cors_max_age).encode()),
            ]
        headers += [(b"vary", b"Origin"), (b"content-length", b"0")]
        await send({"type": "http.response.start", "status": 204, "headers": headers})
        await send({"type": "http.response.body", "body": b""})
        return 204, 0

    def _log(self, scope: Scope, request_id: bytes, status: int, size: int, started: float) -> None:
        client = scope.get("client") or ("", 0)
        record = {
            "time": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
            "request_id": request_id.decode(),
            "client": client[0],
            "method": scope["method"],
            "path": scope["path"],
            "query": scope["query_string"].decode("latin-1"),
            "status": status,
            "bytes": size,
            "duration_ms": round((time.perf_counter() - started) * 1000, 3),
        }
        access_logger.info(json.dumps(record, ensure_ascii=False))


def problem_body(status: int, detail: str, instance: str, **extra: Any) -> bytes:
    """The API's one error body: an RFC 9457 problem, as JSON."""
    problem = ProblemPublic(
        type="about:blank", title=HTTPStatus(status).phrase, status=status, detail=detail, instance=instance, **extra
    )
    return problem.model_dump_json(exclude_none=True).encode()


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
    return any(candidate.strip().removeprefix(b"W/") == etag for candidate in value.split(b","))
