"""What the middleware reads of a request, in one pass over its headers, and the request id it answers with."""

# A field the middleware or a route reads has one reading: repeated lines of a list-based field are combined in order
# (RFC 9110 5.3), and a repeated singleton field is refused.

import os
import re
from dataclasses import dataclass

REQUEST_ID = re.compile(rb"^[A-Za-z0-9._:-]{1,64}$")
CONNECTION_FIELD = b"lnst-gate-connection"  # added by the request gate: which connection to tell when answered
REFUSAL_FIELD = b"lnst-gate-refusal"  # added by the request gate: "STATUS detail" for a head it would not pass on
GATE_REFUSAL = (
    "lnst.gate_refusal"  # the scope's key for that refusal, (status, detail), once app/server/gate_fields.py took it off
)
LIST_FIELDS = frozenset(  # read here or by a route, and lists by RFC 9110: repeated lines are one comma-joined value
    {b"accept", b"accept-encoding", b"if-none-match", b"x-forwarded-for", b"x-forwarded-proto", b"connection"}
)
SINGLE_FIELDS = frozenset(  # read here, by a route or by uvicorn, and singletons: a second line is refused
    {b"host", b"if-modified-since", b"origin", b"x-request-id", b"access-control-request-method", b"content-length"}
)


@dataclass(slots=True)
class RequestHead:
    """The request headers the middleware acts on, with the size of all of them."""

    accept_encoding: bytes = b""
    accept: bytes = b""
    if_none_match: bytes | None = None
    if_modified_since: bytes | None = None
    origin: bytes | None = None
    request_id: bytes | None = None
    preflight: bytes | None = None
    header_bytes: int = 0
    has_body: bool = False
    repeated: bytes | None = None  # a singleton field sent more than once
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
    """Scan the raw headers once (a repeated field read here sends the whole list through one_reading)."""
    head = RequestHead()
    size, seen = 0, set()
    for name, value in headers:
        size += len(name) + len(value) + 4
        field = FIELDS.get(name)
        if field is not None:
            if field in seen:
                return read_repeated(headers)
            seen.add(field)
            setattr(head, field, value)
        elif name == b"content-length":
            head.has_body = head.has_body or value.strip() != b"0"
        elif name == b"transfer-encoding":
            head.has_body = True
        elif name in FORWARDED:
            head.forwarded = True
    head.header_bytes = size
    return head


def read_repeated(headers: list[tuple[bytes, bytes]]) -> RequestHead:
    """The head of a request with repeated fields: the list is rewritten in place to its one reading, then read."""
    combined, repeated = one_reading(headers)
    headers[:] = combined
    head = read_head(combined) if repeated is None else RequestHead()
    head.repeated = repeated
    head.header_bytes = max(head.header_bytes, sum(len(name) + len(value) + 4 for name, value in combined))
    return head


def one_reading(fields: list[tuple[bytes, bytes]]) -> tuple[list[tuple[bytes, bytes]], bytes | None]:
    """The fields with each list-based one combined into its first line, in order; and a singleton sent twice, if any."""
    seen: dict[bytes, int] = {}
    combined: list[tuple[bytes, bytes]] = []
    for name, value in fields:
        if name not in seen or name not in LIST_FIELDS:
            if name in seen and name in SINGLE_FIELDS:
                return fields, name
            seen[name] = len(combined)
            combined.append((name, value))
        elif value:
            at = seen[name]
            earlier = combined[at][1]
            combined[at] = (name, earlier + b", " + value if earlier else value)
    return combined, None


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
