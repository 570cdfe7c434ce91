"""Train the learned layer of the safety screen from `data/train.jsonl`.

    python -m bluebridge.assistant.safety.train            # writes data/model.json
    python -m bluebridge.assistant.safety.train --check    # cross-validated scores only

Multinomial logistic regression (scikit-learn, used only here) over the hashed n-grams of
`model.features`. Weights are pruned and rounded so the shipped JSON stays small; the
thresholds are set from 5-fold cross-validation so that at most 2% of the hand-written
hard negatives of the training file would be flagged. Run it again after every edit of the training file: a test
checks that `model.json` records the SHA-256 of the current training file.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
from pathlib import Path
from typing import Any

from bluebridge.assistant.safety.model import CLASSES, DIM, MODEL_PATH, TRAIN_PATH, features
from bluebridge.core.safety import prepare

C = 4.0
PRUNE = 0.02
MAX_FALSE_ALARMS = 0.02


def read(path: Path = TRAIN_PATH) -> list[dict[str, str]]:
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    for row in rows:
        if row.get("label") not in CLASSES or not str(row.get("text", "")).strip():
            raise ValueError(f"bad training row: {row!r}")
    return rows


def _matrix(texts: list[str]) -> Any:
    from scipy.sparse import csr_matrix

    data: list[float] = []
    cols: list[int] = []
    indptr = [0]
    for text in texts:
        idx = features(prepare(text))
        scale = 1.0 / math.sqrt(len(idx)) if idx else 0.0
        counts: dict[int, float] = {}
        for i in idx:
            counts[i] = counts.get(i, 0.0) + scale
        cols.extend(counts)
        data.extend(counts.values())
        indptr.append(len(cols))
    return csr_matrix((data, cols, indptr), shape=(len(texts), DIM))


def _fit(texts: list[str], labels: list[int]) -> Any:
    from sklearn.linear_model import LogisticRegression

    clf = LogisticRegression(C=C, max_iter=2000, class_weight="balanced")
    clf.fit(_matrix(texts), labels)
    return clf


def _thresholds(rows: list[dict[str, str]]) -> tuple[dict[str, float], dict[str, float]]:
    """Thresholds from out-of-fold probabilities, and the recall they give."""
    import numpy as np
    from sklearn.model_selection import StratifiedKFold

    texts = [r["text"] for r in rows]
    y = np.array([CLASSES.index(r["label"]) for r in rows])
    proba = np.zeros((len(rows), 3))
    for train, test in StratifiedKFold(5, shuffle=True, random_state=0).split(texts, y):
        clf = _fit([texts[i] for i in train], list(y[train]))
        proba[test] = clf.predict_proba(_matrix([texts[i] for i in test]))
    thresholds: dict[str, float] = {}
    recall: dict[str, float] = {}
    # Thresholds are set on the hand-written hard negatives, not on the knowledge-base questions.
    negatives = np.array([r["label"] == "none" and r.get("source") != "knowledge" for r in rows])
    for k, name in ((1, "emergency"), (2, "crisis")):
        scores = np.sort(proba[negatives, k])[::-1]
        cut = scores[int(len(scores) * MAX_FALSE_ALARMS)]
        thresholds[name] = round(float(max(0.5, cut + 1e-4)), 4)
        flagged = (
            (proba[:, 1] + proba[:, 2]) >= thresholds[name]
            if k == 1
            else proba[:, 2] >= thresholds[name]
        )
        recall[name] = float(flagged[y == k].mean())
    return thresholds, recall


def train(path: Path = TRAIN_PATH) -> dict[str, Any]:
    rows = read(path)
    thresholds, recall = _thresholds(rows)
    clf = _fit([r["text"] for r in rows], [CLASSES.index(r["label"]) for r in rows])
    coef = clf.coef_  # (3, DIM)
    used = sorted({i for r in rows for i in features(prepare(r["text"]))})
    weights = {
        str(i): [round(float(coef[k, i]), 4) for k in range(3)]
        for i in used
        if max(abs(coef[k, i]) for k in range(3)) >= PRUNE
    }
    return {
        "version": 1,
        "classes": list(CLASSES),
        "dim": DIM,
        "train_sha256": hashlib.sha256(path.read_bytes()).hexdigest(),
        "train_rows": len(rows),
        "cv_recall": recall,
        "thresholds": thresholds,
        "bias": [round(float(b), 4) for b in clf.intercept_],
        "weights": weights,
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="print scores, write nothing")
    parser.add_argument("--out", type=Path, default=MODEL_PATH)
    args = parser.parse_args(argv)
    model = train()
    print(
        f"{model['train_rows']} rows, {len(model['weights'])} weights, "
        f"thresholds {model['thresholds']}, cross-validated recall {model['cv_recall']}"
    )
    if not args.check:
        args.out.write_text(json.dumps(model, separators=(",", ":")) + "\n", encoding="utf-8")
        print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
