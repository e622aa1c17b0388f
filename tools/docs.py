"""The documentation's examples and generated parts: found in README.md, CONTRIBUTING.md and docs/*.md, run, rewritten.

`make docs` (python -m tools.docs) starts a server, runs every shell example and writes what each printed into the
output block after it, and regenerates the parts between `<!-- generated: NAME -->` and `<!-- end generated -->`.
tests/test_docs_examples.py runs the same examples and fails when a page differs from what this would write.
The conventions are CONTRIBUTING.md's ("Examples in the docs").
"""

import json
import os
import re
import subprocess
import sys
import tempfile
import time
import urllib.request
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SHELL = {"sh", "bash", "shell"}
OUTPUT = {"json", "text"}
SOURCE = {"python", "ts", "typescript"}
FENCE = re.compile(r"^```([\w-]*)\s*$")
MARK = re.compile(r"^<!-- docs: (not run|not an example|exit|status|from)\b:?\s*(.*?)\s*-->$")
GENERATED = re.compile(r"^<!-- generated: ([\w-]+) -->$")
END_GENERATED = "<!-- end generated -->"
ADDRESS = re.compile(r"\b(?:localhost|127\.0\.0\.1):8000\b")
LONG_STRING, LONG_LIST = 60, 3  # how an output block shortens JSON (CONTRIBUTING.md)


def pages(root: Path = ROOT) -> list[Path]:
    """Every page whose examples run: README.md, CONTRIBUTING.md, CHANGELOG.md and every docs/*.md."""
    named = [root / name for name in ("README.md", "CONTRIBUTING.md", "CHANGELOG.md")]
    return [page for page in named if page.exists()] + sorted((root / "docs").glob("*.md"))


@dataclass
class Block:
    """One fenced block of a page: where it is, its language, its text and the marks written above it."""

    page: Path
    line: int  # the opening fence's line number, from 1
    language: str
    text: str
    marks: dict[str, str] = field(default_factory=dict)
    output: "Block | None" = None  # the output block right after a shell example
    kind: str = ""  # run, not run, output, excerpt, not an example, or unclassified

    @property
    def name(self) -> str:
        """page:line, as pytest ids and messages show it."""
        return f"{self.page.relative_to(ROOT)}:{self.line}"


def blocks(page: Path) -> list[Block]:
    """The page's fenced blocks, each classified (CONTRIBUTING.md says how)."""
    lines = page.read_text(encoding="utf-8").splitlines()
    found: list[Block] = []
    index, previous_end = 0, -2
    while index < len(lines):
        opening = FENCE.match(lines[index])
        if not opening:
            index += 1
            continue
        end = next(i for i in range(index + 1, len(lines)) if lines[i].rstrip() == "```")
        block = Block(page, index + 1, opening.group(1), "\n".join(lines[index + 1 : end]), marks_above(lines, index))
        after_example = (
            bool(found) and found[-1].kind == "run" and all(not line.strip() for line in lines[previous_end + 1 : index])
        )
        block.kind = classify(block, after_example)
        if block.kind == "output":
            found[-1].output = block
        found.append(block)
        index, previous_end = end + 1, end
    return found


def marks_above(lines: list[str], index: int) -> dict[str, str]:
    """The `<!-- docs: … -->` lines directly above a fence."""
    marks: dict[str, str] = {}
    while index > 0 and (mark := MARK.match(lines[index - 1].strip())):
        marks[mark.group(1)] = mark.group(2)
        index -= 1
    return marks


def classify(block: Block, after_example: bool) -> str:
    """What the block is: run, not run, output, excerpt, not an example, or unclassified (a test fails on it)."""
    if "not an example" in block.marks and block.marks["not an example"]:
        return "not an example"
    if block.language in SHELL:
        return "not run" if block.marks.get("not run") else "run"
    if block.language in OUTPUT and after_example and not block.marks:
        return "output"
    if block.language in SOURCE and block.marks.get("from"):
        return "excerpt"
    return "unclassified"


