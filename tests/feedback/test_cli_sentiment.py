"""`bluebridge feedback sentiment --file TEXTS.csv [--column text] --json`."""

from __future__ import annotations

from pathlib import Path

import pytest

from bluebridge.feedback.text import SentimentModel
from tests.feedback.cli_helpers import run, run_json, write_csv
from tests.feedback.text.conftest import labelled


@pytest.fixture
def texts_csv(tmp_path: Path) -> Path:
    return write_csv(
        tmp_path / "texts.csv",
        ["id", "comment"],
        [
            ["a1", "The officer was wonderful and kind"],
            ["a2", "Rude, slow and useless"],
            ["a3", "El agente fue muy amable"],
            ["a4", ""],
        ],
    )


def test_it_scores_every_row_as_json(capsys: pytest.CaptureFixture[str], texts_csv: Path) -> None:
    result = run_json(
        capsys, "sentiment", "--file", str(texts_csv), "--column", "comment", "--id-column", "id"
    )
    labels = [(r["id"], r["label"], r["source"]) for r in result["results"]]
    assert labels == [
        ("a1", "positive", "vader"),
        ("a2", "negative", "vader"),
        ("a3", "positive", "vader"),
        ("a4", "neutral", "vader"),
    ]
    assert result["summary"] == {"negative": 1, "neutral": 1, "positive": 2}


def test_it_reads_gzip_and_prints_a_table_without_json(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = write_csv(tmp_path / "t.csv.gz", ["text"], [["Great help, thanks"]])
    code, out, _ = run(capsys, "sentiment", "--file", str(path))
    assert code == 0
    assert out.splitlines()[0].startswith("0\tpositive\t+")


def test_it_uses_a_saved_learned_model(
    capsys: pytest.CaptureFixture[str], texts_csv: Path, tmp_path: Path
) -> None:
    model_path = tmp_path / "model.pkl"
    SentimentModel(use_embeddings=False).fit(*labelled(80)).save(model_path)
    result = run_json(
        capsys, "sentiment", "--file", str(texts_csv), "--column", "comment",
        "--model", str(model_path),
    )  # fmt: skip
    assert {r["source"] for r in result["results"]} == {"learned"}


def test_a_missing_column_is_a_clear_error(
    capsys: pytest.CaptureFixture[str], texts_csv: Path
) -> None:
    code, out, err = run(capsys, "sentiment", "--file", str(texts_csv), "--json")
    assert code != 0 and out == ""
    assert "text column 'text' is not in" in err and "id, comment" in err


def test_a_missing_file_is_a_clear_error(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, _, err = run(capsys, "sentiment", "--file", str(tmp_path / "nope.csv"))
    assert code != 0 and "file not found" in err


def test_an_empty_or_binary_file_is_a_clear_error(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    empty = tmp_path / "empty.csv"
    empty.write_text("")
    code, _, err = run(capsys, "sentiment", "--file", str(empty))
    assert code != 0 and "is empty" in err
    binary = tmp_path / "bad.csv"
    binary.write_bytes(b"\xff\xfe\x00\x81garbage")
    code, _, err = run(capsys, "sentiment", "--file", str(binary))
    assert code != 0 and "cannot read" in err


def test_a_bad_model_file_is_a_clear_error(
    capsys: pytest.CaptureFixture[str], texts_csv: Path, tmp_path: Path
) -> None:
    bogus = tmp_path / "model.pkl"
    bogus.write_bytes(b"not a model")
    code, _, err = run(
        capsys, "sentiment", "--file", str(texts_csv), "--column", "comment", "--model", str(bogus)
    )
    assert code != 0 and "cannot load model" in err


def test_no_action_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys)
    assert code == 2 and "ACTION" in err
