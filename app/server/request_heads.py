"""Request heads as the gate reads them: split off, checked against RFC 9112's grammar, written again for uvicorn."""

# A head is at most MAX_HEAD_BYTES. A raw UTF-8 target is percent-encoded (curl and many clients send it so), Upgrade is
# dropped (nothing here upgrades), repeated fields get one reading, and anything else the gate will not pass on becomes
# a bodiless refusal head: the middleware answers it as a problem, in its turn, and the connection closes.

import re
from typing import NamedTuple
from urllib.parse import unquote

import httptools

from app.server.connection_limits import PROBE_TARGETS
from app.web.middleware.guards import MAX_TARGET_BYTES
from app.web.middleware.request import CONNECTION_FIELD, REFUSAL_FIELD, one_reading

MAX_HEAD_BYTES = 64 * 1024  # a request line and its header lines, the unfinished one included
TOKEN = rb"[!#$%&'*+\-.^_`|~0-9A-Za-z]+"
REQUEST_LINE = re.compile(rb"(" + TOKEN + rb") ([\x21-\x7e\x80-\xff]+) HTTP/1\.([01])")
FIELD_LINE = re.compile(rb"(" + TOKEN + rb"):(.*)")
HOST = re.compile(rb"(?:[A-Za-z0-9\-._~!$&'()*+,;=%]*|\[[0-9A-Fa-f:.]+\])(?::[0-9]*)?")  # RFC 3986 host and port
NOT_IN_A_VALUE = re.compile(rb"[\x00-\x08\x0a-\x1f\x7f]")
RAW_BYTE = re.compile(rb"[\x80-\xff]")
NOT_IN_A_REQUEST_LINE = re.compile(rb"[\x00-\x0c\x0e-\x1f\x7f]")  # a request line is refused at its first such byte
NEVER_PASSED = {b"upgrade", b"http2-settings", CONNECTION_FIELD, REFUSAL_FIELD}
PLAIN_METHODS = {b"GET", b"HEAD", b"OPTIONS", b"POST", b"PUT", b"PATCH", b"DELETE", b"TRACE"}  # passed to the app
NO_BODY_METHODS = {b"GET", b"HEAD", b"OPTIONS"}
# Heads that passed are remembered as read: 256 of at most 1 KiB and 32 fields, about 2 MiB per worker at the most.
MAX_REMEMBERED, MAX_REMEMBERED_HEAD, MAX_REMEMBERED_FIELDS = 256, 1024, 32


REQUEST_LINE_FORM = "The request line must be: method, one space, target, one space, HTTP/1.1."


class Passed(NamedTuple):
    """A head that passed, as uvicorn is to read it, and what is needed to find its cached response."""

    head: bytes
    method: str
    path: str  # percent-decoded, as uvicorn puts it in the scope
    raw_path: bytes
    query: bytes
    fields: list[tuple[bytes, bytes]]
    plain: bool  # a GET or HEAD on HTTP/1.1 that keeps the connection: one the gate may send a cached response to


PASSED: dict[bytes, Passed] = {}  # remembered by the head as received


class Refused(Exception):
    """A head the gate will not pass on: the status and detail the middleware answers with."""

    def __init__(self, status: int, detail: str) -> None:
        super().__init__(detail)
        self.status = status
        self.detail = detail
        self.method, self.target = b"GET", b"/"  # of the request refused, once its line is read


