"""One worker process of `lnst-api serve`: the app over the supervisor's snapshot, served by stock uvicorn."""

# Started by the supervisor as `python -m app.server.worker LISTEN_FD CONTROL_FD`, with LNST_DATA_PATH naming the
# snapshot. It serves on the inherited listening socket, with the request gate as its protocol, and only once it has
# loaded, said so, and the supervisor says go; on SIGTERM it drains within the grace period.

import gc

# Importing the app and loading the data make many objects that live as long as the worker, and few reference cycles:
# the cyclic collector, which would walk them again and again meanwhile, waits until the worker has loaded.
gc.disable()

import asyncio
import contextlib
import resource
import select
import signal
import socket
import sys
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from types import FrameType
from typing import Any

import uvicorn
from fastapi import FastAPI

from app.config import Settings
from app.data.store import open_store
from app.main import create_app
from app.server.connection_limits import ConnectionLimits
from app.server.gate_fields import GateFields
from app.server.request_gate import WorkerGates, gate_class
from app.server.supervisor import BACKLOG, EXIT_CUT_SHORT, GO, LOADED, RETIRE, SERVING, log_to_stderr
from app.web.middleware.api_middleware import ServerHooks

STARTUP_FAILURE = 3


class Signals:
    """The stop signals a worker has heard, and the server they go to once it runs."""

    def __init__(self) -> None:
        self.stop = False
        self.retiring = False  # a reload replaces this worker: it stays ready while it drains
        self.server: uvicorn.Server | None = None

    def heard(self, signum: int, frame: FrameType | None) -> None:
        """SIGTERM or SIGINT while uvicorn does not run (it takes them over while it does), or RETIRE at any time."""
        self.retiring = self.retiring or (signum == RETIRE and not self.stop)
        self.stop = True
        if self.server is not None and not self.server.should_exit:
            self.server.handle_exit(signal.SIGTERM, frame)


def wait_for_go(control: socket.socket, signals: Signals) -> bool:
    """Say the data is loaded; wait for go (False if the supervisor has gone or a stop signal came first)."""
    with contextlib.suppress(OSError):
        control.send(LOADED)
    while not signals.stop:
        if select.select([control], [], [], 0.2)[0]:
            try:
                return control.recv(1) == GO
            except OSError:
                return False
    return False


def serving_lifespan(app: FastAPI, control: socket.socket, gates: WorkerGates, signals: Signals) -> None:
    """Wrap the app's lifespan: once serving, check the gates' deadlines and stop if the supervisor goes away."""
    loaded = app.router.lifespan_context

    def supervisor_gone() -> None:
        with contextlib.suppress(BlockingIOError):
            if control.recv(16):
                return
        asyncio.get_running_loop().remove_reader(control.fileno())
        if signals.server is not None:
            signals.server.handle_exit(signal.SIGTERM, None)

    @asynccontextmanager
    async def lifespan(application: Any) -> AsyncIterator[Any]:
        async with loaded(application) as state:
            gates.start_ticking()
            control.setblocking(False)
            asyncio.get_running_loop().add_reader(control.fileno(), supervisor_gone)
            with contextlib.suppress(OSError):
                control.send(SERVING)
            yield state

    app.router.lifespan_context = lifespan


def main(argv: Sequence[str] | None = None) -> int:
    """Serve until stopped; exit 0 when every connection drained, 5 when some were cut, 3 when start-up failed."""
    listen_fd, control_fd = (int(argument) for argument in (argv if argv is not None else sys.argv[1:]))
    signals = Signals()
    for signum in (signal.SIGTERM, signal.SIGINT, RETIRE):
        signal.signal(signum, signals.heard)
    signal.signal(signal.SIGHUP, signal.SIG_IGN)  # reloads are the supervisor's
    log_to_stderr()
    settings = Settings()
    app = create_app(settings)
    app.state.store = open_store(settings)  # loaded before uvicorn starts; the lifespan keeps it
    gc.freeze()  # what start-up made stays out of later collections
    gc.enable()
    control = socket.socket(fileno=control_fd)
    if not wait_for_go(control, signals):
        return 0
    limits = ConnectionLimits(settings.max_connections, resource.getrlimit(resource.RLIMIT_NOFILE)[0])
    gates = WorkerGates(limits, settings.head_timeout, settings.keep_alive_timeout, settings.send_timeout, settings.grace_period)
    gates.on_stop = lambda: setattr(app.state, "draining", not signals.retiring)
    hooks: ServerHooks = app.state.server_hooks
    gates.cached_response = hooks.cached_response if settings.response_cache else None  # sent with no task, no framework
    serving_lifespan(app, control, gates, signals)
    config = uvicorn.Config(
        GateFields(app, gates.answered),  # outside Starlette: the gate's fields never reach a middleware
        http=gate_class(gates),
        lifespan="on",
        # The gate keeps the keep-alive and head deadlines; uvicorn's own keep-alive only backs them up.
        timeout_keep_alive=settings.keep_alive_timeout + int(settings.head_timeout) + 1,
        timeout_graceful_shutdown=int(settings.grace_period) + 2,  # the gates cut what is left at the grace period
        access_log=False,  # the API's middleware writes its own JSON access log
        server_header=False,  # do not advertise the server software
        proxy_headers=True,
        log_level="warning",
        backlog=BACKLOG,
    )
    server = signals.server = uvicorn.Server(config)
    server.run(sockets=[socket.socket(fileno=listen_fd)])
    if not server.started:
        return STARTUP_FAILURE
    return EXIT_CUT_SHORT if gates.cut else 0


if __name__ == "__main__":
    sys.exit(main())
