"""A short run of the sustained-load benchmark: two workers, the whole mix, no errors, memory flat."""

import shutil
import subprocess
import sys

import pytest

from tests.helpers import ROOT

pytestmark = [pytest.mark.load, pytest.mark.process]


@pytest.mark.skipif(shutil.which("wrk") is None, reason="Debian's wrk is not installed (.ci/run installs it)")
def test_short_sustained_load_has_no_errors() -> None:
    command = [sys.executable, "bench/sustained_load.py", "--seconds", "4", "--warm-up", "3", "--max-growth", "10"]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=120)
    print(done.stdout)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "errors: 0 " in done.stdout
    assert "server still ready afterwards: True" in done.stdout
