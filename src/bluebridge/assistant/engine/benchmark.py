"""Intent benchmarks: `python -m bluebridge.assistant.engine.benchmark --clinc PATH [--split val]`.

CLINC150: trains on `train` (+ `oos_train` as out-of-scope examples) and reports, on the chosen
split plus its `oos_` counterpart, in-scope accuracy (accepted and right), out-of-scope recall
and precision, and AUROC of the in-scope score. When the split is not `val` and `val`/`oos_val`
exist, they choose the operating point; otherwise cross-validation over the training data does.
Banking77: accuracy of the best label (the data has no out-of-scope messages).
`bluebridge assistant benchmark` calls `add_arguments` and `run` from here.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Any, TextIO

import numpy as np
from sklearn.metrics import roc_auc_score

from . import embeddings_available, make_engine
from .datasets import DatasetError, load_banking77, load_clinc
from .prediction import OUT_OF_SCOPE

DEFAULT_OOS_TARGET = 0.8


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--clinc", metavar="PATH", help="CLINC150 data_full.json-shaped file")
    parser.add_argument("--banking77", metavar="DIR", help="directory with Banking77 train.csv")
    parser.add_argument("--split", default="val", help="CLINC split to evaluate (val or test)")
    parser.add_argument(
        "--engine", default="auto", choices=["auto", "embedding", "tfidf"], help="engine kind"
    )
    parser.add_argument(
        "--oos-recall-target",
        type=float,
        default=DEFAULT_OOS_TARGET,
        help="out-of-scope recall the threshold is chosen for on calibration data "
        f"(default {DEFAULT_OOS_TARGET})",
    )
    parser.add_argument("--cache-dir", help="directory to cache sentence embeddings in")
    parser.add_argument(
        "--finetune-epochs",
        type=float,
        default=0,
        help="fine-tune the encoder for this many epochs first (embedding engine; slow on CPU)",
    )
    parser.add_argument("--json", action="store_true", help="print the results as JSON")


def _engine(options: dict[str, Any]) -> Any:
    kind = options.get("engine") or "auto"
    extra: dict[str, Any] = {"builtin_offtopic": False}
    if options.get("cache_dir"):
        extra["cache_dir"] = options["cache_dir"]
    if options.get("finetune_epochs"):
        extra["finetune_epochs"] = float(options["finetune_epochs"])
        extra["finetune_options"] = {"log": lambda line: print(line, file=sys.stderr, flush=True)}
    if kind == "tfidf" or (kind == "auto" and not embeddings_available()):
        extra.pop("cache_dir", None)
        extra.pop("finetune_epochs", None)
    return make_engine(kind, **extra)


def clinc(options: dict[str, Any], keep: list | None = None) -> dict[str, Any]:
    """CLINC150 metrics; the trained engine is appended to `keep` when given."""
    data = load_clinc(Path(options["clinc"]))
    split = options.get("split") or "val"
    if split not in data:
        present = ", ".join(sorted(data))
        raise DatasetError(f"split {split!r} is not in {options['clinc']} (it has: {present})")
    train = data["train"]
    oos_train = [t for t, _ in data.get("oos_train", [])]
    evaluate = data[split] + data.get(f"oos_{split}", [])
    fit_kwargs: dict[str, Any] = {
        "oos_texts": oos_train,
        "oos_recall_target": float(options.get("oos_recall_target") or DEFAULT_OOS_TARGET),
    }
    if split != "val" and "val" in data and "oos_val" in data:
        fit_kwargs["val_texts"] = [t for t, _ in data["val"] + data["oos_val"]]
        fit_kwargs["val_labels"] = [label for _, label in data["val"]] + [None] * len(
            data["oos_val"]
        )
    engine = _engine(options)
    started = time.perf_counter()
    engine.fit([t for t, _ in train], [label for _, label in train], **fit_kwargs)
    train_s = time.perf_counter() - started
    if keep is not None:
        keep.append(engine)
    texts = [t for t, _ in evaluate]
    truth = [label for _, label in evaluate]
    started = time.perf_counter()
    predictions = engine.predict(texts)
    _, scores = engine.score(texts)
    predict_s = time.perf_counter() - started
    is_oos = np.array([label == "oos" for label in truth])
    said_oos = np.array([p.decision == OUT_OF_SCOPE for p in predictions])
    right = np.array([p.label == t for p, t in zip(predictions, truth, strict=True)])
    result = {
        "dataset": "clinc150",
        "split": split,
        "engine": engine.name,
        "train_size": len(train) + len(oos_train),
        "in_scope": int((~is_oos).sum()),
        "out_of_scope": int(is_oos.sum()),
        "in_scope_accuracy": float((right & ~said_oos)[~is_oos].mean())
        if (~is_oos).any()
        else None,
        "in_scope_accuracy_no_rejection": float(right[~is_oos].mean()) if (~is_oos).any() else None,
        "oos_recall": float(said_oos[is_oos].mean()) if is_oos.any() else None,
        "oos_precision": float(is_oos[said_oos].mean()) if said_oos.any() else None,
        "auroc": float(roc_auc_score(is_oos, -scores))
        if is_oos.any() and (~is_oos).any()
        else None,
        "oos_recall_target": fit_kwargs["oos_recall_target"],
        "operating_point": engine.operating.as_dict(),
        "train_seconds": round(train_s, 2),
        "predict_ms_per_message_batched": round(1000 * predict_s / max(1, len(texts)), 3),
    }
    return result


def banking77(options: dict[str, Any]) -> dict[str, Any]:
    train, test, how = load_banking77(Path(options["banking77"]))
    engine = _engine(options)
    started = time.perf_counter()
    engine.fit([t for t, _ in train], [label for _, label in train])
    train_s = time.perf_counter() - started
    predictions = engine.predict([t for t, _ in test])
    right = [p.label == label for p, (_, label) in zip(predictions, test, strict=True)]
    return {
        "dataset": "banking77",
        "engine": engine.name,
        "test_set": how,
        "train_size": len(train),
        "test_size": len(test),
        "accuracy": float(np.mean(right)) if right else None,
        "train_seconds": round(train_s, 2),
    }


def run(options: dict[str, Any], stdout: TextIO) -> dict[str, Any]:
    """Run the benchmarks named in `options` (keys as in add_arguments); print and return them."""
    if not options.get("clinc") and not options.get("banking77"):
        raise DatasetError("give --clinc PATH and/or --banking77 DIR")
    results: dict[str, Any] = {}
    if options.get("clinc"):
        results["clinc150"] = clinc(options)
    if options.get("banking77"):
        results["banking77"] = banking77(options)
    if options.get("json"):
        stdout.write(json.dumps(results, indent=2) + "\n")
    else:
        stdout.write(format_text(results))
    return results


def _pct(value: float | None) -> str:
    return "n/a" if value is None else f"{100 * value:.2f} %"


def format_text(results: dict[str, Any]) -> str:
    lines: list[str] = []
    if "clinc150" in results:
        r = results["clinc150"]
        lines += [
            f"CLINC150 ({r['split']} split, {r['engine']} engine, trained on {r['train_size']})",
            f"  in-scope accuracy        {_pct(r['in_scope_accuracy'])}"
            f"  (without hand-offs: {_pct(r['in_scope_accuracy_no_rejection'])})",
            f"  out-of-scope recall      {_pct(r['oos_recall'])}",
            f"  out-of-scope precision   {_pct(r['oos_precision'])}",
            "  AUROC                    " + ("n/a" if r["auroc"] is None else f"{r['auroc']:.4f}"),
            f"  training                 {r['train_seconds']} s",
        ]
    if "banking77" in results:
        r = results["banking77"]
        lines += [
            f"Banking77 ({r['engine']} engine, {r['test_set']})",
            f"  accuracy                 {_pct(r['accuracy'])}",
            f"  training                 {r['train_seconds']} s",
        ]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bluebridge.assistant.engine.benchmark")
    add_arguments(parser)
    args = parser.parse_args(argv)
    try:
        run(vars(args), sys.stdout)
    except DatasetError as exc:
        parser.error(str(exc))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
