"""Print pip constraints that install each runtime dependency at the lowest version pyproject.toml allows.

`make test-lowest` installs with them, so every `>=` bound in [project].dependencies is run, not only written.
Direct runtime dependencies are pinned at their lower bounds; what they pull in resolves freely (as uv's
`--resolution lowest-direct` does). Test tools keep their locked versions from constraints.txt, unless a runtime
distribution shares their name, so a failure there is a bound's fault and not a new pytest's.

Standard library only: it runs before the venv it constrains has anything in it."""

import re
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# name [extras] >=X [,more] [; marker] -- every runtime dependency must have a lower bound, and none may be capped.
SPEC = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*(\[[^\]]*\])?\s*>=\s*([0-9][A-Za-z0-9.]*)\s*(;.*)?$")


def canonical(name: str) -> str:
    """A distribution name as PEP 503 compares them."""
    return re.sub(r"[-_.]+", "-", name).lower()


def lower_bounds(pyproject: Path = ROOT / "pyproject.toml") -> list[tuple[str, str, str]]:
    """(name, lowest version, marker) of each runtime dependency; ValueError for one without a single `>=` bound."""
    project = tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]
    found = []
    for text in project["dependencies"]:
        match = SPEC.match(text)
        if not match:
            raise ValueError(f"{text!r}: a runtime dependency needs exactly one bound, a lower one (`name>=X`)")
        name, _, version, marker = match.groups()
        found.append((name, version, (marker or "").lstrip(";").strip()))
    return found


def locked_test_tools(constraints: Path = ROOT / "constraints.txt", requirements: Path = ROOT / "requirements.txt") -> list[str]:
    """The lines of constraints.txt for distributions that are not in the runtime lock (the test tools' closure)."""
    runtime = {canonical(line.split("==")[0]) for line in requirements.read_text(encoding="utf-8").splitlines() if "==" in line}
    lines = []
    for line in constraints.read_text(encoding="utf-8").splitlines():
        if "==" in line and not line.startswith("#") and canonical(line.split("==")[0]) not in runtime:
            lines.append(line.strip())
    return lines


def lowest_constraints() -> str:
    """The constraints file text for `make test-lowest`."""
    out = ["# Written by tools/bounds.py for `make test-lowest`: runtime dependencies at their lower bounds."]
    for name, version, marker in lower_bounds():
        out.append(f"{name}=={version}" + (f"; {marker}" if marker else ""))
    out.append("# Test tools at their locked versions (constraints.txt less the runtime lock).")
    out.extend(locked_test_tools())
    return "\n".join(out) + "\n"


def report(freeze: Path, *, expect_lowest: bool) -> int:
    """Print the installed version of each runtime dependency (from a `pip list --format=freeze` file); with
    expect_lowest, fail unless each is at its lower bound."""
    from packaging.markers import Marker
    from packaging.version import Version

    installed: dict[str, str] = {}
    for line in freeze.read_text(encoding="utf-8").splitlines():
        if "==" in line:
            name, version = line.split("==", 1)
            installed[canonical(name)] = version.strip()
    wrong = []
    shown = []
    for name, bound, marker in lower_bounds():
        if marker and not Marker(marker).evaluate():
            continue
        found = installed.get(canonical(name))
        shown.append(f"{name}=={found}")
        if found is None or (expect_lowest and Version(found) != Version(bound)):
            wrong.append(f"{name}: installed {found}, lower bound {bound}")
    print("runtime dependencies under test:", " ".join(shown))
    for line in wrong:
        print("bounds:", line, file=sys.stderr)
    return 1 if wrong else 0


def main(argv: list[str]) -> int:
    if not argv:
        sys.stdout.write(lowest_constraints())
        return 0
    if argv[0] == "--installed" and len(argv) in (2, 3) and argv[2:] in ([], ["--lowest"]):
        return report(Path(argv[1]), expect_lowest=argv[2:] == ["--lowest"])
    print("usage: python -m tools.bounds [--installed FREEZE-FILE [--lowest]]", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