def every_block() -> list[Block]:
    """The blocks of every page, in page order."""
    return [block for page in pages() for block in blocks(page)]


def localize(text: str, port: int) -> str:
    """The example as run: localhost:8000 and 127.0.0.1:8000 become the started server's address."""
    return ADDRESS.sub(f"127.0.0.1:{port}", text)


def delocalize(text: str, port: int) -> str:
    """Output as the page shows it: the started server's address back to 127.0.0.1:8000."""
    return re.sub(rf"\b(?:localhost|127\.0\.0\.1):{port}\b", "127.0.0.1:8000", text)


def shorten(value: Any) -> Any:
    """JSON as an output block shows it: long strings end in …, long lists show their first items and how many more."""
    if isinstance(value, str) and len(value) > LONG_STRING:
        return value[: LONG_STRING - 1] + "…"
    if isinstance(value, list):
        kept = [shorten(item) for item in value[:LONG_LIST]]
        return kept + [f"… {len(value) - LONG_LIST} more"] if len(value) > LONG_LIST else kept
    if isinstance(value, dict):
        return {key: shorten(item) for key, item in value.items()}
    return value


def shown(language: str, output: str) -> str:
    """What an output block holds for this output: JSON documents shortened and indented, text as printed."""
    if language != "json":
        return "\n".join(line.rstrip() for line in output.rstrip("\n").splitlines())
    decoder, documents, at = json.JSONDecoder(), [], 0
    while at < len(output.rstrip()):
        while output[at].isspace():
            at += 1
        document, at = decoder.raw_decode(output, at)
        documents.append(layout(shorten(document)))
    return "\n".join(documents)


def layout(value: Any, indent: int = 0) -> str:
    """JSON indented by two spaces, each object or list on one line where it fits in 100 characters."""
    flat = json.dumps(value, ensure_ascii=False, separators=(", ", ": "))
    if indent + len(flat) <= 100 or not isinstance(value, dict | list) or not value:
        return flat
    inner = " " * (indent + 2)
    if isinstance(value, list):
        items = [inner + layout(item, indent + 2) for item in value]
        return "[\n" + ",\n".join(items) + "\n" + " " * indent + "]"
    members = [f"{inner}{json.dumps(key, ensure_ascii=False)}: {layout(item, indent + 2)}" for key, item in value.items()]
    return "{\n" + ",\n".join(members) + "\n" + " " * indent + "}"


@dataclass
class Ran:
    """What an example did: its exit status, its output (stdout and stderr as a terminal shows them), the statuses served."""

    returncode: int
    output: str
    statuses: list[int]


