"""What the edge reads of a request, in one pass over its headers, and the request id it answers with."""

import os
import re
from dataclasses import dataclass

REQUEST_ID = re.compile(rb"^[A-Za-z0-9._:-]{1,64}$")


@dataclass(slots=True)
class RequestHead:
    """The request headers the edge acts on, with the size of all of them."""

    accept_encoding: bytes = b""
    accept: bytes = b""
    if_none_match: bytes | None = None
    if_modified_since: bytes | None = None
    origin: bytes | None = None
    request_id: bytes | None = None
    preflight: bytes | None = None
    header_bytes: int = 0
    has_body: bool = False
    forwarded: bool = False  # X-Forwarded-For or -Proto: the server's proxy layer may change the client and scheme

    @property
    def conditional(self) -> bool:
        """Whether the request carries a validator."""
        return self.if_none_match is not None or self.if_modified_since is not None


FIELDS = {
    b"accept-encoding": "accept_encoding",
    b"accept": "accept",
    b"if-none-match": "if_none_match",
    b"if-modified-since": "if_modified_since",
    b"origin": "origin",
    b"x-request-id": "request_id",
    b"access-control-request-method": "preflight",
}


FORWARDED = (b"x-forwarded-for", b"x-forwarded-proto")


def read_head(headers: list[tuple[bytes, bytes]]) -> RequestHead:
    """Scan the raw headers once."""
    head = RequestHead()
    size = 0
    for name, value in headers:
        size += len(name) + len(value) + 4
        field = FIELDS.get(name)
        if field is not None:
            setattr(head, field, value)
        elif name == b"content-length":
            head.has_body = head.has_body or value.strip() != b"0"
        elif name == b"transfer-encoding":
            head.has_body = True
        elif name in FORWARDED:
            head.forwarded = True
    head.header_bytes = size
    return head


class RequestIds:
    """Request ids: the client's own if it is 1-64 characters of A-Za-z0-9._:-, else a new one unique to this process."""

    def __init__(self) -> None:
        self.prefix = os.urandom(4).hex().encode() + b"-"
        self.counter = 0

    def resolve(self, given: bytes | None) -> bytes:
        """The id to answer with."""
        if given is not None and REQUEST_ID.match(given):
            return given
        self.counter += 1
        return self.prefix + b"%x" % self.counter
