"""The baseline: a bare ASGI app (no framework) answering fixed paths with fixed bytes.

The bodies come from the JSON file named by BARE_BODIES: {"/path?query": "<body as text>"}.
"""

import json
import os
from typing import Any

BODIES = {
    key.encode(): value.encode() for key, value in json.loads(open(os.environ["BARE_BODIES"], encoding="utf-8").read()).items()
}
NOT_FOUND = [(b"content-type", b"text/plain"), (b"content-length", b"9")]


async def app(scope: dict[str, Any], receive: Any, send: Any) -> None:
    """Send the stored body for the request's path and query, or 404."""
    if scope["type"] != "http":
        return
    key = scope["raw_path"] + (b"?" + scope["query_string"] if scope["query_string"] else b"")
    body = BODIES.get(key)
    if body is None:
        await send({"type": "http.response.start", "status": 404, "headers": NOT_FOUND})
        await send({"type": "http.response.body", "body": b"not found"})
        return
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
    await send({"type": "http.response.start", "status": 200, "headers": headers})
    await send({"type": "http.response.body", "body": body})
