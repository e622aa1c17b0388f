"""Helpers the tests share: paths, the problem-body check, and starting a real server process."""

import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx2

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
