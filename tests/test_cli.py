"""The lnst-api command line."""

import shutil
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from app.cli import main
from tests.helpers import BROKEN, ROOT, TINY


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


@pytest.mark.process
def test_installed_entry_point_runs() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "app.cli", "validate", str(BROKEN / "empty.yaml")], capture_output=True, text=True, cwd=ROOT
    )
    assert result.returncode == 1
    assert "the file is empty" in result.stderr


def run_cli(*args: str) -> subprocess.CompletedProcess[bytes]:
    """Run `lnst-api` as a separate process, as a script would."""
    return subprocess.run([sys.executable, "-m", "app.cli", *args], cwd=ROOT, capture_output=True, timeout=60)


@pytest.mark.process
@pytest.mark.parametrize("command", ["serve", "validate", "export", "openapi", "schema"])
def test_every_command_has_help(command: str) -> None:
    done = run_cli(command, "--help")
    assert done.returncode == 0
    assert done.stdout.decode().startswith(f"usage: lnst-api {command}")


@pytest.mark.process
@pytest.mark.parametrize(
    ("args", "url", "headers"),
    [
        (["--format", "json"], "/v1/export", {}),
        (["--format", "jsonld"], "/v1/export.jsonld", {}),
        (["--format", "csv", "--table", "divisions"], "/v1/divisions?format=csv", {}),
        (["--format", "csv", "--table", "matrix"], "/v1/matrix", {"Accept": "text/csv"}),
    ],
)
def test_export_writes_what_the_api_serves(client: TestClient, args: list[str], url: str, headers: dict[str, str]) -> None:
    done = run_cli("export", *args)
    assert done.returncode == 0, done.stderr
    assert done.stderr == b""
    assert done.stdout == client.get(url, headers=headers).content


def test_export_to_a_file_and_of_other_data(tmp_path: Path, tiny_client: TestClient) -> None:
    target = tmp_path / "honours.csv"
    assert main(["export", "--format", "csv", "--table", "honours", "--data", str(TINY), "--output", str(target)]) == 0
    assert target.read_bytes() == tiny_client.get("/v1/honours?format=csv").content


def test_export_of_a_broken_file_exits_1_and_writes_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "out.json"
    assert main(["export", "--data", str(BROKEN / "duplicate_key.yaml"), "--output", str(target)]) == 1
    assert not target.exists()
    assert "duplicate key" in capsys.readouterr().err


def test_unwritable_output_exits_3(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema", "--output", str(tmp_path / "missing" / "schema.json")]) == 3
    assert "cannot write" in capsys.readouterr().err


@pytest.mark.process
def test_openapi_and_schema_print_the_committed_contracts() -> None:
    assert run_cli("openapi").stdout == (ROOT / "openapi.json").read_bytes()
    assert run_cli("schema").stdout == (ROOT / "data" / "lnst.schema.json").read_bytes()


@pytest.mark.process
def test_bad_format_is_a_usage_error() -> None:
    done = run_cli("export", "--format", "xml")
    assert done.returncode == 2
    assert b"invalid choice: 'xml'" in done.stderr


@pytest.mark.process
def test_a_reader_that_stops_early_gets_no_traceback() -> None:
    command = f"{sys.executable} -m app.cli openapi | true"  # the reader is gone before the first write
    done = subprocess.run(["bash", "-c", command + '; echo " ${PIPESTATUS[0]}"'], cwd=ROOT, capture_output=True, timeout=60)
    assert done.stdout.decode() == " 3\n"
    assert b"Traceback" not in done.stderr


@pytest.fixture(scope="module")
def database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The tables, written by `lnst-api export --format sqlite`."""
    target = tmp_path_factory.mktemp("sqlite") / "lnst.db"
    assert main(["export", "--format", "sqlite", "--output", str(target)]) == 0
    assert [path.name for path in target.parent.iterdir()] == ["lnst.db"]  # built beside it, then moved into place
    return target


def test_export_sqlite_writes_the_tables_with_their_keys(database: Path, client: TestClient) -> None:
    with closing(sqlite3.connect(f"file:{database}?mode=ro", uri=True)) as connection:
        assert connection.execute("SELECT count(*) FROM mandate_item").fetchone() == (43,)
        assert connection.execute("SELECT count(*) FROM mandate_item").fetchone() == (client.get("/v1/mandates").json()["total"],)
        assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert connection.execute("PRAGMA foreign_key_check").fetchall() == []
        references = {row[2] for row in connection.execute("PRAGMA foreign_key_list(mandate_item)")}
        assert references == {"division"}


def test_export_sqlite_joins_as_the_api_answers(database: Path, client: TestClient) -> None:
    with closing(sqlite3.connect(f"file:{database}?mode=ro", uri=True)) as connection:
        rows = connection.execute(
            "SELECT d.name, m.text FROM mandate_item m JOIN division d ON d.n = m.division_n WHERE d.n = 11 ORDER BY m.i"
        ).fetchall()
    division = client.get("/v1/divisions/11").json()
    assert rows == [(division["name"], item["text"]) for item in division["mandate"]]


def test_export_sqlite_needs_an_output_file(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", "--format", "sqlite"]) == 2
    assert "--output" in capsys.readouterr().err


def test_export_sqlite_to_an_unwritable_place_exits_3(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", "--format", "sqlite", "--output", str(tmp_path / "missing" / "lnst.db")]) == 3
    assert "cannot write" in capsys.readouterr().err


@pytest.mark.process
@pytest.mark.skipif(shutil.which("sqlite3") is None, reason="the sqlite3 command line is not installed")
def test_the_sqlite3_command_line_opens_the_export(database: Path) -> None:
    query = "SELECT count(*) FROM mandate_item; SELECT count(*) FROM division;"
    done = subprocess.run(["sqlite3", "-readonly", str(database), query], capture_output=True, text=True, timeout=30)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["43", "14"]
