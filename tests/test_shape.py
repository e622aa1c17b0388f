"""The shape of the code: small parts, and imports that go one way."""

import ast
import functools
from pathlib import Path

import pytest

from tests.helpers import ROOT
from tools import import_graph

APP = ROOT / "app"
MODULES = sorted(APP.rglob("*.py"))


@functools.cache
def nodes(path: Path) -> list[ast.AST]:
    """Every node of a module's syntax tree, parsed once for all the tests here."""
    return list(ast.walk(ast.parse(path.read_text(encoding="utf-8"))))


@functools.cache
def app_graph() -> tuple[dict[Path, str], dict[str, set[str]]]:
    """Each module's dotted name by path, and the import graph: read once, when a test first asks."""
    return {path: name for name, path in import_graph.module_names().items()}, import_graph.graph()


def imported_app_modules(path: Path) -> set[str]:
    """The app modules a file imports, by dotted name, as tools/import_graph.py reads them (relative imports included)."""
    names, graph = app_graph()
    return graph[names[path]]


def spans(kind: type[ast.AST]) -> list[tuple[int, str]]:
    """(length in lines, where) of every function or class in app/."""
    found = []
    for path in MODULES:
        for node in nodes(path):
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


def test_imports_follow_the_layers_and_make_no_circle() -> None:
    edges = import_graph.graph()
    assert import_graph.against_layering(edges) == []
    assert import_graph.circles(edges) == []
    assert sum(map(len, edges.values())) > 100  # the graph was read, not empty


def test_the_layering_check_sees_an_edge_upwards_and_a_circle() -> None:
    edges = {"app.data.store": {"app.web.errors"}, "app.web.errors": {"app.web.problems"}, "app.web.problems": {"app.web.errors"}}
    assert import_graph.against_layering(edges) == [("app.data.store", "app.web.errors")]
    assert import_graph.circles(edges) == [["app.web.errors", "app.web.problems"]]
    with pytest.raises(ValueError, match="in no layer"):
        import_graph.layer("app.somewhere_new")


@pytest.mark.parametrize(
    ("package", "allowed"),
    [
        ("schemas", {"app.schemas.shared_fields"}),
        ("data/tables.py", {"app.schemas.shared_fields"}),
        ("search", {"app.search"}),
        ("web/middleware", {"app.web.middleware", "app.config", "app.web.problems", "app.schemas"}),
        ("importer", {"app.importer", "app.schemas", "app.data.data_file"}),
        ("changes", {"app.changes", "app.schemas", "app.data.data_file"}),
    ],
)
def test_parts_of_a_layer_import_only_what_they_need(package: str, allowed: set[str]) -> None:
    for path in [APP / package] if package.endswith(".py") else sorted((APP / package).rglob("*.py")):
        strays = {
            name
            for name in imported_app_modules(path)
            if name != "app" and not any(name == a or name.startswith(a + ".") for a in allowed)
        }
        assert not strays, (path, strays)


def test_the_data_layer_knows_nothing_of_the_web() -> None:
    for path in sorted((APP / "data").glob("*.py")) + sorted((APP / "search").glob("*.py")):
        name, source = path.name, path.read_text(encoding="utf-8")
        assert "fastapi" not in source and "starlette" not in source and '"/v1' not in source, name


def test_nothing_imports_main() -> None:
    for path in MODULES:
        assert "app.main" not in imported_app_modules(path) or path.name in ("cli.py", "worker.py"), path
