"""Helpers the benchmarks share: the repo root on sys.path, an in-process ASGI caller, statistics."""

import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


async def call(app: Any, url: str, headers: list[tuple[bytes, bytes]] | None = None) -> tuple[int, bytes]:
    """Send one GET through an ASGI app in this process; return status and body."""
    from app.web.openapi import get_in_process

    return await get_in_process(app, url, headers)


def median_us(run: Callable[[], object], repeat: int) -> float:
    """Median wall time of `run`, in microseconds."""
    samples = []
    for _ in range(repeat):
        start = time.perf_counter_ns()
        run()
        samples.append((time.perf_counter_ns() - start) / 1000)
    return statistics.median(samples)


async def median_request_us(app: Any, url: str, repeat: int) -> float:
    """Median in-process time of one GET through the app, in microseconds."""
    samples = []
    for _ in range(repeat):
        start = time.perf_counter_ns()
        status, _ = await call(app, url)
        samples.append((time.perf_counter_ns() - start) / 1000)
        assert status == 200, (url, status)
    return statistics.median(samples)
