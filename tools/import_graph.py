"""Print the import graph of app/: modules, import edges, edges that run against the layering, and circles.

    python tools/import_graph.py            # the figures
    python tools/import_graph.py --edges    # and every edge, one per line

Layers run from the bottom up (LAYERS): a module may import from its own layer and the layers below it only.
tests/test_shape.py holds the code to the same figures: no edge against the layering, no circle."""

import argparse
import ast
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
APP = ROOT / "app"
# Bottom first. Each entry is a module or a package (every module under it); a module no entry holds is an error.
LAYERS: list[tuple[str, ...]] = [
    ("app", "app.config", "app.schemas"),
    ("app.search",),
    ("app.data",),
    ("app.importer", "app.changes"),
    ("app.web",),
    ("app.routers",),
    ("app.main",),
    ("app.server",),
    ("app.cli",),
]


def module_names(app: Path = APP) -> dict[str, Path]:
    """Every module of app/ by dotted name (a package by its own name)."""
    found = {}
    for path in sorted(app.rglob("*.py")):
        parts = path.relative_to(app.parent).with_suffix("").parts
        found[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return found


def imports_of(name: str, path: Path, known: set[str]) -> set[str]:
    """The app modules one module imports (from x import y counts as x.y when that is a module)."""
    found: set[str] = set()
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            base = package.split(".")[: len(package.split(".")) - node.level + 1] if node.level else []
            module = ".".join([*base, node.module] if node.module else base) if node.level else node.module or ""
            found |= {f"{module}.{a.name}" if f"{module}.{a.name}" in known else module for a in node.names}
        elif isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
    return {module for module in found if module in known and module != name}


def graph(app: Path = APP) -> dict[str, set[str]]:
    """Module -> the app modules it imports."""
    modules = module_names(app)
    return {name: imports_of(name, path, set(modules)) for name, path in modules.items()}


def covers(entry: str, module: str) -> bool:
    """Whether a LAYERS entry holds a module: itself, or a module under it (`app` is only the root package)."""
    return module == entry or (entry != "app" and module.startswith(entry + "."))


def layer(module: str) -> int:
    """The index of a module's layer in LAYERS; ValueError for a module no layer holds."""
    held = [index for index, entries in enumerate(LAYERS) if any(covers(entry, module) for entry in entries)]
    if not held:
        raise ValueError(f"{module} is in no layer: add it to LAYERS in tools/import_graph.py")
    return held[0]


def against_layering(edges: dict[str, set[str]]) -> list[tuple[str, str]]:
    """Edges from a module to a module of a higher layer."""
    return sorted((a, b) for a, targets in edges.items() for b in targets if layer(b) > layer(a))


def circles(edges: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected groups of more than one module (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for target in sorted(edges[node]):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            group = []
            while (member := stack.pop()) != node:
                group.append(member)
            if group:
                found.append(sorted([node, *group]))

    for node in sorted(edges):
        if node not in index:
            visit(node)
    return found


def rooms(edges: dict[str, set[str]]) -> dict[str, set[str]]:
    """The same graph by room: each package directly under app/, and each module directly in it."""
    room = {name: ".".join(name.split(".")[:2]) for name in edges}
    found: dict[str, set[str]] = {}
    for a, targets in edges.items():
        found.setdefault(room[a], set()).update(room[b] for b in targets if room[b] != room[a])
    return found


def main() -> None:
    """Print the figures (and with --edges every edge)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--edges", action="store_true", help="print every edge too")
    args = parser.parse_args()
    sys.setrecursionlimit(10_000)
    edges = graph()
    against, loops = against_layering(edges), circles(edges)
    print(f"modules: {len(edges)}")
    print(f"import edges: {sum(len(targets) for targets in edges.values())}")
    print(f"edges against the layering: {len(against)}")
    print(f"circles: {len(loops)}")
    by_room = rooms(edges)
    between = sum(map(len, by_room.values()))
    print(f"rooms (packages and modules directly under app/): {len(by_room)}, with {between} import edges between them")
    for a, b in against:
        print(f"  against: {a} -> {b}")
    for loop in loops:
        print(f"  circle: {' -> '.join(loop)}")
    if args.edges:
        for a in sorted(edges):
            for b in sorted(edges[a]):
                print(f"{a} -> {b}")


if __name__ == "__main__":
    main()