class HeadReader:
    """One connection's received bytes, handed out one checked head at a time."""

    def __init__(self) -> None:
        self.buffer = bytearray()
        self.scanned = 0  # no head ends before this offset
        self.refused = False  # a refusal was handed out: nothing after it is read
        self.heads = 0
        self.passed: Passed | None = None  # the head handed out last, if it passed

    def feed(self, data: bytes) -> None:
        """Add what the client sent."""
        if not self.refused:
            self.buffer += data

    def next_head(self, overloaded: bool = False) -> bytes | None:
        """The next whole head as uvicorn is to read it (a refusal head if need be), or None while none is whole."""
        buffer = self.buffer
        if not buffer:
            return None
        while buffer.startswith(b"\r\n"):  # RFC 9112 2.2: empty lines before a request line are ignored
            del buffer[:2]
            self.scanned = 0
        end = buffer.find(b"\r\n\r\n", max(self.scanned - 3, 0))
        if end < 0:
            return self._early_refusal()
        if end + 4 > MAX_HEAD_BYTES:
            return self.too_large()
        if end + 4 == len(buffer):  # the usual case: one whole head received
            head = bytes(buffer)
            buffer.clear()
        else:
            head = bytes(buffer[: end + 4])
            del buffer[: end + 4]
        self.scanned = 0
        self.heads += 1
        try:
            self.passed = passed_head(head, overloaded)
            return self.passed.head
        except Refused as refusal:
            self.passed = None
            return self._refusal(refusal.method, refusal.target, refusal)

    def _early_refusal(self) -> bytes | None:
        """A refusal of an unfinished head whose request line is already not one (a TLS hello, a NUL); else None."""
        line_end = self.buffer.find(b"\r\n")
        line = self.buffer if line_end < 0 else self.buffer[:line_end]
        bad = NOT_IN_A_REQUEST_LINE.search(line, max(self.scanned - 1, 0)) or (line_end >= 0 and not REQUEST_LINE.fullmatch(line))
        self.scanned = len(self.buffer)
        return self._refusal(b"GET", b"/", Refused(400, REQUEST_LINE_FORM)) if bad else None

    def too_large(self) -> bytes:
        """The refusal of a head past MAX_HEAD_BYTES, whole or not: 414 for a target past the middleware's limit, else 431."""
        line_end = self.buffer.find(b"\r\n")
        if line_end < 0 or line_end > MAX_TARGET_BYTES:
            refusal = Refused(414, f"The path and query may be at most {MAX_TARGET_BYTES} bytes.")
        else:
            refusal = Refused(431, f"A request line and its header fields may be at most {MAX_HEAD_BYTES} bytes.")
        return self._refusal(b"GET", b"/", refusal)

    def _refusal(self, method: bytes, target: bytes, refusal: Refused) -> bytes:
        self.refused, self.passed = True, None
        self.buffer.clear()
        return refusal_head(method, target, refusal.status, refusal.detail)

    def overflowing(self) -> bool:
        """Whether the unfinished head has reached MAX_HEAD_BYTES (it cannot end within the limit any more)."""
        return len(self.buffer) >= MAX_HEAD_BYTES

    def waiting_bytes(self) -> int:
        """Bytes received and not yet handed out."""
        return len(self.buffer)

    def has_head(self) -> bool:
        """Whether a whole head is waiting."""
        return not self.refused and b"\r\n\r\n" in self.buffer

    def untouched(self) -> bool:
        """Nothing received yet on this connection."""
        return self.heads == 0 and not self.buffer


def passed_head(head: bytes, overloaded: bool = False) -> Passed:
    """The head to pass on (raw target bytes percent-encoded) and what finds its cached response; Refused if not."""
    # The heads that pass are remembered: clients repeat theirs exactly.
    passed = PASSED.get(head)
    if passed is not None and not overloaded:
        return passed
    passed = checked_head(head, overloaded)
    if len(head) <= MAX_REMEMBERED_HEAD and len(passed.fields) <= MAX_REMEMBERED_FIELDS and not overloaded:
        if len(PASSED) >= MAX_REMEMBERED:
            PASSED.clear()
        PASSED[head] = passed
    return passed


