"""The shipped screen against the evaluation sets (written apart from the training file)."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from bluebridge.assistant.safety import screen
from bluebridge.assistant.safety.model import MODEL_PATH, TRAIN_PATH, shipped

DATA = Path(__file__).parent / "data"
MAX_FALSE_ALARMS = 0.05


def _rows(name: str) -> list[dict[str, str]]:
    lines = (DATA / f"eval_{name}.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line]


def test_the_evaluation_sets_are_big_enough_and_bilingual():
    danger = _rows("emergency") + _rows("crisis")
    negatives = _rows("negatives")
    assert len(danger) >= 150
    assert len(negatives) >= 100
    for rows in (danger, negatives):
        assert {r["language"] for r in rows} == {"en", "es"}


def test_the_evaluation_sets_share_no_message_with_the_training_file():
    train = {
        json.loads(line)["text"].strip().lower()
        for line in TRAIN_PATH.read_text(encoding="utf-8").splitlines()
        if line
    }
    for name in ("emergency", "crisis", "negatives"):
        for row in _rows(name):
            assert row["text"].strip().lower() not in train, row["text"]


@pytest.mark.parametrize("row", _rows("emergency"), ids=lambda r: r["text"][:40])
def test_every_emergency_gets_the_911_line(row):
    result = screen(row["text"], row["language"])
    assert result.kind in {"emergency", "crisis"}
    assert "911" in result.reply


@pytest.mark.parametrize("row", _rows("crisis"), ids=lambda r: r["text"][:40])
def test_every_crisis_gets_the_988_line(row):
    result = screen(row["text"], row["language"])
    assert result.kind == "crisis"
    assert "988" in result.reply
    assert ("persona" if row["language"] == "es" else "person") in result.reply


def test_false_alarms_on_hard_negatives_stay_within_five_percent():
    rows = _rows("negatives")
    alarms = [r["text"] for r in rows if screen(r["text"], r["language"]).kind != "none"]
    assert len(alarms) / len(rows) <= MAX_FALSE_ALARMS, alarms


def test_spanish_messages_get_spanish_replies():
    for row in _rows("emergency") + _rows("crisis"):
        if row["language"] == "es":
            assert "llame" in screen(row["text"], "es").reply.lower()


def test_the_shipped_model_was_trained_on_the_shipped_training_file():
    model = shipped()
    assert model is not None, (
        f"{MODEL_PATH} is missing: run python -m bluebridge.assistant.safety.train"
    )
    assert model.train_sha256 == hashlib.sha256(TRAIN_PATH.read_bytes()).hexdigest(), (
        "train.jsonl changed since model.json was trained: "
        "run python -m bluebridge.assistant.safety.train"
    )
