"""The committed openapi.json as integrators meet it: linted by Redocly and Spectral, and turned into clients by
openapi-python-client and @hey-api/openapi-ts (pinned in pyproject.toml and package-lock.json). Each client must
generate with no warning, type-check strictly, and run its example (clients/python/example.py,
clients/typescript/runtime-example.ts) against a real server."""

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.helpers import NPM, ROOT, npm_tools

pytestmark = [
    pytest.mark.npm,  # and a real server: the `server` fixture makes them process tests too
    pytest.mark.skipif(NPM is None, reason="node and npm are not installed; the generator and lint checks run where they are"),
]

DOCUMENT = ROOT / "openapi.json"
VENV_BIN = Path(sys.executable).parent
QUIET_NODE = {"NO_COLOR": "1", "FORCE_COLOR": "0", "REDOCLY_TELEMETRY": "off", "REDOCLY_SUPPRESS_UPDATE_NOTICE": "true"}
# The example's lines, in order: list, read by name and by number, search (typed hits), CSV, a typed 404, and a 304.
EXPECTED = [
    r"list: 14 divisions, the first 办公室",
    r"read 人事处: division 14 机关党委办公室 \(.+\)",
    r"read 14: division 14 机关党委办公室 \(.+\)",
    r"search: 科技企业服务处, score \d\.\d\d, .+",
    r"csv: n,label,name,heading,.+",
    r"404: Not Found: No division has the number, id or name '财务处': see /v1/divisions\.",
    r'conditional GET: 304 with ETag "[0-9a-f]+-[0-9a-f]+"',
]
# openapi-python-client's own client.py passes `*args: object` on to httpx's typed __exit__, which mypy --strict
# refuses (arg-type) whatever the document says; everything generated from the document is checked in full.
MYPY_CONFIG = "[mypy]\nstrict = True\n\n[mypy-lnst_api_client.client]\ndisable_error_code = arg-type\n"
TSCONFIG = {
    "compilerOptions": {
        "target": "ES2022",
        "module": "commonjs",
        "moduleResolution": "node10",
        "lib": ["ES2022", "DOM"],
        "types": ["node"],
        "typeRoots": [str(ROOT / "node_modules" / "@types")],
        "strict": True,
        "noUncheckedIndexedAccess": True,
        "skipLibCheck": False,
        "outDir": "out",
    },
    "files": ["runtime-example.ts"],
}


def run(command: list[str], cwd: Path, timeout: float = 300, **env: str) -> subprocess.CompletedProcess[str]:
    """Run a tool; its output, both streams together, as text."""
    environment = {**os.environ, "PATH": f"{VENV_BIN}{os.pathsep}{os.environ['PATH']}", **env}
    return subprocess.run(
        command, cwd=cwd, env=environment, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, timeout=timeout
    )


def assert_example_ran(done: subprocess.CompletedProcess[str]) -> None:
    """The example exited 0 and printed each expected line."""
    assert done.returncode == 0, done.stdout
    lines = done.stdout.strip().splitlines()
    assert len(lines) == len(EXPECTED), done.stdout
    for line, pattern in zip(lines, EXPECTED, strict=True):
        assert re.fullmatch(pattern, line), (line, pattern)
    print(done.stdout)


def test_redocly_recommended_finds_no_error() -> None:
    done = run([str(npm_tools() / "redocly"), "lint", str(DOCUMENT), "--format", "json"], ROOT, **QUIET_NODE)
    report: dict[str, Any] = json.loads(done.stdout[done.stdout.index("{") : done.stdout.rindex("}") + 1])
    warnings = sorted({problem["ruleId"] for problem in report["problems"] if problem["severity"] == "warn"})
    print("redocly", report["version"], report["totals"], warnings)
    assert report["totals"]["errors"] == 0, report["problems"]
    assert warnings in ([], ["operation-4xx-response"])  # operations that cannot answer a 4xx


def test_spectral_oas_warns_of_nothing_but_a_contact() -> None:
    done = run([str(npm_tools() / "spectral"), "lint", str(DOCUMENT), "--ruleset", ".spectral.yaml", "-f", "json"], ROOT)
    results: list[dict[str, Any]] = json.loads(done.stdout[done.stdout.index("[") : done.stdout.rindex("]") + 1])
    print("spectral", [(result["code"], result["severity"]) for result in results])
    assert [result["code"] for result in results] == ["info-contact"]


@pytest.fixture(scope="module")
def python_client(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A directory holding the client openapi-python-client generates, and clients/python/example.py."""
    where = tmp_path_factory.mktemp("python-client")
    config = ROOT / "clients" / "python" / "config.yaml"  # the Atom feed is read as text
    command = [str(VENV_BIN / "openapi-python-client"), "generate", "--path", str(DOCUMENT), "--meta", "none"]
    command += ["--config", str(config)]
    done = run([*command, "--output-path", str(where / "lnst_api_client"), "--fail-on-warning"], where)
    version = run([str(VENV_BIN / "openapi-python-client"), "--version"], where).stdout.strip()
    print(version, "says:", done.stdout.strip())
    assert done.returncode == 0, done.stdout
    assert "warning" not in done.stdout.lower() and "error" not in done.stdout.lower(), done.stdout
    shutil.copy(ROOT / "clients" / "python" / "example.py", where)
    (where / "mypy.ini").write_text(MYPY_CONFIG, encoding="utf-8")
    return where


def test_python_client_type_checks_strictly(python_client: Path) -> None:
    done = run([str(VENV_BIN / "mypy"), "--config-file", "mypy.ini", "lnst_api_client", "example.py"], python_client)
    assert done.returncode == 0, done.stdout
    assert done.stdout.startswith("Success: no issues found")


def test_python_client_lists_reads_searches_and_revalidates(python_client: Path, server: str) -> None:
    assert_example_ran(run([sys.executable, "example.py", server], python_client, timeout=60))


@pytest.fixture(scope="module")
def typescript_client(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A directory holding the client @hey-api/openapi-ts generates, and clients/typescript/runtime-example.ts."""
    where = tmp_path_factory.mktemp("typescript-client")
    tools = npm_tools()
    command = [str(tools / "openapi-ts"), "-i", str(DOCUMENT), "-o", str(where / "lnst-api-client")]
    done = run([*command, "-c", "@hey-api/client-fetch", "--no-log-file"], where, **QUIET_NODE)
    print(run([str(tools / "openapi-ts"), "--version"], where).stdout.strip(), "says:", done.stdout.strip())
    assert done.returncode == 0, done.stdout
    assert "warn" not in done.stdout.lower() and "error" not in done.stdout.lower(), done.stdout
    shutil.copy(ROOT / "clients" / "typescript" / "runtime-example.ts", where)
    (where / "tsconfig.json").write_text(json.dumps(TSCONFIG), encoding="utf-8")
    return where


@pytest.fixture(scope="module")
def typescript_build(typescript_client: Path) -> subprocess.CompletedProcess[str]:
    """tsc --strict over the generated client and the example, compiled to out/."""
    return run([str(npm_tools() / "tsc"), "-p", "."], typescript_client)


def test_typescript_client_compiles_strictly(typescript_build: subprocess.CompletedProcess[str]) -> None:
    assert typescript_build.returncode == 0, typescript_build.stdout


def test_typescript_client_lists_reads_searches_and_revalidates(
    typescript_client: Path, typescript_build: subprocess.CompletedProcess[str], server: str
) -> None:
    assert typescript_build.returncode == 0, typescript_build.stdout
    node = shutil.which("node") or "node"
    assert_example_ran(run([node, "out/runtime-example.js", server], typescript_client, timeout=60))
