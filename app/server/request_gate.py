"""The request gate: the protocol `lnst-api serve` gives uvicorn (its public `http=` option)."""

# Each connection's bytes pass the gate first: it reads every request head itself, within MAX_HEAD_BYTES and a deadline,
# and hands uvicorn's stock httptools protocol one whole, checked head at a time, the next once the middleware says the
# last was answered. A head it will not pass on becomes a bodiless request that the middleware refuses in the one
# problem format, in its turn and logged. Only asyncio's Protocol and Transport methods are used on the protocol inside.

import asyncio
import itertools
import logging
import time
from collections.abc import Callable, Iterable
from http import HTTPStatus
from typing import Any, cast

from uvicorn.config import HTTP_PROTOCOLS, Config
from uvicorn.importer import import_from_string
from uvicorn.server import ServerState

from app.server.connection_limits import ConnectionLimits
from app.server.request_heads import MAX_HEAD_BYTES, HeadReader, Passed
from app.web.middleware.representation import wire
from app.web.middleware.request import CONNECTION_FIELD

logger = logging.getLogger("lnst_api")

INNER: type[asyncio.Protocol] = import_from_string(HTTP_PROTOCOLS["httptools"])  # as uvicorn reads `--http httptools`
LINGER_SECONDS = 2.0  # after the last answer on a closing connection: how long the client's own close is awaited
FIRST_REQUEST_WAIT = 1.0  # a stopping worker waits this long for the first request of a connection accepted just before
TICK_SECONDS = 0.1  # how often the deadlines are checked
STATUS_LINES = {int(status): b"HTTP/1.1 %d %s\r\n" % (status, status.phrase.encode()) for status in HTTPStatus}
FindCachedResponse = Callable[[dict[str, Any]], tuple[int, bytes, bytes] | None]


class WorkerGates:
    """One worker's request gates by number, and what they share: the limits, the deadlines, the cached responses."""

    def __init__(self, limits: ConnectionLimits, head_timeout: float, keep_alive: float, send_timeout: float, grace: float):
        self.limits = limits
        self.head_timeout = head_timeout
        self.keep_alive = keep_alive
        self.send_timeout = send_timeout
        self.grace = grace
        self.by_number: dict[bytes, RequestGate] = {}
        self.numbers = itertools.count(1)
        self.cut = 0  # connections cut at the end of the grace period
        self.on_stop: Callable[[], None] = lambda: None
        self.ticking = False
        self.cached_response: FindCachedResponse | None = None  # the response cache's entries, sent by the gate itself
        self.server_headers: list[tuple[bytes, bytes]] = []
        self.server_lines = b""

    def server_lines_of(self, headers: list[tuple[bytes, bytes]]) -> bytes:
        """uvicorn's own header lines (Date), as written; it replaces the list once a second."""
        if headers is not self.server_headers:
            self.server_headers, self.server_lines = headers, wire(headers)
        return self.server_lines

    def answered(self, number: bytes) -> None:
        """The middleware has sent the whole answer to the request this gate passed on last."""
        gate = self.by_number.get(number)
        if gate is not None:
            gate.answered()

    def tick(self) -> None:
        """Close the connections past their deadline for a request head, oldest first; then again in a tick."""
        now, soonest = time.monotonic(), min(self.keep_alive, self.head_timeout)
        overdue = []
        for gate, since in self.limits.waiting.items():
            waited = now - since
            if waited < soonest:
                break
            if waited >= self.head_timeout or gate.idle:
                overdue.append(gate)
        for gate in overdue:
            gate.deadline_passed()
        asyncio.get_running_loop().call_later(TICK_SECONDS, self.tick)

    def start_ticking(self) -> None:
        """Check the deadlines from now on (once per worker)."""
        if not self.ticking:
            self.ticking = True
            asyncio.get_running_loop().call_later(TICK_SECONDS, self.tick)


def gate_class(gates: WorkerGates) -> type["RequestGate"]:
    """The protocol class to give uvicorn as `http=`, bound to one worker's gates."""
    return type("BoundRequestGate", (RequestGate,), {"gates": gates})


