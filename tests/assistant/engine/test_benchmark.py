import io
import json

import pytest

from bluebridge.assistant.engine import benchmark
from bluebridge.assistant.engine.datasets import DatasetError

from .conftest import QUESTIONS

OFF_TOPIC = ["tell me a joke", "what is the capital of peru", "play jazz music", "order sushi"]


def clinc_file(tmp_path, splits=("train", "val")):
    pairs = [[q, label] for label, qs in QUESTIONS.items() for q in qs]
    data = {split: pairs for split in splits}
    for split in splits:
        data[f"oos_{split}"] = [[t, "oos"] for t in OFF_TOPIC]
    path = tmp_path / "clinc.json"
    path.write_text(json.dumps(data))
    return path


def test_it_reports_clinc_metrics_on_the_chosen_split(tmp_path):
    out = io.StringIO()
    options = {"clinc": str(clinc_file(tmp_path)), "split": "val", "engine": "tfidf"}
    results = benchmark.run(options, out)["clinc150"]
    assert results["in_scope"] == 24
    assert results["out_of_scope"] == 4
    for key in ("in_scope_accuracy", "oos_recall", "auroc"):
        assert 0.0 <= results[key] <= 1.0
    assert "in-scope accuracy" in out.getvalue()


def test_it_calibrates_on_val_when_evaluating_test(tmp_path):
    options = {
        "clinc": str(clinc_file(tmp_path, ("train", "val", "test"))),
        "split": "test",
        "engine": "tfidf",
        "json": True,
    }
    out = io.StringIO()
    results = benchmark.run(options, out)
    assert results["clinc150"]["operating_point"]["source"] == "validation"
    assert json.loads(out.getvalue())["clinc150"]["split"] == "test"


def test_it_names_the_splits_present_when_one_is_missing(tmp_path):
    options = {"clinc": str(clinc_file(tmp_path)), "split": "test", "engine": "tfidf"}
    with pytest.raises(DatasetError, match="it has: oos_train, oos_val, train, val"):
        benchmark.run(options, io.StringIO())


def test_it_reports_a_file_that_is_not_clinc_shaped(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text('{"rows": []}')
    with pytest.raises(DatasetError, match="'train'"):
        benchmark.run({"clinc": str(bad)}, io.StringIO())


def test_it_reports_banking77_accuracy_on_a_held_out_part(tmp_path):
    rows = ["text,category"] + [
        f'"{q}",{label}' for label, qs in QUESTIONS.items() for q in qs + [q.upper() for q in qs]
    ]
    (tmp_path / "train.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    results = benchmark.run({"banking77": str(tmp_path), "engine": "tfidf"}, io.StringIO())
    assert results["banking77"]["test_size"] == 10
    assert results["banking77"]["accuracy"] >= 0.5
    assert "held out" in results["banking77"]["test_set"]


def test_it_needs_a_data_set():
    with pytest.raises(DatasetError, match="--clinc"):
        benchmark.run({}, io.StringIO())
