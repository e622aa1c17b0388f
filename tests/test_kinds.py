"""Markers by kind: every test of a kind is slow, and a module wholly of a kind is left unimported only when `-m` could
select none of its tests."""

import pytest

from tests.kinds import KINDS, never_selected


def test_every_test_of_a_kind_in_this_run_is_slow(request: pytest.FixtureRequest) -> None:
    items = request.session.items
    assert request.node in items
    for item in items:
        kinds = [kind for kind in KINDS if item.get_closest_marker(kind)]
        assert not kinds or item.get_closest_marker("slow"), item.nodeid


@pytest.mark.parametrize(
    ("expression", "left_out"),
    [
        ("not slow", True),
        ("not fuzz", True),
        ("slow and not fuzz", True),
        ("not (slow or process)", True),
        ("not slow and browser", True),
        ("", False),
        ("slow", False),
        ("fuzz", False),
        ("process", False),  # test_fuzz.py's command-line run is a process test too
        ("browser", False),  # unsure: its tests might carry browser as well
        ("not browser", False),
        ("not slow or fuzz", False),
        ("slow(kind=1)", False),
        ("a-b", False),
    ],
)
def test_a_module_of_fuzz_tests_is_left_out_only_when_none_could_be_selected(expression: str, left_out: bool) -> None:
    assert never_selected(expression, frozenset({"fuzz", "slow"})) is left_out