class ClosingConnection(asyncio.Protocol):
    """How a gated connection ends: at a deadline, lingering after its last answer, or cut (what it is sent is dropped)."""

    gates: WorkerGates
    transport: asyncio.Transport | None
    reader: HeadReader
    closing = lingering = stopping = reading_paused = False
    dropped = 0  # bytes received while closing

    def _drop(self, size: int) -> None:
        """Drop what a closing connection is still sent; past MAX_HEAD_BYTES, close it or pause it until answered."""
        # A client that sends on and on is not waited for.
        self.dropped += size
        if self.dropped > MAX_HEAD_BYTES and self.transport is not None and not self.transport.is_closing():
            if self.lingering:
                self.transport.close()
            elif not self.reading_paused:
                self.reading_paused = True
                self.transport.pause_reading()

    def deadline_passed(self) -> None:
        """No whole request head came in time (or none after an answer, within the keep-alive): close."""
        self.gates.limits.stop_waiting(self)
        if self.transport is not None and not self.transport.is_closing():
            self.transport.close()

    def linger(self) -> None:
        """Stop sending, and drop what the client still sends until it closes (RFC 9112 9.6): no answer is reset."""
        if self.lingering:
            return
        self.closing = self.lingering = True
        self.gates.limits.stop_waiting(self)
        transport = self.transport
        if transport is None or transport.is_closing():
            return
        if not transport.can_write_eof():
            transport.close()
            return
        transport.write_eof()
        if self.reading_paused:
            self.reading_paused = False
            transport.resume_reading()
        asyncio.get_running_loop().call_later(LINGER_SECONDS, transport.close)

    def _cut(self) -> None:
        """A client that reads nothing past the send deadline, or anything left at the grace period: abort."""
        if self.transport is not None and not self.transport.is_closing():
            if self.stopping and not self.lingering:  # a lingering one has had every answer
                self.gates.cut += 1
            self.transport.abort()


class RequestGate(ClosingConnection):
    """One client connection: heads read and checked here, passed to uvicorn's protocol one at a time."""

    gates: WorkerGates

    def __init__(self, config: Config, server_state: ServerState, app_state: dict[str, Any], _loop: Any = None) -> None:
        self.inner: Any = INNER(config=config, server_state=server_state, app_state=app_state, _loop=_loop)  # type: ignore[call-arg]
        self.connections = server_state.connections
        self.server_state = server_state
        self.number = b"%d" % next(self.gates.numbers)
        self.reader = HeadReader()
        self.transport: asyncio.Transport | None = None
        self.busy = False  # a head was passed on and its answer is not complete yet
        self.idle = False  # waiting for a head after an answer, and nothing received since
        self.closing = False  # nothing more is read: a refusal, the client's end of sending, or a stopping worker
        self.lingering = False  # every answer is sent: waiting for the client to close
        self.refuse = False  # over the connection limit: every request but the probes is answered 503
        self.send_timer: asyncio.TimerHandle | None = None

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport = transport = cast(asyncio.Transport, transport)  # uvloop's is one without the base class
        self.inner_transport = InnerTransport(transport, self)
        self.inner.connection_made(self.inner_transport)
        self.connections.discard(self.inner)  # uvicorn's shutdown asks the gate, which answers what was received first
        self.connections.add(self)  # type: ignore[arg-type]  # what uvicorn asks of a member: shutdown()
        self.gates.start_ticking()
        verdict = self.gates.limits.admit(len(self.connections), lambda other: other.transport.close())
        if verdict == "dropped":
            transport.abort()
            return
        self.refuse = verdict == "refused"
        self.gates.by_number[self.number] = self
        self.gates.limits.start_waiting(self)

    def connection_lost(self, exc: Exception | None) -> None:
        self.connections.discard(self)
        self.gates.by_number.pop(self.number, None)
        self.gates.limits.stop_waiting(self)
        if self.send_timer is not None:
            self.send_timer.cancel()
        self.inner.connection_lost(exc)

    def data_received(self, data: bytes) -> None:
        if self.closing:
            self._drop(len(data))
            return
        self.idle = False
        self.reader.feed(data)
        if self.reader.waiting_bytes() >= MAX_HEAD_BYTES and self.transport is not None and not self.reading_paused:
            self.reading_paused = True  # held: at most MAX_HEAD_BYTES and one read, until the heads waiting are answered
            self.transport.pause_reading()
        self._pass_on()

    def eof_received(self) -> bool:
        """The client has sent all it will: answer what is whole, then close (a half head is dropped)."""
        self.closing = True
        return self.busy or self.reader.has_head()

    def pause_writing(self) -> None:  # the client reads nothing: cut it at the send deadline
        self.inner.pause_writing()
        if self.send_timer is None:
            self.send_timer = asyncio.get_running_loop().call_later(self.gates.send_timeout, self._cut)

    def resume_writing(self) -> None:
        self.inner.resume_writing()
        if self.send_timer is not None:
            self.send_timer.cancel()
            self.send_timer = None

    def answered(self) -> None:
        """The answer to the head passed on last is sent: pass on the next, or wait for one, or close."""
        self.busy = False
        self.inner_transport.flush()
        if self.transport is None or self.transport.is_closing():
            return
        self._pass_on()
        if not self.busy and not self.transport.is_closing():
            if self.closing or self.stopping:
                self.linger()
            else:
                self.gates.limits.start_waiting(self)
                self.idle = True

    def _pass_on(self) -> None:
        """Hand the next whole head to uvicorn's protocol, or the refusal it has become, or send its cached response."""
        while not (self.busy or self.lingering or self.transport is None):
            head = self.reader.next_head(self.refuse)
            if head is None and self.reader.overflowing():
                head = self.reader.too_large()
            if head is None:
                return
            self.closing = self.closing or self.reader.refused  # the refusal asks to close: nothing after it is read
            self.gates.limits.stop_waiting(self)
            if self.reading_paused and self.reader.waiting_bytes() < MAX_HEAD_BYTES and not self.closing:
                self.reading_paused = False
                self.transport.resume_reading()
            if not self._sent_cached_response():
                self.busy = True
                self.inner.data_received(head[:-2] + CONNECTION_FIELD + b": " + self.number + b"\r\n\r\n")
                return
            if not self.reader.has_head():
                self.gates.limits.start_waiting(self)
                self.idle = not self.closing

    def _sent_cached_response(self) -> bool:
        """Send the cached response to the head just read, if there is one and the client is reading."""
        passed = self.reader.passed
        if passed is None or self.send_timer is not None or self.stopping:
            return False
        answer = written_cached_response(self.gates, passed, self.inner_transport.client, self.server_state.default_headers)
        if answer is not None:
            self.transport.writelines(answer)  # type: ignore[union-attr]
        return answer is not None

    def shutdown(self) -> None:
        """The worker is stopping (uvicorn asks): answer the heads received, then close; cut at the grace period."""
        if self.transport is None or self.transport.is_closing():
            return
        self.stopping = True
        self.gates.on_stop()
        asyncio.get_running_loop().call_later(self.gates.grace, self._cut)
        if self.reader.untouched() and not self.busy:  # accepted just before the stop: a request may be on its way
            asyncio.get_running_loop().call_later(FIRST_REQUEST_WAIT, self._linger_if_done)
            return
        self.closing = True
        self._linger_if_done()

    def _linger_if_done(self) -> None:
        if not (self.busy or self.reader.has_head()):
            self.linger()


