"""The shape of the code: small parts, and imports that go one way."""

import ast
from pathlib import Path

import pytest

from tests.helpers import ROOT

APP = ROOT / "app"
MODULES = sorted(APP.rglob("*.py"))


def imported_app_modules(path: Path) -> set[str]:
    """The app modules a file imports (app.x.y), by name."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("app"):
            found |= {node.module} | {f"{node.module}.{alias.name}" for alias in node.names}
        elif isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names if alias.name.startswith("app")}
    return found


def spans(kind: type[ast.AST]) -> list[tuple[int, str]]:
    """(length in lines, where) of every function or class in app/."""
    found = []
    for path in MODULES:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, kind) and isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
                length = (node.end_lineno or node.lineno) - node.lineno + 1
                found.append((length, f"{path.relative_to(ROOT)}:{node.lineno} {node.name}"))
    return found


def test_functions_fit_on_a_screen() -> None:
    longest = max(spans(ast.FunctionDef) + spans(ast.AsyncFunctionDef))
    assert longest[0] <= 60, longest


def test_classes_stay_small() -> None:
    longest = max(spans(ast.ClassDef))
    assert longest[0] <= 150, longest


@pytest.mark.parametrize(
    ("package", "allowed"),
    [
        ("schemas", set()),
        ("models.py", set()),
        ("edge", {"app.edge", "app.config", "app.problems", "app.schemas"}),
        ("search", {"app.search"}),
        ("corpus.py", {"app.schemas", "app.search"}),
        (
            "store.py",
            {"app.config", "app.models", "app.rows", "app.views", "app.schemas", "app.corpus", "app.search", "app.source_file"},
        ),
        ("views.py", {"app.models", "app.schemas"}),
        ("importer", {"app.importer", "app.schemas", "app.source_file"}),
        ("changes", {"app.changes", "app.schemas", "app.source_file"}),
        ("rows.py", {"app.models", "app.schemas"}),
    ],
)
def test_imports_go_one_way(package: str, allowed: set[str]) -> None:
    for path in [APP / package] if package.endswith(".py") else sorted((APP / package).rglob("*.py")):
        strays = {
            name
            for name in imported_app_modules(path)
            if name != "app" and not any(name == a or name.startswith(a + ".") for a in allowed)
        }
        assert not strays, (path, strays)


def test_the_data_layer_knows_nothing_of_the_web() -> None:
    for path in [APP / name for name in ("store.py", "views.py", "rows.py", "models.py", "corpus.py", "source_file.py")] + sorted(
        (APP / "search").glob("*.py")
    ):
        name, source = path.name, path.read_text(encoding="utf-8")
        assert "fastapi" not in source and "starlette" not in source and '"/v1' not in source, name


def test_nothing_imports_main() -> None:
    for path in MODULES:
        assert "app.main" not in imported_app_modules(path) or path.name in ("cli.py", "worker.py"), path
