"""`lnst-api serve`: bind the port, take one snapshot of the data file, and keep N workers serving exactly it."""

# A worker that dies is replaced from the same snapshot; SIGHUP takes a new snapshot, if the file is valid, and switches
# every worker to it at once; SIGTERM or SIGINT stops accepting and lets the workers drain within the grace period.

import logging
import os
import selectors
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from app.data.data_file import DataFileError
from app.server.connection_limits import raise_open_file_limit
from app.server.snapshot import Snapshot, take_snapshot

EXIT_OK, EXIT_INVALID_DATA, EXIT_NOT_SERVING, EXIT_CUT_SHORT = 0, 1, 4, 5
LOADED, SERVING, GO = b"L", b"S", b"G"  # worker: data loaded, accepting; supervisor: start accepting
RETIRE = signal.SIGUSR1  # to a worker replaced by a reload: drain as on SIGTERM, but stay ready while draining
BACKLOG = 4096  # connections the kernel holds for us while every worker is busy or being replaced
GIVE_UP_AFTER = 3  # worker start-ups failed in a row
LOAD_TIMEOUT = 60.0  # seconds a worker may take to load the data
KILL_MARGIN = 5.0  # seconds past the grace period before a stopping worker is killed

logger = logging.getLogger("lnst_api.server")


def log_to_stderr() -> None:
    """Server messages to stderr, one line each, naming the process (once per process)."""
    parent = logging.getLogger("lnst_api")
    if any(getattr(handler, "lnst_server", False) for handler in parent.handlers):
        return
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(asctime)s lnst-api[%(process)d] %(levelname)s: %(message)s"))
    handler.lnst_server = True  # type: ignore[attr-defined]
    parent.addHandler(handler)
    logger.setLevel(logging.INFO)


def serve(source: Path, host: str, port: int, workers: int, grace: float) -> int:
    """Check the data, bind, and supervise the workers until stopped; the exit code says how it ended."""
    log_to_stderr()
    open_files = raise_open_file_limit()
    try:
        snapshot = take_snapshot(source)
    except DataFileError as error:
        print(*error.report(source), sep="\n", file=sys.stderr)
        return EXIT_INVALID_DATA
    try:
        listener = socket.create_server((host, port), family=socket.AF_INET6 if ":" in host else socket.AF_INET, backlog=BACKLOG)
    except OSError as error:
        logger.error("cannot listen on %s port %d: %s", host, port, error.strerror)
        snapshot.close()
        return EXIT_NOT_SERVING
    logger.info(
        "http://%s:%d: %d worker(s), %s version %s, %d open files", host, port, workers, source, snapshot.version, open_files
    )
    supervisor = Supervisor(listener, snapshot, workers, grace)
    try:
        return supervisor.run()
    finally:
        listener.close()
        supervisor.snapshot.close()


@dataclass(eq=False)
class Worker:
    """One worker process, the end of its control channel, and how far it has got."""

    process: subprocess.Popen[bytes]
    control: socket.socket
    state: str = "loading"  # then "loaded", "serving", "exited"
    exit_code: int | None = None

    @classmethod
    def start(cls, listener: socket.socket, snapshot: Snapshot) -> "Worker":
        """Start a worker over this snapshot: it inherits the listening socket, the snapshot and its control channel."""
        ours, theirs = socket.socketpair()
        listen_fd, control_fd = listener.fileno(), theirs.fileno()
        process = subprocess.Popen(
            [sys.executable, "-m", "app.server.worker", str(listen_fd), str(control_fd)],
            env={**os.environ, "LNST_DATA_PATH": str(snapshot.path), "LNST_CHANGES_PATH": str(snapshot.changes.absolute())},
            pass_fds=(listen_fd, control_fd, snapshot.fd),
            process_group=0,  # a terminal's Ctrl+C reaches the supervisor only; it stops the workers
        )
        theirs.close()
        ours.setblocking(False)
        return cls(process, ours)

    def hear(self) -> bytes | None:
        """What the worker has said (one byte a message), b"" once it has exited, None if nothing after all."""
        try:
            return self.control.recv(64)
        except BlockingIOError:
            return None
        except OSError:
            return b""

    def release(self) -> None:
        """Tell a loaded worker to start accepting."""
        try:
            self.control.send(GO)
        except OSError:  # it has just died: its exit is on its way
            pass


def catch_signals(queue: list[int]) -> tuple[socket.socket, socket.socket]:
    """Queue SIGTERM, SIGINT and SIGHUP as they come; the first socket returned turns readable when one has."""
    reader, writer = socket.socketpair()
    reader.setblocking(False)
    writer.setblocking(False)
    signal.set_wakeup_fd(writer.fileno())
    for signum in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
        signal.signal(signum, lambda received, _frame: queue.append(received))
    return reader, writer


def changed_snapshot(current: Snapshot) -> Snapshot | None:
    """A snapshot of the data file if it is valid and differs from the current one; else None, with the reason logged."""
    try:
        snapshot = take_snapshot(current.source)
    except DataFileError as error:
        for problem in error.problems:
            logger.error("%s", problem)
        logger.error("reload refused: %d problem(s); still serving version %s", len(error.problems), current.version)
        return None
    if snapshot.version == current.version:
        logger.info("reload: %s is unchanged (version %s)", snapshot.source, snapshot.version)
        snapshot.close()
        return None
    return snapshot


