"""The access log: one JSON line per request, gathered in a buffer and written to stdout without ever waiting for it."""

# Lines are appended in the event loop: no logging call, no lock, no flush per request. The buffer is written once it
# holds FLUSH_BYTES, FLUSH_SECONDS after its first line, at lifespan shutdown and at exit, in whole lines of at most
# PIPE_BUF bytes, so the lines of several workers sharing one pipe never interleave. Each write is non-blocking
# (RWF_NOWAIT): when stdout is full the rest waits for the next tick, the buffer stops at CAP_BYTES, newer lines are
# dropped and counted, and one JSON line giving the count follows once stdout drains.

import asyncio
import atexit
import errno
import fcntl
import os
import select
import stat
import time
from functools import lru_cache
from json.encoder import encode_basestring  # the C encoder json.dumps(ensure_ascii=False) uses for strings

from starlette.types import Message, Scope, Send

PIPE_BUF = 4096  # POSIX: a write of at most this many bytes to a pipe is never interleaved with another's
FLUSH_BYTES = 64 * 1024
FLUSH_SECONDS = 0.1
PIPE_BYTES = 1024 * 1024  # Linux's default pipe-max-size
RETRY_SECONDS = 0.01  # how soon a write is tried again when stdout was full
CAP_BYTES = 4 * 1024 * 1024  # about half a second of lines at 35,000 requests a second
SHUTDOWN_SECONDS = 2.0  # longest a shutdown waits for a blocked stdout
LINE = b'{"time": "%s", "request_id": "%s", "client": %s, %s, "status": %d, "bytes": %d, "duration_ms": %d.%03d}\n'
MAX_TARGET_BYTES = 3400  # method, path and query: with the longest client, request id and numbers, a line fits PIPE_BUF
MEMO_TARGET_CHARS = 256
NOWAIT = getattr(os, "RWF_NOWAIT", 0)  # Linux: fail a write that would wait, without making the descriptor non-blocking
DROPPED = b'{"time": "%s", "dropped": %d, "reason": "stdout was not keeping up; this many access log lines were not written"}\n'


class Clock:
    """The local time as the log writes it, formatted once a second."""

    def __init__(self) -> None:
        self.second = -1
        self.text = b""

    def now(self) -> bytes:
        """Like time.strftime('%Y-%m-%dT%H:%M:%S%z')."""
        second = int(time.time())
        if second != self.second:
            self.second, self.text = second, time.strftime("%Y-%m-%dT%H:%M:%S%z", time.localtime(second)).encode()
        return self.text


class LineWriter:
    """Whole lines appended by one event loop at a time and written to a file descriptor without blocking it."""

    def __init__(self, fd: int, cap: int = CAP_BYTES, flush_bytes: int = FLUSH_BYTES, interval: float = FLUSH_SECONDS) -> None:
        self.fd, self.cap, self.flush_bytes, self.interval = fd, cap, flush_bytes, interval
        self.lines: list[bytes] = []  # joined only when written: a growing buffer would be copied again and again
        self.unsent = b""  # what stdout did not take of the last write
        self.size = 0  # bytes waiting, in both
        self.dropped = 0
        self.blocked = False  # the last write found stdout full: only the timer tries again
        self.timer: asyncio.TimerHandle | None = None

    def append(self, line: bytes) -> None:
        """Add one whole line; drop and count it when the buffer is full (stdout is not keeping up)."""
        if self.size + len(line) > self.cap:
            self.dropped += 1
        else:
            self.lines.append(line)
            self.size += len(line)
        if self.size >= self.flush_bytes and not self.blocked:
            self.write()
        elif self.timer is None:
            self._schedule(self.interval)

    def write(self) -> bool:
        """Write what stdout takes now, then the count of lines dropped; True when nothing is left waiting."""
        if self.timer is not None:
            self.timer.cancel()
            self.timer = None
        if self.unsent:
            self.unsent = self.unsent[write_lines(self.fd, self.unsent) :]
        if not self.unsent and self.lines:
            data, self.lines = b"".join(self.lines), []
            self.unsent = data[write_lines(self.fd, data) :]
        self.size = len(self.unsent) + sum(map(len, self.lines))
        self.blocked = bool(self.unsent)
        if self.blocked:
            self._schedule(RETRY_SECONDS)
            return False
        if self.dropped:
            self.lines.append(DROPPED % (CLOCK.now(), self.dropped))
            self.dropped = 0
            return self.write()
        return True

    def forget(self) -> None:
        """Drop what is waiting (in a forked child, the parent's lines are not ours to write)."""
        self.lines, self.unsent, self.size = [], b"", 0

    def flush(self, timeout: float = SHUTDOWN_SECONDS) -> bool:
        """Write everything, waiting up to timeout seconds for a blocked stdout; False if lines are left."""
        deadline = time.monotonic() + timeout
        while not self.write():
            left = deadline - time.monotonic()
            if left <= 0:
                return False
            select.select([], [self.fd], [], min(left, self.interval))
        return True

    def _schedule(self, delay: float) -> None:
        try:
            self.timer = asyncio.get_running_loop().call_later(delay, self.write)
        except RuntimeError:  # no event loop here: the next append, a shutdown or the exit writes
            self.timer = None


