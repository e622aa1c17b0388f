"""The lnst-api command line."""

import subprocess
import sys

import pytest

from app.cli import main
from tests.conftest import BROKEN, ROOT, TINY


def test_validate_bundled_file_exits_0(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate"]) == 0
    assert "valid: 16 duties, 14 divisions" in capsys.readouterr().out


def test_validate_named_file_exits_0(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(TINY)]) == 0
    assert str(TINY) in capsys.readouterr().out


def test_validate_broken_file_prints_path_line_column(capsys: pytest.CaptureFixture[str]) -> None:
    path = BROKEN / "dangling_reference.yaml"
    assert main(["validate", str(path)]) == 1
    err = capsys.readouterr().err
    assert f"{path}:70:5: honours.0.division: no division has id 'third-office'" in err.splitlines()


def test_serve_refuses_a_broken_file_before_listening(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LNST_DATA_PATH", str(TINY))  # restored after the test, whatever serve sets
    assert main(["serve", "--port", "1", "--data", str(BROKEN / "duplicate_key.yaml")]) == 1
    assert "duplicate key" in capsys.readouterr().err


def test_unknown_command_is_a_usage_error() -> None:
    with pytest.raises(SystemExit) as raised:
        main(["frobnicate"])
    assert raised.value.code == 2


def test_installed_entry_point_runs() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "app.cli", "validate", str(BROKEN / "empty.yaml")], capture_output=True, text=True, cwd=ROOT
    )
    assert result.returncode == 1
    assert "the file is empty" in result.stderr
