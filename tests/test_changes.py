"""The change log: `diff --record` writes an entry, /v1/changes serves the versions as JSON and Atom, cacheable."""

import re
import shutil
from pathlib import Path
from xml.etree import ElementTree

import pytest
from starlette.testclient import TestClient

from app.cli import main
from app.config import Settings
from app.data.data_file import DataFileError, load_changes, load_source
from app.main import create_app
from tests.helpers import ROOT

BUNDLED = ROOT / "data" / "lnst.yaml"
ATOM = "{http://www.w3.org/2005/Atom}"


def revised(tmp_path: Path) -> Path:
    """A revision of the bundled data in its own directory: one duty reworded, edited on a later day."""
    text = re.sub(
        r"(?m)^  modified: .*$",
        "  modified: 2026-12-10",
        BUNDLED.read_text(encoding="utf-8").replace("负责省科学技术奖、辽宁友谊奖", "负责省科学技术奖、省政府友谊奖"),
    )
    path = tmp_path / "lnst.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_diff_records_the_new_version_beside_the_new_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    new = revised(tmp_path)
    assert main(["diff", str(BUNDLED), str(new), "--record"]) == 1
    (entry,) = load_changes(new).versions
    assert (entry.date.isoformat(), entry.version) == ("2026-12-10", load_source(new).version)
    assert (entry.summary, entry.resources) == ("1 change(s): 1 changed", ["/v1/duties/13"])
    assert main(["diff", str(BUNDLED), str(new), "--record"]) == 1  # the same version again replaces its entry
    assert len(load_changes(new).versions) == 1
    assert "recorded version" in capsys.readouterr().err


def test_equal_files_record_nothing(tmp_path: Path) -> None:
    copy = tmp_path / "lnst.yaml"
    shutil.copy(BUNDLED, copy)
    assert main(["diff", str(BUNDLED), str(copy), "--record"]) == 0
    assert not (tmp_path / "lnst.changes.yaml").exists()


def test_the_api_serves_the_versions_newest_first_as_json_and_atom(tmp_path: Path) -> None:
    new = revised(tmp_path)
    shutil.copy(ROOT / "data" / "lnst.changes.yaml", tmp_path / "lnst.changes.yaml")
    assert main(["diff", str(BUNDLED), str(new), "--record"]) == 1
    with TestClient(create_app(Settings(data_path=new, access_log=False))) as client:
        changes = client.get("/v1/changes")
        body = changes.json()
        assert body["version"] == load_source(new).version == body["items"][0]["version"]
        recorded = [entry.date.isoformat() for entry in load_changes(BUNDLED).versions]
        assert [item["date"] for item in body["items"]] == ["2026-12-10", *reversed(recorded)]
        assert body["items"][0]["resources"] == ["/v1/duties/13"]
        assert changes.headers["etag"] and changes.headers["cache-control"].startswith("public")
        assert client.get("/v1/changes", headers={"If-None-Match": changes.headers["etag"]}).status_code == 304
        atom = client.get("/v1/changes.atom")
        assert atom.headers["content-type"].startswith("application/atom+xml") and atom.headers["etag"]
        feed = ElementTree.fromstring(atom.content)
        entries = feed.findall(f"{ATOM}entry")
        assert [e.findtext(f"{ATOM}id") for e in entries] == [f"urn:lnst-api:version:{i['version']}" for i in body["items"]]
        assert [link.get("href") for link in entries[0].findall(f"{ATOM}link")] == ["/v1/duties/13"]
        assert client.get("/v1").json()["links"]["changes"] == "/v1/changes"


def test_no_change_log_is_an_empty_list(tmp_path: Path) -> None:
    path = tmp_path / "data.yaml"
    shutil.copy(BUNDLED, path)
    with TestClient(create_app(Settings(data_path=path, access_log=False))) as client:
        assert client.get("/v1/changes").json()["items"] == []
        assert ElementTree.fromstring(client.get("/v1/changes.atom").content).findall(f"{ATOM}entry") == []


def test_a_broken_change_log_is_refused_with_its_line(tmp_path: Path) -> None:
    path = tmp_path / "data.yaml"
    shutil.copy(BUNDLED, path)
    (tmp_path / "data.changes.yaml").write_text(
        "versions:\n- date: 2026-01-01\n  version: nope\n  summary: x\n", encoding="utf-8"
    )
    with pytest.raises(DataFileError, match=r"data.changes.yaml:3:\d+: versions.0.version"):
        load_changes(path)


def test_the_bundled_log_is_valid_and_ends_with_a_recorded_version() -> None:
    versions = load_changes(BUNDLED).versions
    assert versions and all(entry.resources for entry in versions)


def test_serve_checks_the_log_in_its_snapshot_and_names_it_to_the_workers(tmp_path: Path) -> None:
    from app.server.snapshot import take_snapshot

    path = tmp_path / "data.yaml"
    shutil.copy(BUNDLED, path)
    snapshot = take_snapshot(path)
    assert snapshot.changes == tmp_path / "data.changes.yaml"
    snapshot.close()
    (tmp_path / "data.changes.yaml").write_text("versions: nope\n", encoding="utf-8")
    with pytest.raises(DataFileError, match=r"data.changes.yaml:1:1: versions: Input should be a valid list"):
        take_snapshot(path)


def test_a_change_log_named_in_the_settings_is_served(tmp_path: Path) -> None:
    log = tmp_path / "elsewhere.yaml"
    shutil.copy(ROOT / "data" / "lnst.changes.yaml", log)
    data = tmp_path / "data.yaml"
    shutil.copy(BUNDLED, data)
    with TestClient(create_app(Settings(data_path=data, changes_path=log, access_log=False))) as client:
        assert len(client.get("/v1/changes").json()["items"]) == len(load_changes(BUNDLED).versions)