def write_lines(fd: int, data: bytes) -> int:
    """Write whole lines in chunks of at most PIPE_BUF bytes, never waiting; return how many bytes went."""
    start, end = 0, len(data)
    try:
        regular = stat.S_ISREG(os.fstat(fd).st_mode)
        while start < end:
            stop = end if end - start <= PIPE_BUF else data.rfind(b"\n", start, start + PIPE_BUF) + 1
            if stop <= start:  # a line longer than PIPE_BUF goes alone
                stop = data.find(b"\n", start) + 1 or end
            start += write_nowait(fd, bytes(data[start:stop]), regular)
    except BlockingIOError:
        return start
    except OSError:  # closed, or a broken pipe: all of it counts as gone, nobody will read it
        return end
    return end


def write_nowait(fd: int, chunk: bytes, regular: bool) -> int:
    """One write that raises BlockingIOError rather than wait (a regular file never makes a writer wait for a reader)."""
    if regular:
        return os.write(fd, chunk)
    if NOWAIT:
        try:
            return os.pwritev(fd, [chunk], -1, NOWAIT)
        except OSError as error:
            if error.errno != errno.EOPNOTSUPP:
                raise
    if not select.select([], [fd], [], 0)[1]:  # an older kernel: write only when poll says there is room
        raise BlockingIOError(errno.EAGAIN, "stdout is full")
    return os.write(fd, chunk)


CLOCK = Clock()
_stdout: LineWriter | None = None


def stdout_writer() -> LineWriter:
    """This process's writer to stdout (file descriptor 1), written out at exit too."""
    global _stdout
    if _stdout is None:
        widen_pipe(1)
        _stdout = LineWriter(1)
        atexit.register(_stdout.flush)
        os.register_at_fork(after_in_child=_stdout.forget)
    return _stdout


def widen_pipe(fd: int) -> None:
    """If fd is a pipe, let it hold PIPE_BYTES, so that a collector reading in bursts keeps up."""
    # With 64 KB, a write found full every RETRY_SECONDS caps the log at 6.4 MB/s, about 30,000 lines.
    try:
        if stat.S_ISFIFO(os.fstat(fd).st_mode):
            fcntl.fcntl(fd, fcntl.F_SETPIPE_SZ, PIPE_BYTES)
    except OSError:  # above the system's pipe-max-size, or not Linux: the pipe stays as it is
        pass


def log_request(scope: Scope, request_id: bytes, status: int, size: int, started: float) -> None:
    """Append one request's line."""
    milliseconds, microseconds = divmod(int((time.perf_counter() - started) * 1_000_000 + 0.5), 1000)
    client = scope.get("client")
    target = target_json(scope["method"], scope["path"], scope["query_string"])
    host = client_json(client[0][:65] if client else "")  # a forwarded address can be any text: what is remembered is short
    fields = (CLOCK.now(), request_id, host, target, status, size, milliseconds, microseconds)
    stdout_writer().append(LINE % fields)


def target_json(method: str, path: str, query: bytes) -> bytes:
    """The method, path and query fields; the JSON of short targets is remembered, since they repeat."""
    short = len(path) + len(query) <= MEMO_TARGET_CHARS
    return _remembered_target(method, path, query) if short else _target(method, path, query)


@lru_cache(maxsize=4096)
def _remembered_target(method: str, path: str, query: bytes) -> bytes:
    return _target(method, path, query)


def _target(method: str, path: str, query: bytes) -> bytes:
    """The fields as json.dumps writes them, path and query cut short (with an ellipsis) to fit one line."""
    text, keep = query.decode("latin-1"), max(len(path), len(query))
    while True:
        quoted = encode_basestring(method), encode_basestring(cut(path, keep)), encode_basestring(cut(text, keep))
        encoded = f'"method": {quoted[0]}, "path": {quoted[1]}, "query": {quoted[2]}'.encode("utf-8", "backslashreplace")
        if len(encoded) <= MAX_TARGET_BYTES:
            return encoded
        keep //= 2


@lru_cache(maxsize=1024)
def client_json(host: str) -> bytes:
    """The client field's value (a forwarded address can be any text: cut to 64 characters)."""
    return encode_basestring(cut(host, 64)).encode("utf-8", "backslashreplace")


def cut(text: str, keep: int) -> str:
    """The text, or its first keep characters and an ellipsis."""
    return text if len(text) <= keep else text[:keep] + "…"


def flushing_at_shutdown(send: Send) -> Send:
    """The lifespan's send, writing the log out before the server is told that shutdown is complete."""

    async def send_after_flush(message: Message) -> None:
        if message["type"] in ("lifespan.shutdown.complete", "lifespan.shutdown.failed") and _stdout is not None:
            _stdout.flush()
        await send(message)

    return send_after_flush