class Examples:
    """Runs shell examples against a server on `port` whose JSON access log is `log`, in a scratch directory."""

    def __init__(self, port: int, log: Path, scratch: Path) -> None:
        """Link the checkout's files into the scratch directory, so examples read them and write beside them."""
        self.port, self.log, self.scratch, self.runs = port, log, scratch, 0
        (scratch / ".curlrc").write_text("no-progress-meter\n", encoding="utf-8")  # as a terminal shows a body
        for entry in ROOT.iterdir():
            if entry.name not in {".git", "tests"} and not (scratch / entry.name).exists():
                (scratch / entry.name).symlink_to(entry)
        if not (scratch / "tests").exists():
            (scratch / "tests").symlink_to(ROOT / "tests")
        bin_first = f"{ROOT / '.venv' / 'bin'}{os.pathsep}{os.environ['PATH']}"
        self.env = {**os.environ, "PATH": bin_first, "CURL_HOME": str(scratch), "LC_ALL": "C.UTF-8"}

    def run(self, block: Block) -> Ran:
        """Run the block with bash -e -o pipefail, and read the statuses of the requests it made from the access log."""
        self.runs += 1
        name = f"{uuid.uuid4().hex}-{self.runs}"
        before = self.marker(f"before-{name}")
        done = subprocess.run(
            ["bash", "-e", "-o", "pipefail", "-c", localize(block.text, self.port)],
            cwd=self.scratch,
            env=self.env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            errors="replace",
            timeout=120,
        )
        after = self.marker(f"after-{name}")
        statuses = [line["status"] for line in self.log_lines(before, after)]
        return Ran(done.returncode, delocalize(done.stdout, self.port), statuses)

    def marker(self, name: str) -> int:
        """Ask /healthz?docs=name and wait until the log has its line; the number of log lines up to it."""
        self.ask(name)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            lines = self.log.read_text(encoding="utf-8").splitlines()
            for number, line in enumerate(lines):
                if f'"docs={name}"' in line:
                    return number
            time.sleep(0.05)
            self.ask("nudge")  # a request makes a worker write what its log holds sooner
        raise AssertionError(f"the access log never showed the marker request {name}")

    def ask(self, name: str) -> None:
        """GET /healthz?docs=name."""
        with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/healthz?docs={name}", timeout=10) as answer:
            answer.read()

    def log_lines(self, before: int, after: int) -> list[dict[str, Any]]:
        """The access log's lines between two markers, other markers left out."""
        lines = self.log.read_text(encoding="utf-8").splitlines()[before + 1 : after]
        parsed = [json.loads(line) for line in lines if line.startswith("{")]
        return [line for line in parsed if not str(line.get("query", "")).startswith("docs=")]


def check(block: Block, ran: Ran) -> list[str]:
    """What is wrong with a run example: its exit status, the statuses it was served, its output against the page."""
    problems = []
    expected_exit = int(block.marks.get("exit", "0"))
    if ran.returncode != expected_exit:
        problems.append(f"exited {ran.returncode}, not {expected_exit}:\n{ran.output}")
    allowed = {int(status) for status in block.marks.get("status", "200 304").split()}
    if ADDRESS.search(block.text) and not ran.statuses:
        problems.append(f"made no request the server answered (its access log has none):\n{ran.output}")
    if wrong := [status for status in ran.statuses if status not in allowed]:
        problems.append(f"was answered {wrong}; the page allows {sorted(allowed)}")
    if "status" in block.marks and not allowed <= set(ran.statuses):
        problems.append(f"was answered {ran.statuses}; the page says {sorted(allowed)}")
    if block.output is not None:
        try:
            now = shown(block.output.language, ran.output)
        except ValueError as error:
            return [*problems, f"printed no JSON ({error}):\n{ran.output}"]
        if now != block.output.text:
            problems.append(f"printed other output than the page shows (make docs rewrites it):\n{now}")
    return problems


# --- Generated parts ------------------------------------------------------------------------------------------


def settings_table() -> str:
    """The LNST_* variables, from app.config.Settings: name, default and description."""
    from app.config import Settings

    rows = ["| Variable | Default | Allowed | Meaning |", "| --- | --- | --- | --- |"]
    for name, info in Settings.model_fields.items():
        if info.default_factory is not None:
            default = "the bundled `data/lnst.yaml`"
        else:
            default = f"`{info.default if isinstance(info.default, str) else json.dumps(info.default)}`"
        bounds = [
            f"{word} {getattr(rule, attribute)}"
            for rule in info.metadata
            for attribute, word in BOUNDS.items()
            if getattr(rule, attribute, None) is not None
        ]
        rows.append(f"| `LNST_{name.upper()}` | {default} | {', '.join(bounds) or 'any'} | {info.description} |")
    return "\n".join(rows)


BOUNDS = {"ge": "≥", "gt": ">", "le": "≤", "lt": "<"}


def facts() -> str:
    """The data's counts, as the README states them."""
    from app.config import Settings
    from app.data.store import open_store

    store = open_store(Settings())
    outside = sum(1 for subject in store.subjects if subject.agency)
    return (
        f"{len(store.duties)} main duties, {len(store.divisions)} divisions with {len(store.mandates)} mandate items, "
        f"{counted(len(store.leaders), 'leader')} and {counted(len(store.honours), 'honour')}; the editorial subject index adds "
        f"{len(store.subjects) - outside:,} terms people use and {outside:,} matters other agencies handle."
    )


