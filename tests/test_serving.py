"""The parts `lnst-api serve` is built from, in process: the snapshot, the connection limits, the settings, and the
Kubernetes manifest's stop timing. The real processes are tests/test_faults.py's."""

import os
import resource
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml

from app.cli import main
from app.config import Settings
from app.data.data_file import DataFileError, load_source
from app.server import connection_limits as worker_limits
from app.server.connection_limits import ConnectionLimits, raise_open_file_limit
from app.server.snapshot import take_snapshot
from app.server.supervisor import KILL_MARGIN
from tests.helpers import BROKEN, ROOT

DATA = ROOT / "data" / "lnst.yaml"


def test_a_snapshot_is_the_file_as_checked_and_cannot_be_changed(tmp_path: Path) -> None:
    data = tmp_path / "lnst.yaml"
    shutil.copy(DATA, data)
    snapshot = take_snapshot(data)
    try:
        data.write_text("garbage: [\n", encoding="utf-8")
        assert snapshot.path.read_bytes() == DATA.read_bytes()
        assert snapshot.version == load_source(DATA).version == load_source(snapshot.path).version
        with pytest.raises(OSError):
            os.pwrite(snapshot.fd, b"x", 0)
    finally:
        snapshot.close()


def test_a_snapshot_of_a_broken_file_names_the_file_and_line() -> None:
    with pytest.raises(DataFileError) as caught:
        take_snapshot(BROKEN / "dangling_reference.yaml")
    assert caught.value.problems[0].startswith(f"{BROKEN / 'dangling_reference.yaml'}:70:5: honours.0.division:")


def test_a_snapshot_refuses_a_missing_file(tmp_path: Path) -> None:
    with pytest.raises(DataFileError, match="cannot read the file"):
        take_snapshot(tmp_path / "nothing.yaml")


def test_the_connection_limit_leaves_files_for_503s_and_for_the_process() -> None:
    assert ConnectionLimits(1000, 1024).limit == 840  # 960 files for connections, the last eighth for 503s
    assert ConnectionLimits(1000, 1024).ceiling == 960
    assert ConnectionLimits(1000, 1_048_576).limit == 1000


def test_a_new_connection_past_the_limit_lets_the_oldest_idle_one_go(monkeypatch: pytest.MonkeyPatch) -> None:
    limits, closed = ConnectionLimits(2, 1_048_576), []
    now = [100.0]
    monkeypatch.setattr(worker_limits.time, "monotonic", lambda: now[0])
    limits.start_waiting("first")
    limits.start_waiting("second")
    assert limits.admit(3, closed.append) == "refused"  # nobody has waited long enough
    now[0] += worker_limits.IDLE_ENOUGH
    assert limits.admit(3, closed.append) == "served"
    assert closed == ["first"] and list(limits.waiting) == ["second"]


def test_past_the_open_files_a_connection_is_dropped() -> None:
    limits = ConnectionLimits(10, 100)
    assert limits.admit(limits.ceiling + 1, lambda _: None) == "dropped"


def test_the_open_file_limit_is_raised_to_the_hard_limit() -> None:
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    try:
        resource.setrlimit(resource.RLIMIT_NOFILE, (min(256, hard), hard))
        assert raise_open_file_limit() == resource.getrlimit(resource.RLIMIT_NOFILE)[0]
        assert resource.getrlimit(resource.RLIMIT_NOFILE)[0] == hard or hard == resource.RLIM_INFINITY
    finally:
        resource.setrlimit(resource.RLIMIT_NOFILE, (soft, hard))


def test_deadlines_by_default() -> None:
    settings = Settings()
    assert settings.head_timeout <= 10 and settings.keep_alive_timeout < settings.head_timeout
    assert settings.grace_period == 10


def pod() -> dict[str, Any]:
    """The pod template of the Kubernetes Deployment."""
    documents = yaml.safe_load_all((ROOT / "deploy" / "kubernetes.yaml").read_text(encoding="utf-8"))
    deployment = next(document for document in documents if document["kind"] == "Deployment")
    spec: dict[str, Any] = deployment["spec"]["template"]["spec"]
    return spec


def test_kubernetes_waits_for_the_whole_drain_before_it_kills() -> None:
    spec = pod()
    (container,) = spec["containers"]
    sleep = int(container["lifecycle"]["preStop"]["exec"]["command"][-1])
    env = {variable["name"]: variable["value"] for variable in container["env"]}
    grace = float(env["LNST_GRACE_PERIOD"])
    assert grace == Settings().grace_period
    assert sleep >= 5  # time for the endpoints controller to take the pod out of the Service
    assert spec["terminationGracePeriodSeconds"] >= sleep + grace + KILL_MARGIN


def test_settings_reject_a_deadline_that_is_not_one(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LNST_HEAD_TIMEOUT", "0")
    with pytest.raises(ValueError, match="head_timeout"):
        Settings()


def test_serve_with_a_bad_setting_is_bad_usage(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("LNST_GRACE_PERIOD", "-1")
    assert main(["serve", "--port", "1"]) == 2
    assert "LNST_GRACE_PERIOD:" in capsys.readouterr().err
