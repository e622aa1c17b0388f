"""One client connection: uvicorn's httptools protocol, with a deadline for a request's head, a deadline for a client
that reads nothing of its answer, the worker's limits (connections, requests at once), and a drain that answers what
was received."""

import asyncio
from functools import partial
from typing import Any

from uvicorn._types import ASGI3Application
from uvicorn.config import Config
from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol, RequestResponseCycle
from uvicorn.server import ServerState

from app.limits import PROBE_PATHS, PROBE_TARGETS, Admission, ConnectionLimits, answer_overloaded

LINGER_SECONDS = 2.0  # after the last answer of a drain: how long the client's own close is awaited
FIRST_REQUEST_WAIT = 1.0  # a drain waits this long for the first request of a connection accepted just before it
MAX_HEAD_BYTES = 64 * 1024  # a request line and headers past this are refused (400) before they are held in memory


class Rules:
    """What every connection of one worker shares: its limits and the deadlines."""

    def __init__(self, limits: ConnectionLimits, admission: Admission, head_timeout: float, send_timeout: float) -> None:
        self.limits = limits
        self.admission = admission
        self.head_timeout = head_timeout
        self.send_timeout = send_timeout


class ServedConnection(HttpToolsProtocol):
    """A connection that cannot hold the worker by stalling, and that closes cleanly when the worker stops."""

    def __init__(
        self, config: Config, server_state: ServerState, app_state: dict[str, Any], rules: Rules, _loop: Any = None
    ) -> None:
        super().__init__(config, server_state, app_state, _loop)
        self.rules = rules
        self.limits = rules.limits
        self.served_app = self.app
        self.refused = False
        self.stopping = False  # the worker is stopping: no request is read any more
        self.lingering = False  # every answer is sent; waiting for the client to close
        self.last_request = False  # the worker is stopping: the request on its way is the last one answered
        self.head_bytes = 0  # of the request head being read
        self.head_timer: asyncio.TimerHandle | None = None
        self.send_timer: asyncio.TimerHandle | None = None

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        verdict = self.limits.admit(len(self.connections), lambda other: other.transport.close())
        if verdict == "dropped":
            transport.abort()
            return
        self.refused = verdict == "refused"
        self._await_head()

    def connection_lost(self, exc: Exception | None) -> None:
        self._stop_waiting()
        if self.send_timer is not None:
            self.send_timer.cancel()
        super().connection_lost(exc)

    def data_received(self, data: bytes) -> None:
        if not self.stopping:  # a stopping connection reads only to drop what the client still sends
            super().data_received(data)

    def on_message_begin(self) -> None:
        super().on_message_begin()
        self.head_bytes = 0

    def on_url(self, url: bytes) -> None:
        self._count(len(url))
        super().on_url(url)

    def on_header(self, name: bytes, value: bytes) -> None:
        self._count(len(name) + len(value) + 4)
        super().on_header(name, value)

    def _count(self, size: int) -> None:
        self.head_bytes += size
        if self.head_bytes > MAX_HEAD_BYTES:  # the parser turns this into uvicorn's plain 400, and the connection closes
            raise ValueError("request head too large")

    def on_headers_complete(self) -> None:
        self._stop_waiting()
        probe = self.url.partition(b"?")[0] in PROBE_TARGETS
        self.app = answer_overloaded if self.refused and not probe else self.served_app
        super().on_headers_complete()
        if self.last_request:  # answered with Connection: close
            self.cycle.keep_alive = False

    def on_response_complete(self) -> None:
        super().on_response_complete()
        if self.transport.is_closing() or self.pipeline or not self.cycle.response_complete:
            return  # closed, or the next request already received is being answered
        if self.stopping:  # that was the last request received before the worker began to stop
            self._linger()
        else:
            self._await_head()

    def _start_asgi_task(self, cycle: RequestResponseCycle, app: ASGI3Application) -> None:
        """A request waits, unread, for its turn in the worker (probes and 503s never wait)."""
        urgent = cycle.scope["path"] in PROBE_PATHS or app is answer_overloaded
        if not self.rules.admission.start(partial(self._run, cycle), app, urgent):
            self.flow.pause_reading()

    def _run(self, cycle: RequestResponseCycle, app: ASGI3Application) -> bool:
        if self.transport.is_closing():
            return False
        super()._start_asgi_task(cycle, app)
        return True

    def pause_writing(self) -> None:
        super().pause_writing()
        if self.send_timer is None:
            self.send_timer = self.loop.call_later(self.rules.send_timeout, self.transport.abort)

    def resume_writing(self) -> None:
        super().resume_writing()
        if self.send_timer is not None:
            self.send_timer.cancel()
            self.send_timer = None

    def shutdown(self) -> None:
        """The worker is stopping: answer the requests received, then close (at once, when there are none)."""
        if self.cycle is None:  # accepted just before the worker stopped listening: its request may be on its way
            self.last_request = True
            self.loop.call_later(FIRST_REQUEST_WAIT, self._linger_if_unasked)
        elif self.cycle.response_complete and not self.pipeline:
            self._linger()
        else:
            self.flow.pause_reading()
            self.stopping = True  # on_response_complete closes once the last request received is answered

    def _await_head(self) -> None:
        self.limits.start_waiting(self)
        self.head_timer = self.loop.call_later(self.rules.head_timeout, self._head_too_slow)

    def _stop_waiting(self) -> None:
        self.limits.stop_waiting(self)
        if self.head_timer is not None:
            self.head_timer.cancel()
            self.head_timer = None

    def _head_too_slow(self) -> None:
        self.head_timer = None
        self.limits.stop_waiting(self)
        if not self.transport.is_closing():
            self.transport.close()

    def _linger_if_unasked(self) -> None:
        if self.cycle is None:
            self._linger()

    def _linger(self) -> None:
        """Stop sending and drop what the client still sends until it closes (RFC 9112 9.6), so no answer is reset."""
        self._stop_waiting()
        self._unset_keepalive_if_required()
        self.stopping = self.lingering = True
        if self.transport.is_closing():
            return
        if not self.transport.can_write_eof():
            self.transport.close()
            return
        self.transport.write_eof()
        self.flow.resume_reading()
        self.loop.call_later(LINGER_SECONDS, self.transport.close)
