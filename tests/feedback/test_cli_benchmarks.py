"""`bluebridge feedback benchmark-sentiment` and `benchmark-themes` on small labelled files."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.feedback.cli_helpers import run, run_json, write_csv
from tests.feedback.text.conftest import NOISE, PARKING, SPEEDING, labelled


def _labelled_file(path: Path, n_per_class: int, seed: int) -> Path:
    texts, labels = labelled(n_per_class, seed)
    return write_csv(
        path, ["text", "airline_sentiment"], [list(p) for p in zip(texts, labels, strict=True)]
    )


def test_benchmark_sentiment_reports_learned_beside_vader(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    train = _labelled_file(tmp_path / "train.csv.gz", 80, 1)
    test = _labelled_file(tmp_path / "test.csv", 10, 2)
    result = run_json(
        capsys, "benchmark-sentiment", "--train", str(train), "--test", str(test),
        "--no-embeddings", "--save-model", str(tmp_path / "m.pkl"),
    )  # fmt: skip
    assert result["n_train"] == 240 and result["n_test"] == 30
    assert result["learned"]["trained"] is True
    assert result["learned"]["macro_f1"] >= 0.9
    assert 0 <= result["vader"]["macro_f1"] <= 1
    assert (tmp_path / "m.pkl").exists()


def test_benchmark_sentiment_refuses_unknown_labels_and_missing_columns(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    bad = write_csv(tmp_path / "bad.csv", ["text", "airline_sentiment"], [["ok", "meh"]])
    code, _, err = run(capsys, "benchmark-sentiment", "--train", str(bad), "--test", str(bad))
    assert code != 0 and "found meh" in err
    code, _, err = run(
        capsys, "benchmark-sentiment", "--train", str(bad), "--test", str(bad),
        "--label-column", "stars",
    )  # fmt: skip
    assert code != 0 and "label column 'stars' is not in" in err


def test_benchmark_themes_reports_nmi_beside_the_baseline(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    rows = [[t, "parking"] for t in PARKING] + [[t, "noise"] for t in NOISE]
    rows += [[t, "speeding"] for t in SPEEDING] + [["no reason given", ""]]
    path = write_csv(tmp_path / "t.csv", ["text", "negativereason"], rows)
    result = run_json(capsys, "benchmark-themes", "--file", str(path), "--no-embeddings")
    assert result["n"] == 18 and result["k"] == 3
    assert result["themes"]["nmi"] > 0.5
    assert 0 <= result["baseline"]["nmi"] <= 1


def test_benchmark_themes_needs_labels(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = write_csv(tmp_path / "t.csv", ["text", "negativereason"], [["late", ""]])
    code, _, err = run(capsys, "benchmark-themes", "--file", str(path))
    assert code != 0 and "no labelled rows" in err
