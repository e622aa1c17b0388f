"""One answer as sent in one content-coding: compression, validators, caching and security headers, and 304."""

import gzip
import hashlib
from dataclasses import dataclass
from email.utils import formatdate, parsedate_to_datetime

import brotli

Headers = list[tuple[bytes, bytes]]

MIN_COMPRESSED_BYTES = 1024
GZIP_LEVEL = 6
BROTLI_QUALITY = 6
COMPRESSIBLE = (b"application/json", b"application/problem+json", b"application/ld+json", b"text/", b"application/javascript")
NO_STORE_PATHS = {"/healthz", "/readyz"}
NOSNIFF = (b"x-content-type-options", b"nosniff")
# Pages (the API docs) get a content security policy that allows this server only. JSON is public data that no
# browser renders as a page once nosniff holds, so a policy there would cost a header for nothing. A page that
# sets its own, stricter policy keeps it.
PAGE_CSP = (
    b"content-security-policy",
    b"default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    b"connect-src 'self'; worker-src 'self' blob:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
)


@dataclass(frozen=True, slots=True)
class Validators:
    """What every 200 of one dataset carries: the version in its ETag, Last-Modified and Cache-Control."""

    version: bytes
    modified: int
    last_modified: bytes
    cache_control: bytes

    @classmethod
    def of(cls, version: str, modified: float, max_age: int) -> "Validators":
        """The validators of a loaded dataset."""
        return cls(
            version.encode(), int(modified), formatdate(int(modified), usegmt=True).encode(), b"public, max-age=%d" % max_age
        )


@dataclass(frozen=True, slots=True)
class Representation:
    """One content-coding of one answer: headers, body, entity tag, 304 headers, and both header lists as written."""

    status: int
    headers: Headers  # less the request id and CORS
    body: bytes
    etag: bytes | None
    not_modified_headers: Headers
    wire: bytes  # headers as HTTP/1.1 writes them
    not_modified_wire: bytes


def represent(status: int, headers: Headers, body: bytes, path: str, coding: str, validators: Validators) -> Representation:
    """The answer as sent in this coding: compressed if worth it, with validators, Vary and security headers."""
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
    has_policy = any(name == b"content-security-policy" for name, _ in kept)
    common = [NOSNIFF, PAGE_CSP] if content_type.startswith(b"text/html") and not has_policy else [NOSNIFF]
    etag = None
    if status == 200:
        etag = b'"' + validators.version + b"-" + hashlib.blake2b(body, digest_size=9).hexdigest().encode() + b'"'
        cache_control = b"no-store" if path in NO_STORE_PATHS else validators.cache_control
        caching = [(b"cache-control", cache_control), (b"etag", etag), (b"last-modified", validators.last_modified)]
    else:
        caching = [(b"cache-control", b"no-store")]
    not_modified = [(n, v) for n, v in kept if n == b"vary"] + caching + common
    full = kept + caching + common + [(b"content-length", str(len(body)).encode())]
    return Representation(status, full, body, etag, not_modified, wire(full), wire(not_modified))


def wire(headers: Headers) -> bytes:
    """Header lines as uvicorn writes them: `name: value` and CRLF each, names in lower case."""
    return b"".join(b"%s: %s\r\n" % (name.lower(), value) for name, value in headers)


def not_modified(etag: bytes, modified: int, if_none_match: bytes | None, if_modified_since: bytes | None) -> bool:
    """Whether a conditional GET may be answered 304: If-None-Match decides when present (RFC 9110 13.2.2)."""
    if if_none_match is not None:
        return etag_matches(if_none_match, etag)
    if if_modified_since is not None:
        try:
            since = parsedate_to_datetime(if_modified_since.decode("latin-1")).timestamp()
        except (TypeError, ValueError, IndexError, OverflowError):
            return False
        return modified <= since
    return False


def etag_matches(if_none_match: bytes, etag: bytes) -> bool:
    """Weak comparison (RFC 9110) of an If-None-Match value against this representation's entity tag."""
    value = if_none_match.strip()
    if value == b"*":
        return True
    return any(candidate.strip().removeprefix(b"W/") == etag for candidate in value.split(b","))
