"""The access log: one JSON line per request, gathered in a buffer and written to stdout by a thread of its own.

Lines are appended in the event loop (no logging call, no flush, no system call). A writer thread writes them
every FLUSH_SECONDS, or sooner once FLUSH_BYTES are waiting, in whole lines of at most PIPE_BUF bytes, so lines
of several workers sharing one pipe never interleave; shutdown and exit write what is left. If stdout blocks,
only the thread waits: the buffer stops at CAP_BYTES, newer lines are dropped and counted, and one JSON line
giving the count follows once stdout drains."""

import atexit
import os
import select
import threading
import time
from json.encoder import encode_basestring  # the C encoder json.dumps(ensure_ascii=False) uses for strings

from starlette.types import Message, Scope, Send

PIPE_BUF = 4096  # POSIX: a write of at most this many bytes to a pipe is never interleaved with another's
FLUSH_BYTES = 32 * 1024
FLUSH_SECONDS = 0.1
CAP_BYTES = 1024 * 1024
SHUTDOWN_SECONDS = 2.0  # longest a shutdown waits for a blocked stdout
LINE = (
    '{"time": "%s", "request_id": "%s", "client": %s, "method": %s, "path": %s, "query": %s, '
    '"status": %d, "bytes": %d, "duration_ms": %r}\n'
)
DROPPED = '{"time": "%s", "dropped": %d, "reason": "stdout was not keeping up; this many access log lines were not written"}\n'


class Clock:
    """The local time as the log writes it, formatted once a second."""

    def __init__(self) -> None:
        self.second = -1
        self.text = ""

    def now(self) -> str:
        """Like time.strftime('%Y-%m-%dT%H:%M:%S%z')."""
        second = int(time.time())
        if second != self.second:
            self.second, self.text = second, time.strftime("%Y-%m-%dT%H:%M:%S%z", time.localtime(second))
        return self.text


class LineWriter:
    """Lines appended by the event loop, written to one file descriptor by a daemon thread; memory bounded by cap."""

    def __init__(self, fd: int, cap: int = CAP_BYTES, flush_bytes: int = FLUSH_BYTES, interval: float = FLUSH_SECONDS) -> None:
        self.fd, self.cap, self.flush_bytes, self.interval = fd, cap, flush_bytes, interval
        self.buffer = bytearray()
        self.dropped = 0
        self.thread: threading.Thread | None = None
        self._reset_locks()

    def append(self, line: bytes) -> None:
        """Add one whole line; drop and count it when the buffer is full (stdout is not keeping up)."""
        with self.lock:
            if len(self.buffer) + len(line) > self.cap:
                self.dropped += 1
                return
            self.buffer += line
            waiting = len(self.buffer)
        if self.thread is None:
            self._start()
        if waiting >= self.flush_bytes and not self.wake.is_set():
            self.wake.set()

    def flush(self, timeout: float = -1) -> bool:
        """Write what is buffered, then the count of dropped lines; False if a blocked write held us past timeout."""
        if not self.writing.acquire(timeout=timeout):
            return False
        try:
            with self.lock:
                pending, self.buffer = self.buffer, bytearray()
                dropped, self.dropped = self.dropped, 0
            if dropped:
                pending += (DROPPED % (CLOCK.now(), dropped)).encode()
            write_lines(self.fd, pending)
        finally:
            self.writing.release()
        return True

    def _start(self) -> None:
        self.thread = threading.Thread(target=self._run, name="access-log", daemon=True)
        self.thread.start()
        atexit.register(self.flush, SHUTDOWN_SECONDS)
        os.register_at_fork(after_in_child=self._forget)

    def _run(self) -> None:
        while True:
            self.wake.wait(self.interval)
            self.wake.clear()
            self.flush()

    def _reset_locks(self) -> None:
        self.lock = threading.Lock()  # guards buffer and dropped
        self.writing = threading.Lock()  # one writer at a time, so lines keep their order
        self.wake = threading.Event()

    def _forget(self) -> None:
        """In a forked child: the parent's lines and thread are not ours."""
        self.buffer, self.dropped, self.thread = bytearray(), 0, None
        self._reset_locks()


def write_lines(fd: int, data: bytes | bytearray) -> None:
    """Write whole lines in chunks of at most PIPE_BUF bytes (one longer line goes alone); give up if fd is gone."""
    view, start, end = memoryview(data), 0, len(data)
    while start < end:
        stop = end if end - start <= PIPE_BUF else data.rfind(b"\n", start, start + PIPE_BUF) + 1
        if stop <= start:
            stop = data.find(b"\n", start) + 1 or end
        try:
            start += os.write(fd, view[start:stop])
        except BlockingIOError:  # someone made the descriptor non-blocking: wait until it takes more
            select.select([], [fd], [], FLUSH_SECONDS)
        except OSError:  # closed, or a broken pipe: nobody will read these lines
            return


CLOCK = Clock()
_stdout: LineWriter | None = None


def stdout_writer() -> LineWriter:
    """This process's writer to stdout (file descriptor 1)."""
    global _stdout
    if _stdout is None:
        _stdout = LineWriter(1)
    return _stdout


def log_request(scope: Scope, request_id: bytes, status: int, size: int, started: float) -> None:
    """Append one request's line."""
    client = scope.get("client") or ("", 0)
    duration = round((time.perf_counter() - started) * 1000, 3)
    fields = (client[0], scope["method"], scope["path"], scope["query_string"].decode("latin-1"))
    stdout_writer().append(render(request_id.decode(), fields, status, size, duration))


def render(request_id: str, texts: tuple[str, str, str, str], status: int, size: int, duration: float) -> bytes:
    """The JSON line (fields as json.dumps writes them); client, path and query cut short if it would pass PIPE_BUF."""
    client, method, path, query = texts
    line = (
        LINE
        % (
            CLOCK.now(),
            request_id,
            encode_basestring(client),
            encode_basestring(method),
            encode_basestring(path),
            encode_basestring(query),
            status,
            size,
            duration,
        )
    ).encode("utf-8", "backslashreplace")
    if len(line) <= PIPE_BUF:
        return line
    keep = max(len(client), len(path), len(query)) // 2
    return render(request_id, (cut(client, keep), method, cut(path, keep), cut(query, keep)), status, size, duration)


def cut(text: str, keep: int) -> str:
    """The text, or its first keep characters and an ellipsis."""
    return text if len(text) <= keep else text[:keep] + "…"


def flushing_at_shutdown(send: Send) -> Send:
    """The lifespan's send, writing the log out before the server is told that shutdown is complete."""

    async def send_after_flush(message: Message) -> None:
        if message["type"] in ("lifespan.shutdown.complete", "lifespan.shutdown.failed") and _stdout is not None:
            _stdout.flush(SHUTDOWN_SECONDS)
        await send(message)

    return send_after_flush
