"""The `bluebridge` command on a machine with no settings: help works, a refusal is one line."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def bluebridge(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    keep = {k: v for k, v in os.environ.items() if k in {"PATH", "HOME", "LANG"}}
    env = {**keep, "BLUEBRIDGE_DATA_DIR": str(tmp_path / "data")}  # no DEBUG, no SECRET_KEY
    return subprocess.run(
        [sys.executable, "-c", "from bluebridge.cli import main; main()", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_it_prints_a_commands_help_without_any_settings(tmp_path: Path) -> None:
    result = bluebridge(tmp_path, "forecast", "predict", "--help")
    assert result.returncode == 0, result.stderr
    assert "--incidents" in result.stdout and "--horizon" in result.stdout


def test_it_refuses_unsafe_settings_in_one_line_without_a_traceback(tmp_path: Path) -> None:
    result = bluebridge(tmp_path, "migrate")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith("bluebridge: Refusing to start with DEBUG off")
    assert "SECRET_KEY" in result.stderr
