"""What one worker takes on: connections, within the open-file limit (those waiting for a request head are let go
first when it is reached, and a request beyond it is answered 503), and requests worked on at once (the rest wait,
unread, in arrival order; the probes never wait)."""

import logging
import resource
import time
from collections import deque
from collections.abc import Callable
from typing import Any

from starlette.types import Receive, Scope, Send

from app.problems import PROBLEM_JSON, problem_body

logger = logging.getLogger("lnst_api")

FILES_KEPT_BACK = 64  # open files a worker needs besides its connections: the listener, logs, the store, imports
IDLE_ENOUGH = 1.0  # seconds a connection must have waited for a request head before it may be closed for a new one
RETRY_AFTER = 1  # seconds, in the 503's Retry-After
WARN_EVERY = 10.0  # seconds between two warnings about the limit
PROBE_TARGETS = (b"/healthz", b"/readyz")
PROBE_PATHS = ("/healthz", "/readyz")
REQUESTS_AT_ONCE = 32  # per worker: more only lengthens each turn of the event loop, and every answer waits for it


def raise_open_file_limit() -> int:
    """Raise the soft limit on open files to the hard limit (inherited by the workers); return the limit in force."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    wanted = hard if hard != resource.RLIM_INFINITY else max(soft, 1024 * 1024)
    if soft != resource.RLIM_INFINITY and soft < wanted:
        try:
            resource.setrlimit(resource.RLIMIT_NOFILE, (wanted, hard))
        except (ValueError, OSError):  # a hard limit the kernel will not grant (over fs.nr_open): keep what we have
            return soft
        return wanted
    return soft


class ConnectionLimits:
    """One worker's connection count against its limit, with the connections waiting for a request head, oldest first."""

    def __init__(self, max_connections: int, open_files: int) -> None:
        self.ceiling = max(open_files - FILES_KEPT_BACK, 2)  # past this, a new connection is dropped unanswered
        self.limit = max(1, min(max_connections, self.ceiling - self.ceiling // 8))  # the last eighth answers 503s
        self.waiting: dict[Any, float] = {}
        self.refused = 0
        self.warned = 0.0

    def start_waiting(self, connection: Any) -> None:
        """A connection now waits for a request head (just opened, or idle after an answer)."""
        self.waiting.pop(connection, None)
        self.waiting[connection] = time.monotonic()

    def stop_waiting(self, connection: Any) -> None:
        """A connection has sent a whole request head, or closed."""
        self.waiting.pop(connection, None)

    def admit(self, open_connections: int, close: Callable[[Any], None]) -> str:
        """Room for one more connection: "served", "refused" (answer 503) or "dropped" (no file to answer with)."""
        if open_connections <= self.limit:
            return "served"
        oldest = next(iter(self.waiting), None)
        if oldest is not None and time.monotonic() - self.waiting[oldest] >= IDLE_ENOUGH:
            self.stop_waiting(oldest)
            close(oldest)  # idle keep-alive or stalled: the new connection gets its file
            return "served"
        self.refused += 1
        verdict = "dropped" if open_connections > self.ceiling else "refused"
        self._warn(open_connections)
        return verdict

    def _warn(self, open_connections: int) -> None:
        now = time.monotonic()
        if now - self.warned >= WARN_EVERY:
            self.warned = now
            logger.warning(
                "connection limit reached: %d open (limit %d, %d with open files to spare); %d refused so far",
                open_connections,
                self.limit,
                self.ceiling,
                self.refused,
            )


class Admission:
    """The requests one worker works on at once; the others wait their turn in arrival order."""

    def __init__(self, capacity: int = REQUESTS_AT_ONCE) -> None:
        self.capacity = capacity
        self.active = 0
        self.waiting: deque[tuple[Callable[[Any], bool], Any]] = deque()

    def start(self, run: Callable[[Any], bool], app: Any, urgent: bool = False) -> bool:
        """Run a request's app now (True), or queue it (False: its connection should stop reading); urgent ones never wait.

        `run(app)` starts the request and says whether it could (not when its client has gone)."""
        if self.active >= self.capacity and not urgent:
            self.waiting.append((run, app))
            return False
        self._run(run, app)
        return True

    def _run(self, run: Callable[[Any], bool], app: Any) -> None:
        self.active += 1

        async def counted(scope: Scope, receive: Receive, send: Send) -> None:
            try:
                await app(scope, receive, send)
            finally:
                self.active -= 1
                self._next()

        if not run(counted):
            self.active -= 1

    def _next(self) -> None:
        while self.waiting and self.active < self.capacity:
            self._run(*self.waiting.popleft())


async def answer_overloaded(scope: Scope, receive: Receive, send: Send) -> None:
    """503 with Retry-After, as a problem, and close the connection."""
    body = problem_body(503, "Too many connections are open: try again shortly.", scope["path"][:200])
    headers = [
        (b"content-type", PROBLEM_JSON.encode()),
        (b"retry-after", str(RETRY_AFTER).encode()),
        (b"cache-control", b"no-store"),
        (b"x-content-type-options", b"nosniff"),
        (b"content-length", str(len(body)).encode()),
        (b"connection", b"close"),
    ]
    await send({"type": "http.response.start", "status": 503, "headers": headers})
    await send({"type": "http.response.body", "body": body})
