"""What one worker takes on: connections, within the open-file limit."""

# At the limit, connections still waiting for a request head are let go first, and a request beyond it is answered 503
# (probes excepted).

import logging
import resource
import time
from collections.abc import Callable
from typing import Any

logger = logging.getLogger("lnst_api")

FILES_KEPT_BACK = 64  # open files a worker needs besides its connections: the listener, logs, the store, imports
IDLE_ENOUGH = 1.0  # seconds a connection must have waited for a request head before it may be closed for a new one
WARN_EVERY = 10.0  # seconds between two warnings about the limit
PROBE_TARGETS = (b"/healthz", b"/readyz")


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