def checked_head(head: bytes, overloaded: bool) -> Passed:
    """passed_head(), without remembering."""
    lines = head[:-4].split(b"\r\n")
    request = REQUEST_LINE.fullmatch(lines[0])
    if request is None:
        raise Refused(400, REQUEST_LINE_FORM)
    method, target, minor = request.group(1), request.group(2), request.group(3)
    if RAW_BYTE.search(target):
        target = RAW_BYTE.sub(lambda byte: b"%%%02X" % byte.group()[0], target)
    try:
        fields = checked_fields(method, target, minor, lines[1:], overloaded)
    except Refused as refusal:
        refusal.method, refusal.target = method, target
        raise
    rewritten = b"%s %s HTTP/1.%s\r\n%s\r\n" % (method, target, minor, b"".join(b"%s: %s\r\n" % field for field in fields))
    raw_path, _, query = target.partition(b"?")
    if raw_path[:1] != b"/":  # absolute-form, or * for OPTIONS: uvicorn reads the path out of it
        url = httptools.parse_url(target)
        raw_path, query = url.path or raw_path, url.query or b""
    path = raw_path.decode("ascii")
    closing = any(name == b"connection" and b"close" in value.lower() for name, value in fields)
    plain = method in (b"GET", b"HEAD") and minor == b"1" and not closing
    return Passed(rewritten, method.decode(), unquote(path) if "%" in path else path, raw_path, query, fields, plain)


def readable_target(method: bytes, target: bytes) -> bool:
    """Whether the target is one of RFC 9112's forms that this server reads: a path, an absolute URL, * for OPTIONS."""
    if target == b"*":
        return method == b"OPTIONS"
    if b"#" in target or not (target[:1] == b"/" or target[:7] == b"http://" or target[:8] == b"https://"):
        return False
    try:
        return httptools.parse_url(target).path is not None
    except httptools.HttpParserInvalidURLError:
        return False


def checked_fields(method: bytes, target: bytes, minor: bytes, lines: list[bytes], overloaded: bool) -> list[tuple[bytes, bytes]]:
    """The header fields to pass on: one reading of each, Host as RFC 9112 asks, no body, no upgrade."""
    if method not in PLAIN_METHODS:
        raise Refused(405, f"{method.decode()} is not served: only GET, HEAD and OPTIONS are.")
    if not readable_target(method, target):
        raise Refused(400, "The request target must be a path (/...), an absolute URL with one, or * for OPTIONS.")
    if overloaded and target.partition(b"?")[0] not in PROBE_TARGETS:
        raise Refused(503, "Too many connections are open: try again shortly.")
    fields = [field(line) for line in lines]
    fields, repeated = one_reading(fields)
    if repeated is not None:
        raise Refused(400, f"The {repeated.decode()} header field may be sent once (RFC 9110 5.3).")
    names = [name for name, _ in fields]
    if minor == b"1" and b"host" not in names:
        raise Refused(400, "An HTTP/1.1 request must carry a Host header field (RFC 9112 3.2).")
    if any(name == b"host" and not HOST.fullmatch(value) for name, value in fields):
        raise Refused(400, "The Host header field must be a host name or address, with an optional port (RFC 9112 3.2).")
    if b"transfer-encoding" in names or any(name == b"content-length" and value != b"0" for name, value in fields):
        if method in NO_BODY_METHODS:
            raise Refused(400, f"{method.decode()} takes no request body: send no Content-Length or Transfer-Encoding.")
        raise Refused(405, f"{method.decode()} is not served: only GET, HEAD and OPTIONS are.")
    return [(name, value) for name, value in fields if name not in NEVER_PASSED]


def field(line: bytes) -> tuple[bytes, bytes]:
    """One header field line as (lower-case name, value); Refused if it is not one."""
    match = FIELD_LINE.fullmatch(line)
    if match is None or NOT_IN_A_VALUE.search(line):
        folded = line[:1] in (b" ", b"\t")
        raise Refused(400, "Header fields may not be folded (obs-fold)." if folded else "A header field line is malformed.")
    return match.group(1).lower(), match.group(2).strip(b" \t")


def refusal_head(method: bytes, target: bytes, status: int, detail: str) -> bytes:
    """A bodiless head the middleware refuses with this status and detail; the connection closes after its answer."""
    method = method if method in PLAIN_METHODS else b"GET"
    target = target if target[:1] == b"/" and len(target) <= 8192 else b"/"
    refusal = b"%d %s" % (status, detail.encode("ascii"))
    return b"%s %s HTTP/1.1\r\nhost: lnst-api\r\nconnection: close\r\n%s: %s\r\n\r\n" % (method, target, REFUSAL_FIELD, refusal)
