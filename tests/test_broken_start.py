"""Broken and hostile data files, in real processes: `lnst-api validate` and start-up both refuse each one
with its line, within a memory cap and a time limit, and start-up exits non-zero without opening a port."""

import os
import resource
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.helpers import BROKEN, ROOT, free_port
from tests.test_data_file import BROKEN_FILES

pytestmark = pytest.mark.process

MEMORY_CAP = 1024 * 1024 * 1024  # address space of the checking process: a loader that expands an alias bomb dies
TIME_LIMIT = 30  # seconds; a loader that expands an alias bomb would not finish
FIFTY_MB = 50 * 1024 * 1024


def capped() -> None:
    """Run in the child before exec: cap its address space."""
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_CAP, MEMORY_CAP))


def run_capped(command: list[str], env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run a command under the memory cap and the time limit."""
    return subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=TIME_LIMIT, preexec_fn=capped)


@pytest.fixture(scope="module")
def fifty_mb_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A 50 MB data file: the bundled file, padded with comment lines."""
    path = tmp_path_factory.mktemp("huge") / "fifty_mb.yaml"
    text = (ROOT / "data" / "lnst.yaml").read_bytes()
    padding = b"# " + b"x" * 1021 + b"\n"
    with path.open("wb") as file:
        file.write(text)
        for _ in range((FIFTY_MB - len(text)) // len(padding) + 1):
            file.write(padding)
    return path


def broken_cases() -> list[tuple[str, int]]:
    """Every broken file with the line its first problem names."""
    return [(name, line) for name, (line, _) in sorted(BROKEN_FILES.items())]


@pytest.mark.parametrize(("name", "line"), broken_cases())
def test_validate_refuses_within_the_caps(name: str, line: int) -> None:
    done = run_capped([sys.executable, "-m", "app.cli", "validate", str(BROKEN / name)])
    assert done.returncode == 1, done.stderr
    assert done.stderr.startswith(f"{BROKEN / name}:{line}:"), done.stderr
    assert "Traceback" not in done.stderr


def test_fifty_megabytes_are_refused_before_they_are_read(fifty_mb_file: Path) -> None:
    assert fifty_mb_file.stat().st_size > FIFTY_MB
    started = time.perf_counter()
    done = run_capped([sys.executable, "-m", "app.cli", "validate", str(fifty_mb_file)])
    assert done.returncode == 1
    assert f"{fifty_mb_file}:1:1: the file is {fifty_mb_file.stat().st_size} bytes, over the limit" in done.stderr
    print(f"50 MB file refused in {time.perf_counter() - started:.2f} s (interpreter start included)")


def refuses_to_start(command: list[str], data: Path) -> subprocess.CompletedProcess[str]:
    """Start a server on a free port over a broken file; check that nothing ever listened there."""
    port = free_port()
    env = {**os.environ, "LNST_DATA_PATH": str(data)}
    process = subprocess.Popen(
        [part.replace("PORT", str(port)) for part in command],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=capped,
    )
    deadline = time.monotonic() + TIME_LIMIT
    while process.poll() is None and time.monotonic() < deadline:
        with socket.socket() as probe:
            assert probe.connect_ex(("127.0.0.1", port)) != 0, "a port was opened over a broken data file"
        time.sleep(0.02)
    out, err = process.communicate(timeout=5)
    return subprocess.CompletedProcess(command, process.returncode, out, err)


SERVE = [sys.executable, "-m", "app.cli", "serve", "--port", "PORT"]
UVICORN = [sys.executable, "-m", "uvicorn", "app.main:app", "--port", "PORT"]


@pytest.mark.parametrize(("name", "line"), broken_cases())
def test_serve_exits_non_zero_without_a_port(name: str, line: int) -> None:
    done = refuses_to_start(SERVE, BROKEN / name)
    assert done.returncode == 1
    assert f"{BROKEN / name}:{line}:" in done.stderr


@pytest.mark.parametrize("name", ["alias_bomb.yaml", "python_object_new.yaml", "dangling_reference.yaml", "list_root.yaml"])
def test_plain_uvicorn_start_up_fails_in_the_lifespan_without_a_port(name: str) -> None:
    done = refuses_to_start(UVICORN, BROKEN / name)
    assert done.returncode != 0
    assert f"{BROKEN / name}:{BROKEN_FILES[name][0]}:" in done.stderr
    assert "Application startup failed" in done.stderr


def test_serve_refuses_fifty_megabytes_without_a_port(fifty_mb_file: Path) -> None:
    done = refuses_to_start(SERVE, fifty_mb_file)
    assert done.returncode == 1 and "over the limit" in done.stderr
