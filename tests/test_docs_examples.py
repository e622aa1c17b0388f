"""The documentation stays true: every example in README.md, CONTRIBUTING.md and docs/*.md runs against a real server
and prints what the page shows; generated parts match what `make docs` makes; the README's run command works as written.
The conventions are CONTRIBUTING.md's ("Examples in the docs"); the machinery is tools/docs.py."""

import re
import shlex
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest

from tools.docs import (
    GENERATORS,
    ROOT,
    SERVE,
    Block,
    Examples,
    blocks,
    check,
    every_block,
    pages,
    regenerate,
    started_server,
)

BLOCKS = every_block()
RUN = [block for block in BLOCKS if block.kind == "run"]
README = ROOT / "README.md"
# Pages other branches are adding; the README links them already. Once one exists its links are checked like any other.
PENDING = {ROOT / "docs" / "referrals.md", ROOT / "docs" / "data-changes.md"}
# Files the test suite runs, so an excerpt of one is an example that is executed.
RUN_BY_TESTS = {
    "clients/python/example.py": "tests/test_generated_clients.py",
    "clients/typescript/runtime-example.ts": "tests/test_generated_clients.py",
}
LINK = re.compile(r"\]\(([^)\s]+)\)")


def test_every_block_is_run_marked_an_output_or_an_excerpt() -> None:
    kinds = Counter(block.kind for block in BLOCKS)
    print(dict(kinds))
    assert [block.name for block in BLOCKS if block.kind == "unclassified"] == []
    assert kinds["run"] >= 20, "the pages' shell examples were not found"
    assert kinds["output"] >= 15 and kinds["excerpt"] >= 3
    assert all(block.output is None or block.output.kind == "output" for block in BLOCKS)