def counted(number: int, noun: str) -> str:
    """'1 leader', '2 honours'."""
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"


GENERATORS: dict[str, Callable[[], str]] = {"settings": settings_table, "facts": facts}


def regions(text: str) -> Iterator[tuple[str, int, int]]:
    """Each generated part of a page: its name and where its lines start and end (the marker lines excluded)."""
    lines = text.splitlines()
    for number, line in enumerate(lines):
        if found := GENERATED.match(line.strip()):
            end = next(i for i in range(number + 1, len(lines)) if lines[i].strip() == END_GENERATED)
            yield found.group(1), number + 1, end


def regenerate(text: str, made: dict[str, str]) -> str:
    """The page with every generated part made anew."""
    lines = text.splitlines()
    for name, start, end in reversed(list(regions(text))):
        lines[start:end] = made[name].splitlines()
    return "\n".join(lines) + "\n"


def rewrite_outputs(page: Path, outputs: dict[int, str]) -> str:
    """The page with the output blocks whose opening lines are given replaced."""
    lines = page.read_text(encoding="utf-8").splitlines()
    for line in sorted(outputs, reverse=True):
        end = next(i for i in range(line, len(lines)) if lines[i].rstrip() == "```")
        lines[line:end] = outputs[line].splitlines()
    return "\n".join(lines) + "\n"


@contextmanager
def started_server(command: list[str], cwd: Path = ROOT, ready: float = 30) -> Iterator[tuple[int, Path]]:
    """A server started with `command` + --port (or PORT=), its stdout (the access log) in a file: its port and log."""
    from tests.helpers import free_port, wait_ready

    port = free_port()
    with tempfile.TemporaryDirectory() as where:
        log = Path(where) / "access.log"
        argv = [part.replace("{port}", str(port)) for part in command]
        with open(log, "wb") as out:
            process = subprocess.Popen(argv, cwd=cwd, stdout=out, stderr=subprocess.PIPE, start_new_session=True)
        try:
            wait_ready(f"http://127.0.0.1:{port}", process, ready)
            yield port, log
        finally:
            os.killpg(process.pid, 15)
            process.communicate(timeout=20)


SERVE = [sys.executable, "-m", "app.cli", "serve", "--port", "{port}"]


def main() -> int:
    """Rewrite every page's output blocks and generated parts; with --check, only say which differ (exit 1)."""
    only_check = "--check" in sys.argv[1:]
    made = {name: make() for name, make in GENERATORS.items()}
    stale = []
    with started_server(SERVE) as (port, log):
        for page in pages():
            with tempfile.TemporaryDirectory() as scratch:
                examples = Examples(port, log, Path(scratch))
                outputs = {}
                for block in blocks(page):
                    if block.kind == "run":
                        ran = examples.run(block)
                        if block.output is not None:
                            try:
                                outputs[block.output.line] = shown(block.output.language, ran.output)
                            except ValueError:
                                pass  # check() reports it below
                        if problems := [problem for problem in check(block, ran) if "make docs" not in problem]:
                            print(f"{block.name}: " + "\n".join(problems), file=sys.stderr)
            text = regenerate(rewrite_outputs(page, outputs), made)
            if text != page.read_text(encoding="utf-8"):
                stale.append(page.relative_to(ROOT))
                if not only_check:
                    page.write_text(text, encoding="utf-8")
    examples_run = sum(1 for block in every_block() if block.kind == "run")
    changed = ", ".join(map(str, stale)) or "nothing"
    print(f"ran {examples_run} shell examples; " + ("stale: " if only_check else "rewritten: ") + changed)
    return 1 if only_check and stale else 0


if __name__ == "__main__":
    sys.exit(main())
