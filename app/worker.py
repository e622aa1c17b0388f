"""One worker process of `lnst-api serve`: the app over the supervisor's snapshot (LNST_DATA_PATH names it), served by
uvicorn on the inherited listening socket. It loads, says so, and serves only once the supervisor says go; on SIGTERM
it drains within the grace period. Started by the supervisor as `python -m app.worker LISTEN_FD CONTROL_FD`."""

import gc

# Importing the app and loading the data make many objects that live as long as the worker, and few reference cycles:
# the cyclic collector, which would walk them again and again meanwhile, waits until the worker has loaded.
gc.disable()

import asyncio
import contextlib
import logging
import resource
import signal
import socket
import sys
import time
from collections.abc import Sequence
from types import FrameType

import uvicorn
from fastapi import FastAPI
from uvicorn.config import STARTUP_FAILURE

from app.config import Settings
from app.connections import Rules, ServedConnection
from app.edge.stack import Edge
from app.limits import Admission, ConnectionLimits
from app.main import create_app
from app.supervisor import BACKLOG, EXIT_CUT_SHORT, GO, LOADED, RETIRE, SERVING, log_to_stderr

logger = logging.getLogger("lnst_api")


class WorkerServer(uvicorn.Server):
    """uvicorn's server, started by the supervisor's word and stopped within a deadline."""

    def __init__(self, config: uvicorn.Config, app: FastAPI, control: socket.socket, rules: Rules, grace: float):
        super().__init__(config)
        self.app = app
        self.control = control
        self.rules = rules
        self.grace = grace
        self.cut = 0
        app.state.draining = False

    def handle_exit(self, sig: int, frame: FrameType | None) -> None:
        """SIGTERM or SIGINT: readiness fails from now on; the main loop starts the drain within 0.1 s. RETIRE (a reload
        replaces this worker): the same drain, but ready until the end, as the server as a whole stays up."""
        self.app.state.draining = self.app.state.draining or sig != RETIRE
        if self.should_exit and sig == signal.SIGINT:
            self.force_exit = True
        self.should_exit = True  # the signal is not raised again on the way out: the exit code says how it went

    async def startup(self, sockets: list[socket.socket] | None = None) -> None:
        """Load the data (the app's lifespan), wait for the supervisor's go, then accept connections."""
        await self.lifespan.startup()
        if self.lifespan.should_exit:
            sys.exit(STARTUP_FAILURE)
        # What start-up made stays: later collections leave it out. The few hundred objects it left unreachable stay too
        # (a full collection now would take longer than the pause saved).
        gc.freeze()
        gc.enable()
        if not await self._released():
            self.should_exit = True
            return
        loop = asyncio.get_running_loop()
        self.servers = [await loop.create_server(self._connection, sock=listener, backlog=BACKLOG) for listener in sockets or []]
        self.started = True
        loop.add_reader(self.control.fileno(), self._hear_supervisor)
        self._tell(SERVING)

    async def on_tick(self, counter: int) -> bool:
        """uvicorn's tick (ten a second), which also closes the connections past their deadline for a request head."""
        self.rules.close_overdue(time.monotonic())
        return await super().on_tick(counter)

    def _connection(self) -> ServedConnection:
        return ServedConnection(self.config, self.server_state, self.lifespan.state, self.rules)

    async def _released(self) -> bool:
        """Say the data is loaded; wait for go (False if the supervisor has gone, or this worker is being stopped)."""
        self._tell(LOADED)
        loop = asyncio.get_running_loop()
        while not self.should_exit:
            try:
                message = await asyncio.wait_for(loop.sock_recv(self.control, 1), 0.2)
            except TimeoutError:
                continue
            return message == GO
        return False

    def _tell(self, message: bytes) -> None:
        with contextlib.suppress(OSError):
            self.control.send(message)

    def _hear_supervisor(self) -> None:
        try:
            message = self.control.recv(16)
        except BlockingIOError:
            return
        except OSError:
            message = b""
        if not message:  # the supervisor has gone: stop, as on SIGTERM
            asyncio.get_running_loop().remove_reader(self.control.fileno())
            self.handle_exit(signal.SIGTERM, None)

    async def shutdown(self, sockets: list[socket.socket] | None = None) -> None:
        """Stop accepting, answer what was received, close; at the grace period cut what is left, then unload."""
        for server in self.servers:
            server.close()
        for listener in sockets or []:
            listener.close()
        connections = self.server_state.connections
        for connection in list(connections):
            connection.shutdown()
        loop = asyncio.get_running_loop()
        deadline = loop.time() + self.grace
        tasks = self.server_state.tasks
        while (connections or tasks) and loop.time() < deadline and not self.force_exit:
            await asyncio.sleep(0.02)
        self.cut = sum(1 for connection in connections if not getattr(connection, "lingering", False))
        if self.cut or tasks:
            logger.warning(
                "grace period of %s s over: %d connection(s) cut, %d request(s) cancelled", self.grace, self.cut, len(tasks)
            )
        for connection in list(connections):
            connection.transport.abort()
        for task in list(tasks):
            task.cancel()
        await asyncio.sleep(0)
        await self.lifespan.shutdown()


def main(argv: Sequence[str] | None = None) -> int:
    """Serve until stopped; exit 0 when every connection drained, 5 when some were cut, 3 when start-up failed."""
    listen_fd, control_fd = (int(argument) for argument in (argv if argv is not None else sys.argv[1:]))
    signal.signal(signal.SIGHUP, signal.SIG_IGN)  # reloads are the supervisor's
    log_to_stderr()
    settings = Settings()
    app = create_app(settings)
    config = uvicorn.Config(
        app,
        lifespan="on",
        timeout_keep_alive=settings.keep_alive_timeout,
        access_log=False,  # the app writes its own JSON access log
        server_header=False,  # do not advertise the server software
        proxy_headers=True,
        log_level="warning",
    )
    limits = ConnectionLimits(settings.max_connections, resource.getrlimit(resource.RLIMIT_NOFILE)[0])
    edge = app.middleware_stack
    answer_at_once = edge.answer_at_once if isinstance(edge, Edge) and settings.fast_path else None  # kept answers: no framework
    rules = Rules(limits, Admission(), settings.head_timeout, settings.send_timeout, answer_at_once, settings.keep_alive_timeout)
    control = socket.socket(fileno=control_fd)
    server = WorkerServer(config, app, control, rules, settings.grace_period)
    signal.signal(RETIRE, server.handle_exit)
    server.run(sockets=[socket.socket(fileno=listen_fd)])
    return EXIT_CUT_SHORT if server.cut else 0


if __name__ == "__main__":
    sys.exit(main())