def test_a_new_docs_page_is_harvested_and_its_blocks_classified(tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    page = tmp_path / "docs" / "new.md"
    page.write_text(NEW_PAGE, encoding="utf-8")
    assert page in pages(tmp_path)
    found = [(block.line, block.kind, block.marks) for block in blocks(page)]
    assert found == [
        (3, "run", {}),
        (7, "output", {}),
        (13, "run", {"exit": "1", "status": "404"}),
        (18, "not run", {"not run": "it serves until stopped"}),
        (22, "unclassified", {}),
        (27, "unclassified", {"from": ""}),
        (33, "unclassified", {}),
    ]


NEW_PAGE = """# New

```sh
curl localhost:8000/readyz
```

```json
{}
```

<!-- docs: exit 1 -->
<!-- docs: status 404 -->
```sh
false
```

<!-- docs: not run: it serves until stopped -->
```sh
make run
```

```python
print("no source named")
```

<!-- docs: from -->
```ts
let x = 1;
```

text

```json
{"not": "after an example"}
```
"""


@pytest.mark.parametrize("block", [block for block in BLOCKS if block.kind == "excerpt"], ids=lambda block: block.name)
def test_an_excerpt_is_part_of_a_file_the_tests_run(block: Block) -> None:
    source = block.marks["from"]
    assert source in RUN_BY_TESTS or re.fullmatch(r"app/routers/\w+\.py", source), f"nothing runs {source}"
    if source in RUN_BY_TESTS:
        assert source in (ROOT / RUN_BY_TESTS[source]).read_text(encoding="utf-8")
    lines = (ROOT / source).read_text(encoding="utf-8").splitlines()
    excerpt = block.text.splitlines()
    starts = [i for i in range(len(lines)) if lines[i : i + len(excerpt)] == excerpt]
    assert starts, f"{block.name} is not a verbatim part of {source}"


@pytest.mark.parametrize("page", pages(), ids=lambda page: str(page.relative_to(ROOT)))
def test_generated_parts_are_what_make_docs_makes(page: Path) -> None:
    text = page.read_text(encoding="utf-8")
    made = {name: make() for name, make in GENERATORS.items() if f"<!-- generated: {name} -->" in text}
    assert regenerate(text, made) == text, f"{page.name} is stale: run make docs"


def test_the_configuration_table_names_every_setting() -> None:
    from app.config import Settings

    text = (ROOT / "docs" / "operations.md").read_text(encoding="utf-8")
    assert "<!-- generated: settings -->" in text
    for name in Settings.model_fields:
        assert f"| `LNST_{name.upper()}` |" in text


def test_the_readme_is_for_deciding_and_starting() -> None:
    lines = README.read_text(encoding="utf-8").splitlines()
    assert len(lines) <= 150
    first_screen = "\n".join(lines[:40])
    for words in ("make run", "make test", "make run PORT=", "Official or editorial", "docs/api.md"):
        assert words in first_screen, words
    linked = set(LINK.findall("\n".join(lines)))
    for page in (ROOT / "docs").glob("*.md"):
        assert f"docs/{page.name}" in linked, f"the README does not link docs/{page.name}"


@pytest.mark.parametrize("page", [page for page in pages() if page != README], ids=lambda page: page.name)
def test_a_page_opens_with_whom_it_is_for(page: Path) -> None:
    lines = [line for line in page.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert lines[0].startswith("# ")
    assert lines[1].startswith("**For**"), f"{page.name} does not open by saying who it is for"


@pytest.mark.parametrize("page", pages(), ids=lambda page: str(page.relative_to(ROOT)))
def test_links_between_pages_resolve(page: Path) -> None:
    for target in LINK.findall(page.read_text(encoding="utf-8")):
        if re.match(r"[a-z]+:", target) or target.startswith("<"):
            continue
        path, _, anchor = target.partition("#")
        linked = (page.parent / path).resolve() if path else page
        if linked in PENDING and not linked.exists():
            continue
        assert linked.exists(), f"{page.name} links {target}, which does not exist"
        if anchor and linked.suffix == ".md":
            assert anchor in anchors(linked), f"{page.name} links {target}: no such heading"


def anchors(page: Path) -> set[str]:
    """The anchors GitHub gives a page's headings."""
    headings = [line.lstrip("#").strip() for line in page.read_text(encoding="utf-8").splitlines() if line.startswith("#")]
    return {re.sub(r"[^\w\- ]", "", heading.lower()).replace(" ", "-") for heading in headings}


# --- Against real servers ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def served() -> Iterator[tuple[int, Path]]:
    """One `lnst-api serve` for every example: its port and its access log."""
    with started_server(SERVE) as port_and_log:
        yield port_and_log


@pytest.fixture(scope="module")
def runners(served: tuple[int, Path], tmp_path_factory: pytest.TempPathFactory) -> dict[Path, Examples]:
    """One example runner per page, each in its own scratch directory, made as pages are reached."""
    port, log = served
    return {page: Examples(port, log, tmp_path_factory.mktemp(page.stem)) for page in pages()}


@pytest.mark.process
@pytest.mark.parametrize("block", RUN, ids=lambda block: block.name)
def test_a_shell_example_prints_what_its_page_shows(block: Block, runners: dict[Path, Examples]) -> None:
    ran = runners[block.page].run(block)
    print(ran.statuses, ran.output[:2000])
    problems = check(block, ran)
    assert not problems, "\n".join(problems)


@pytest.mark.process
def test_a_newcomer_runs_the_readme_as_written() -> None:
    start = next(block for block in blocks(README) if "make run" in block.text)
    line = next(line for line in start.text.splitlines() if re.match(r"make run PORT=\d+\b", line))
    command = [re.sub(r"^PORT=\d+$", "PORT={port}", word) for word in shlex.split(line.split("#")[0])]
    assert command[:2] == ["make", "run"] and "PORT={port}" in command
    examples = [block for block in blocks(README) if block.kind == "run"]
    assert len(examples) >= 4
    with started_server(command, ready=300) as (port, log):
        runner = Examples(port, log, log.parent)
        for block in examples:
            problems = check(block, runner.run(block))
            assert not problems, f"{block.name}: " + "\n".join(problems)
    assert runner.runs == len(examples)
