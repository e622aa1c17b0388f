"""The access log: one JSON line per request, with its request id."""

import json
import logging
import sys
import time

from starlette.types import Scope

logger = logging.getLogger("lnst_api.access")


def write_to_stdout() -> None:
    """Send the access log to stdout, one bare JSON line per record (once per process)."""
    if logger.handlers:
        return
    handler = logging.StreamHandler(sys.stdout)
    handler.setFormatter(logging.Formatter("%(message)s"))
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    logger.propagate = False


def log_request(scope: Scope, request_id: bytes, status: int, size: int, started: float) -> None:
    """Write one request's line."""
    client = scope.get("client") or ("", 0)
    record = {
        "time": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "request_id": request_id.decode(),
        "client": client[0],
        "method": scope["method"],
        "path": scope["path"],
        "query": scope["query_string"].decode("latin-1"),
        "status": status,
        "bytes": size,
        "duration_ms": round((time.perf_counter() - started) * 1000, 3),
    }
    logger.info(json.dumps(record, ensure_ascii=False))