def written_cached_response(
    gates: WorkerGates, passed: Passed, client: tuple[str, int] | None, server_headers: list[tuple[bytes, bytes]]
) -> tuple[bytes, bytes] | None:
    """The cached response to a plain GET or HEAD, as written (head, body); None when there is none to send."""
    if not passed.plain or gates.cached_response is None:
        return None
    scope: dict[str, Any] = {"type": "http", "method": passed.method, "path": passed.path, "raw_path": passed.raw_path}
    scope.update(query_string=passed.query, headers=passed.fields, client=client)
    answer = gates.cached_response(scope)
    if answer is None:
        return None
    status, lines, body = answer
    return STATUS_LINES[status] + gates.server_lines_of(server_headers) + lines + b"\r\n", body


class InnerTransport(asyncio.Transport):
    """The transport uvicorn's protocol writes to: the connection's own, with reading and closing left to the gate."""

    def __init__(self, transport: asyncio.Transport, gate: RequestGate) -> None:
        super().__init__()
        self.transport = transport
        self.gate = gate
        self.head = b""  # an answer's status line and header lines, held so they leave with its body in one system call
        peer = transport.get_extra_info("peername")
        self.client = (str(peer[0]), int(peer[1])) if isinstance(peer, tuple) else None
        self.is_closing = transport.is_closing  # type: ignore[method-assign]
        self.get_extra_info = transport.get_extra_info  # type: ignore[method-assign]

    def write(self, data: bytes | bytearray | memoryview) -> None:
        """Hold an answer's head (uvicorn writes it alone); write it with what comes next."""
        if self.head:
            self.transport.writelines((self.head, data))
            self.head = b""
        elif data[:9] == b"HTTP/1.1 ":
            self.head = bytes(data)
        else:
            self.transport.write(data)

    def flush(self) -> None:
        """Write a head still held (an answer with no body write after it)."""
        if self.head:
            self.transport.write(self.head)
            self.head = b""

    def writelines(self, data: Iterable[bytes | bytearray | memoryview]) -> None:
        self.flush()
        self.transport.writelines(data)

    def get_write_buffer_size(self) -> int:
        return self.transport.get_write_buffer_size() + len(self.head)

    def close(self) -> None:
        """Linger where uvicorn closes after an answer (Connection: close); ignore its own keep-alive timeout."""
        # Between requests the connection is the gate's, which keeps its own keep-alive timeout.
        if self.gate.busy:
            self.flush()
            self.gate.linger()

    def abort(self) -> None:
        self.head = b""
        self.transport.abort()

    def pause_reading(self) -> None:
        """Reading is the gate's: uvicorn's protocol is only ever given one request at a time."""

    def resume_reading(self) -> None:
        """Reading is the gate's."""

    def is_reading(self) -> bool:
        return self.transport.is_reading()

    def can_write_eof(self) -> bool:
        return self.transport.can_write_eof()

    def write_eof(self) -> None:
        self.flush()
        self.transport.write_eof()
