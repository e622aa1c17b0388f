"""Settings read from LNST_* variables, and the former names still read."""

import pytest

from app.config import Settings


def test_the_response_cache_is_on_by_default_and_set_by_its_name(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("LNST_RESPONSE_CACHE", raising=False)
    monkeypatch.delenv("LNST_FAST_PATH", raising=False)
    assert Settings().response_cache is True
    assert Settings(response_cache=False).response_cache is False
    monkeypatch.setenv("LNST_RESPONSE_CACHE", "false")
    assert Settings().response_cache is False


def test_lnst_fast_path_still_sets_the_response_cache_and_the_new_name_wins(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("LNST_RESPONSE_CACHE", raising=False)
    monkeypatch.setenv("LNST_FAST_PATH", "false")
    assert Settings().response_cache is False
    monkeypatch.setenv("LNST_RESPONSE_CACHE", "true")
    assert Settings().response_cache is True
