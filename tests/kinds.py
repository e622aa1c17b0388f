"""The kinds of slow test: their markers, which modules hold nothing else, and whether `-m` could select any of them."""

import itertools
import re

# What a test needs beyond the process running the tests, or the whole search evaluation it asks (pyproject.toml
# describes each). A test of any kind is slow,
# so `pytest -m "not slow"` is the edit-test loop and `pytest -m nginx` runs what a change to deploy/nginx.conf touches.
KINDS = ("process", "browser", "nginx", "load", "npm", "fuzz", "package", "evaluation")

# Modules every test of which carries these markers, left unimported when `-m` selects none of them: schemathesis makes
# test_fuzz.py's tests, coverage cases and all, as the module is collected, about 2 s of every edit-test loop otherwise.
WHOLLY_OF_A_KIND = {"test_fuzz.py": frozenset({"fuzz", "slow"})}

OPERATORS = {"(", ")", "and", "or", "not"}


def never_selected(expression: str, marks: frozenset[str]) -> bool:
    """Whether the `-m` expression is false for every test carrying these markers, whatever others it carries.
    False when unsure: an expression beyond names, and, or, not and parentheses, or none at all."""
    tokens = re.findall(r"[()]|[^\s()]+", expression)
    names = {token for token in tokens if token not in OPERATORS}
    if not names or not all(name.isidentifier() for name in names):
        return False
    others = sorted(names - marks)
    for carried in itertools.product((False, True), repeat=len(others)):
        present = marks | {name for name, on in zip(others, carried, strict=True) if on}
        # Only True, False, and, or, not and parentheses reach eval; their precedence is pytest's.
        if eval(" ".join(str(token in present) if token in names else token for token in tokens), {"__builtins__": {}}):
            return False
    return True
