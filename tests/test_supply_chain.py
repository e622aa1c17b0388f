"""Every install is the same: runtime dependencies are pinned, and every install path uses the pins."""

import re
import tomllib

from packaging.requirements import Requirement

from tests.helpers import ROOT
from tools.lock import canonical, runtime_closure

PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([A-Za-z0-9.+!-]+)$")


def pins(name: str) -> dict[str, str]:
    """The name==version lines of a requirements or constraints file; anything else fails the test."""
    found = {}
    for line in (ROOT / name).read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        match = PIN.match(line.strip())
        assert match, f"{name}: not an exact pin: {line!r}"
        found[canonical(match.group(1))] = match.group(2)
    return found


def test_every_runtime_dependency_is_pinned_at_the_installed_version() -> None:
    locked = pins("requirements.txt")
    closure = runtime_closure()
    unpinned = sorted(set(closure) - set(locked))
    assert unpinned == [], f"runtime dependencies missing from requirements.txt (run `make lock`): {unpinned}"
    assert {name: locked[name] for name in closure} == closure
    assert set(locked) - set(closure) == set(), "requirements.txt pins packages the app does not need"


def test_the_lock_and_the_constraints_agree() -> None:
    locked, constrained = pins("requirements.txt"), pins("constraints.txt")
    assert {name: constrained.get(name) for name in locked} == locked


def test_every_install_path_uses_the_lock() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert len(re.findall(r"pip install --quiet -r requirements\.txt -c constraints\.txt -e", makefile)) == 2
    assert "-r requirements.txt" in (ROOT / "deploy" / "install.sh").read_text(encoding="utf-8")
    assert "install.sh deps" in (ROOT / "Dockerfile").read_text(encoding="utf-8")
    assert "make test" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_contributing_lists_and_justifies_each_runtime_dependency() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    guide = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    section = guide[guide.index("## Dependencies") :]
    for requirement in project["dependencies"]:
        name = Requirement(requirement).name
        assert re.search(rf"^- `{re.escape(name)}`.* — \S", section, re.MULTILINE | re.IGNORECASE), name