class Supervisor:
    """The workers of one server, all over one snapshot."""

    def __init__(self, listener: socket.socket, snapshot: Snapshot, count: int, grace: float) -> None:
        self.listener = listener
        self.snapshot = snapshot
        self.count = count
        self.grace = grace
        self.workers: list[Worker] = []
        self.selector = selectors.DefaultSelector()
        self.signals: list[int] = []
        self.failures = 0  # start-ups failed in a row
        self.holding = False  # loaded workers wait for go: at start, until all have loaded; in a reload, until the old stop

    def run(self) -> int:
        """Start the workers, then keep them: replace the dead, reload on SIGHUP, drain on SIGTERM or SIGINT."""
        self.wakeup, self.wakeup_writer = catch_signals(self.signals)
        self.selector.register(self.wakeup, selectors.EVENT_READ, None)
        self.workers = [self._spawn() for _ in range(self.count)]
        self.holding = True  # the server opens with all its workers, so the first connections spread over them all
        self._loaded(self.workers)
        self._release()
        while True:
            self._pump(0.5)
            if self.failures >= GIVE_UP_AFTER:
                logger.error("giving up: %d worker start-ups failed in a row", self.failures)
                self._stop_workers(self.workers)
                return EXIT_NOT_SERVING
            while self.signals:
                signum = self.signals.pop(0)
                if signum == signal.SIGHUP:
                    self._reload()
                else:
                    return self._stop(signum)

    def _spawn(self, snapshot: Snapshot | None = None) -> Worker:
        """Start a worker over a snapshot (the current one by default), and listen to it."""
        worker = Worker.start(self.listener, snapshot or self.snapshot)
        self.selector.register(worker.control, selectors.EVENT_READ, worker)
        return worker

    def _pump(self, timeout: float) -> None:
        """Wait for signals and for what workers say (or their exit), and act on the workers' news."""
        for key, _ in self.selector.select(timeout):
            if key.data is None:
                self.wakeup.recv(4096)  # the handlers have queued the signals themselves
                continue
            worker: Worker = key.data
            heard = worker.hear()
            if heard == b"":
                self._exited(worker)
            for message in (heard or b"").decode("ascii", "replace"):
                self._heard(worker, message.encode())

    def _heard(self, worker: Worker, message: bytes) -> None:
        if message == LOADED:
            worker.state = "loaded"
            if worker in self.workers and not self.holding:
                worker.release()
        elif message == SERVING:
            worker.state = "serving"
            self.failures = 0

    def _exited(self, worker: Worker) -> None:
        self.selector.unregister(worker.control)
        worker.control.close()
        worker.exit_code = worker.process.wait()
        started, worker.state = worker.state == "serving", "exited"
        if worker not in self.workers:
            return  # stopped on purpose
        self.workers.remove(worker)
        if not started:
            self.failures += 1
        logger.warning(
            "worker %d %s with code %d; starting another",
            worker.process.pid,
            "exited" if started else "failed to start",
            worker.exit_code,
        )
        if self.failures < GIVE_UP_AFTER:
            self.workers.append(self._spawn())

    def _stop_workers(self, workers: list[Worker], signum: int = signal.SIGTERM) -> bool:
        """Signal these workers to stop and wait (killing any still there after the grace period); True if all drained."""
        self.workers = [worker for worker in self.workers if worker not in workers]  # their exits are expected now
        for worker in workers:
            if worker.state != "exited":
                worker.process.send_signal(signum)
        deadline = time.monotonic() + self.grace + KILL_MARGIN
        while any(worker.state != "exited" for worker in workers) and time.monotonic() < deadline:
            self._pump(0.05)
        for worker in workers:
            if worker.state != "exited":
                logger.error("worker %d still running %s s after SIGTERM: killed", worker.process.pid, self.grace + KILL_MARGIN)
                worker.process.kill()
                self._exited(worker)
        return all(worker.exit_code == 0 for worker in workers)

    def _stop(self, signum: int) -> int:
        """Refuse new connections, let every worker answer what it has received, and say whether all of it was."""
        logger.info("%s: stopping within %s s", signal.Signals(signum).name, self.grace)
        self.listener.close()  # once the workers close theirs too, new connections are refused, not left waiting
        drained = self._stop_workers(self.workers)
        return EXIT_OK if drained else EXIT_CUT_SHORT

    def _reload(self) -> None:
        """SIGHUP: a new snapshot if the file is valid and changed; new workers load it, then replace all old ones at once."""
        snapshot = changed_snapshot(self.snapshot)
        if snapshot is None:
            return
        fresh = [self._spawn(snapshot) for _ in range(self.count)]
        if not self._loaded(fresh):
            self._stop_workers(fresh)
            snapshot.close()
            logger.error("reload failed: a new worker did not load; still serving version %s", self.snapshot.version)
            return
        old_workers, old_snapshot = self.workers, self.snapshot
        self.workers, self.snapshot, self.holding = fresh, snapshot, True
        started = time.monotonic()
        self._stop_workers(old_workers, RETIRE)  # no new worker accepts until every old one has stopped: one version at a time
        self._release()
        old_snapshot.close()
        logger.info(
            "reloaded: version %s -> %s (old workers drained in %.2f s)",
            old_snapshot.version,
            snapshot.version,
            time.monotonic() - started,
        )

    def _release(self) -> None:
        """Let every loaded worker start accepting."""
        self.holding = False
        for worker in self.workers:
            if worker.state == "loaded":
                worker.release()

    def _loaded(self, workers: list[Worker]) -> bool:
        """Wait until these workers have loaded their data; False if one fails, time runs out, or a stop is asked for."""
        deadline = time.monotonic() + LOAD_TIMEOUT
        while any(worker.state == "loading" for worker in workers):
            if time.monotonic() > deadline or any(signum != signal.SIGHUP for signum in self.signals):
                return False
            self._pump(0.1)
        return all(worker.state == "loaded" for worker in workers)
