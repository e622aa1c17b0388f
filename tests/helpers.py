"""Helpers the tests share: paths, the problem-body check, requests sent to an app in one batch, and starting a real
server process."""

import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import anyio
import httpx2
import yaml
from starlette.testclient import TestClient
from starlette.types import Message

from app.data.data_file import SafeLoader

TESTS = Path(__file__).parent
ROOT = TESTS.parent
TINY = TESTS / "data" / "tiny.yaml"
BROKEN = TESTS / "data" / "broken"
SOURCE_TEXT = ROOT / "data" / "source" / "000_d93237738c31802a.txt"
NPM = shutil.which("npm")
NPM_TOOLS = ("openapi-typescript", "openapi-ts", "tsc", "redocly", "spectral")


def npm_tools() -> Path:
    """node_modules/.bin, installed from package-lock.json when a tool is missing."""
    binaries = ROOT / "node_modules" / ".bin"
    if not all((binaries / tool).exists() for tool in NPM_TOOLS):
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=ROOT, check=True, capture_output=True, timeout=600)
    return binaries


def assert_problem(response: httpx2.Response, status: int) -> dict[str, object]:
    """Check a response is an RFC 9457 problem with this status, and return its body."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/problem+json"
    body: dict[str, object] = response.json()
    assert body["status"] == status
    assert set(body) >= {"type", "title", "status", "detail", "instance"}
    assert isinstance(body["detail"], str) and body["detail"]
    assert "Traceback" not in response.text
    return body


def problems_with_a_line_replaced(starts_with: str, line: str) -> str:
    """The bundled data file with its first line starting so replaced by this one: the problems it raises, as text."""
    from app.data.data_file import DataFileError, parse_source

    text = (ROOT / "data" / "lnst.yaml").read_text(encoding="utf-8")
    first = next(row for row in text.splitlines() if row.startswith(starts_with))
    try:
        parse_source(text.replace(first, line).encode(), "lnst.yaml")
    except DataFileError as error:
        return str(error)
    raise AssertionError("the file was accepted")


Answer = tuple[int, dict[str, str], bytes]


def answers_as_sent(client: TestClient, requests: Iterable[tuple[str, str, Mapping[str, str]]]) -> list[Answer]:
    """(method, URL, headers) sent in turn to the client's app, built as the client builds them and run on its event loop
    with one thread hop for all of them (the client takes several per request): each answer's status, headers less the
    request id, and body exactly as sent, not decoded."""
    built = [client.build_request(method, url, headers=dict(headers)) for method, url, headers in requests]
    portal = client.portal
    assert portal is not None, "enter the client with `with` first"

    async def send_all() -> list[Answer]:
        return [await exchange(client, request) for request in built]

    return portal.call(send_all)


async def exchange(client: TestClient, request: httpx2.Request) -> Answer:
    """One request to the client's app with the scope Starlette's TestClient gives it; the answer as sent."""
    url = request.url
    scope = {
        "type": "http",
        "http_version": "1.1",
        "method": request.method,
        "path": unquote(url.path),
        "raw_path": url.raw_path.split(b"?", 1)[0],
        "root_path": "",
        "scheme": url.scheme,
        "query_string": url.query,
        "headers": [(key.lower().encode(), value.encode()) for key, value in request.headers.multi_items()],
        "client": ("testclient", 50000),
        "server": [url.host, url.port or 80],
        "extensions": {"http.response.debug": {}, "http.response.trailers": {}},
        "state": client.app_state.copy(),
    }
    body = request.read()
    received = False
    complete = anyio.Event()
    status, fields, parts = 0, httpx2.Headers(), []

    async def receive() -> Message:
        nonlocal received
        if received:
            await complete.wait()
            return {"type": "http.disconnect"}
        received = True
        return {"type": "http.request", "body": body, "more_body": False}

    async def send(message: Message) -> None:
        nonlocal status, fields
        if message["type"] == "http.response.start":
            status, fields = message["status"], httpx2.Headers(message.get("headers", []))
        elif message["type"] == "http.response.body":
            parts.append(message.get("body", b""))
            if not message.get("more_body", False):
                complete.set()

    await client.app(scope, receive, send)
    assert status and complete.is_set(), (request.url, status)
    return status, {key: value for key, value in fields.items() if key != "x-request-id"}, b"".join(parts)


def free_port() -> int:
    """A port nothing listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def start_server(port: int, data: Path | None = None) -> subprocess.Popen[bytes]:
    """Start `lnst-api serve` in its own process."""
    env = dict(os.environ)
    if data is not None:
        env["LNST_DATA_PATH"] = str(data)
    command = [sys.executable, "-m", "app.cli", "serve", "--port", str(port)]
    return subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def wait_ready(base: str, process: subprocess.Popen[bytes], seconds: float = 20) -> None:
    """Poll /readyz until it answers 200."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            _, err = process.communicate()
            raise AssertionError(f"the server exited: {err.decode()}")
        try:
            if httpx2.get(f"{base}/readyz").status_code == 200:
                return
        except httpx2.TransportError:
            time.sleep(0.05)
    raise AssertionError("the server did not become ready")


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")  # Debian's
# Headless Chromium that reaches 127.0.0.1 and nothing else: every other host fails to resolve or meets a closed proxy.
OFFLINE_CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
    "--proxy-server=127.0.0.1:9",
    "--proxy-bypass-list=127.0.0.1",
]


def read_yaml(path: Path) -> Any:
    """A YAML file's plain values, read with the safe loader the app reads its data file with (libyaml's)."""
    return yaml.load(path.read_text(encoding="utf-8"), Loader=SafeLoader)
