"""`bluebridge feedback themes --file TEXTS.csv --json`."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.feedback.cli_helpers import run, run_json, write_csv
from tests.feedback.text.conftest import NOISE, PARKING, SPEEDING


def test_it_groups_a_file_into_themes(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    rows = [[t] for t in PARKING + NOISE + SPEEDING]
    path = write_csv(tmp_path / "t.csv", ["text"], rows)
    result = run_json(capsys, "themes", "--file", str(path), "--k", "3", "--no-embeddings")
    assert result["n"] == len(rows)
    assert len(result["themes"]) == 3
    theme = result["themes"][0]
    assert set(theme) >= {"id", "label", "keywords", "size", "quotes", "members"}
    assert sum(t["size"] for t in result["themes"]) == len(rows)


def test_it_prints_labels_and_quotes_without_json(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = write_csv(tmp_path / "t.csv", ["text"], [[t] for t in PARKING + NOISE])
    code, out, _ = run(capsys, "themes", "--file", str(path), "--k", "2", "--no-embeddings")
    assert code == 0
    assert out.startswith("[0] ") and " · " in out and "“" in out


def test_bad_input_is_a_clear_error(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = write_csv(tmp_path / "t.csv", ["body"], [["noise"]])
    code, _, err = run(capsys, "themes", "--file", str(path))
    assert code != 0 and "text column 'text' is not in" in err
    code, _, err = run(capsys, "themes", "--file", str(path), "--column", "body", "--k", "0")
    assert code != 0 and "--k must be at least 1" in err
    code, _, err = run(capsys, "themes", "--file", str(path), "--k", "many")
    assert code == 2 and "invalid int value" in err
