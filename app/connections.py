"""One client connection: uvicorn's httptools protocol, with a deadline for a request's head, a deadline for a client
that reads nothing of its answer, the worker's limits (connections, requests at once), and a drain that answers what
was received."""

import asyncio
import logging
from collections.abc import Callable
from functools import partial
from typing import Any
from urllib.parse import unquote

import httptools
from starlette.types import Scope
from uvicorn._types import ASGI3Application
from uvicorn.config import Config
from uvicorn.protocols.http.httptools_impl import STATUS_LINE, HttpToolsProtocol, RequestResponseCycle
from uvicorn.server import ServerState

from app.edge.representation import Headers, wire
from app.limits import PROBE_PATHS, PROBE_TARGETS, Admission, ConnectionLimits, answer_overloaded

logger = logging.getLogger("lnst_api")

LINGER_SECONDS = 2.0  # after the last answer of a drain: how long the client's own close is awaited
FIRST_REQUEST_WAIT = 1.0  # a drain waits this long for the first request of a connection accepted just before it
MAX_HEAD_BYTES = 64 * 1024  # a request line and headers past this are refused (400) before they are held in memory


AnswerAtOnce = Callable[[Scope], tuple[int, bytes, bytes] | None]


class Rules:
    """What every connection of one worker shares: its limits, the deadlines, and the edge's kept answers."""

    def __init__(
        self,
        limits: ConnectionLimits,
        admission: Admission,
        head_timeout: float,
        send_timeout: float,
        answer_at_once: AnswerAtOnce | None = None,
        idle_timeout: float = 5.0,
    ) -> None:
        self.limits = limits
        self.admission = admission
        self.head_timeout = head_timeout
        self.send_timeout = send_timeout
        self.answer_at_once = answer_at_once
        self.idle_timeout = idle_timeout
        self.server_headers: Headers = []
        self.server_lines = b""

    def close_overdue(self, now: float) -> None:
        """Close the connections past their deadline for a request head (the worker asks ten times a second, rather
        than arm two timers a request): head_timeout for each, the keep-alive timeout for one that has sent nothing
        since its last answer."""
        soonest, overdue = min(self.idle_timeout, self.head_timeout), []
        for connection, since in self.limits.waiting.items():  # oldest first: stop at the first not yet due
            waited = now - since
            if waited < soonest:
                break
            if waited >= self.head_timeout or connection.idle:
                overdue.append(connection)
        for connection in overdue:
            connection.deadline_passed()

    def server_lines_of(self, headers: Headers) -> bytes:
        """The server's own header lines (Date), as written; uvicorn replaces the list once a second."""
        if headers is not self.server_headers:
            self.server_headers, self.server_lines = headers, wire(headers)
        return self.server_lines


class GuardedConnection(HttpToolsProtocol):
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
        self.idle = False  # waiting for a request after an answer, and nothing received since
        self.send_timer: asyncio.TimerHandle | None = None
        self.answered_without_cycle = False  # some request was answered without a cycle of uvicorn's

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
        self.idle = False
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
            self._await_head(idle=True)

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
        if self.cycle is None and not self.answered_without_cycle:  # accepted just before the stop: a request may be coming
            self.last_request = True
            self.loop.call_later(FIRST_REQUEST_WAIT, self._linger_if_unasked)
        elif (self.cycle is None or self.cycle.response_complete) and not self.pipeline:
            self._linger()
        else:
            self.flow.pause_reading()
            self.stopping = True  # on_response_complete closes once the last request received is answered

    def _await_head(self, idle: bool = False) -> None:
        self.limits.start_waiting(self)
        self.idle = idle

    def _stop_waiting(self) -> None:
        self.limits.stop_waiting(self)

    def deadline_passed(self) -> None:
        """No whole request head came in time: close."""
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


class ServedConnection(GuardedConnection):
    """A guarded connection that sends the edge's kept answers itself, without a task or the framework."""

    answering_at_once = False  # the request being parsed was answered so

    def on_headers_complete(self) -> None:
        if not self._answer_at_once():  # answered: waiting again, from now (_await_head); else the guarded way
            super().on_headers_complete()

    def on_body(self, body: bytes) -> None:
        if not self.answering_at_once:  # never so: a request with a body is not answered at once
            super().on_body(body)

    def on_message_complete(self) -> None:
        if self.answering_at_once:
            self.answering_at_once = False
            return
        super().on_message_complete()

    def _answer_at_once(self) -> bool:
        """A GET or HEAD the edge answers from what it keeps, sent without a task or the framework, when nothing is
        in flight on this connection and it stays open; False to hand the request to the app."""
        answer_at_once, parser = self.rules.answer_at_once, self.parser
        busy = self.pipeline or (self.cycle is not None and not self.cycle.response_complete) or self.flow.write_paused
        if answer_at_once is None or busy or self.refused or self.stopping or self.last_request:
            return False
        if parser.get_method() not in (b"GET", b"HEAD") or parser.get_http_version() != "1.1":
            return False
        if not parser.should_keep_alive() or parser.should_upgrade() or not self._read_target():
            return False
        try:
            answer = answer_at_once(self.scope)  # type: ignore[arg-type]  # uvicorn's HTTPScope is a TypedDict
        except Exception:  # inside the parser's callback this would become uvicorn's 400: let the app answer instead
            logger.exception("the edge could not answer %s %s at once", self.scope["method"], self.scope["path"])
            return False
        if answer is None:
            return False
        status, lines, body = answer
        server_lines = self.rules.server_lines_of(self.server_state.default_headers)
        self.transport.writelines((b"".join((STATUS_LINE[status], server_lines, lines, b"\r\n")), body))  # body: no copy
        self.answering_at_once = self.answered_without_cycle = True
        self.server_state.total_requests += 1
        self._await_head(idle=True)  # the keep-alive timeout is Rules.close_overdue's to keep
        return True

    def _read_target(self) -> bool:
        """Put the method, path and query in the scope as uvicorn does; False for a path that is not ASCII."""
        target = httptools.parse_url(self.url)
        try:
            path = target.path.decode("ascii")
        except UnicodeDecodeError:
            return False
        scope = self.scope
        scope["method"] = self.parser.get_method().decode("ascii")
        scope["path"] = self.root_path + (unquote(path) if "%" in path else path)
        scope["raw_path"] = self.root_path.encode("ascii") + target.path
        scope["query_string"] = target.query or b""
        return True
