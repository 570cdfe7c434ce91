"""What both engines share: training with calibration, prediction, saving.

A subclass supplies the features (`_fit_features`, `_features`) and its own stored state
(`_state`, `_restore`)."""

from __future__ import annotations

import json
import math
import unicodedata
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any, ClassVar

import numpy as np
from sklearn.model_selection import KFold, StratifiedKFold

from . import offtopic
from .head import OOS_CLASS, LinearHead, softmax
from .policy import (
    DEFAULT_CLARIFY_BUDGET,
    Operating,
    choose_margin,
    choose_temperature,
    choose_threshold,
    decide,
    summarise,
)
from .prediction import Prediction

FORMAT = 1
MANIFEST = "manifest.json"
ARRAYS = "arrays.npz"


def normalise(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", str(text)).split())


class NotTrainedError(RuntimeError):
    pass


class FeatureEngine:
    name: ClassVar[str] = "base"
    scorer: str = "msp"
    dense_dims: int | None = None  # Mahalanobis statistics over the first columns only
    dist_weight: float = 1.0  # weight of the Mahalanobis part in the fused score

    def __init__(
        self,
        *,
        c: float = 10.0,
        builtin_offtopic: bool = True,
        clarify_budget: float = DEFAULT_CLARIFY_BUDGET,
        folds: int = 5,
        seed: int = 0,
    ) -> None:
        self.c = c
        self.builtin_offtopic = builtin_offtopic
        self.clarify_budget = clarify_budget
        self.folds = folds
        self.seed = seed
        self.head: LinearHead | None = None
        self.operating: Operating | None = None
        self.score_params: dict[str, float] = {}

    # --- subclass hooks --------------------------------------------------------------------------

    def _fit_features(self, texts: list[str]) -> None:
        """Learn whatever the featuriser needs from the training texts."""

    def _features(self, texts: list[str]) -> Any:
        raise NotImplementedError

    def _state(self) -> tuple[dict, dict[str, np.ndarray]]:
        return {}, {}

    def _restore(self, config: dict, arrays: Any) -> None:
        """Rebuild the featuriser from what `_state` stored."""

    # --- training --------------------------------------------------------------------------------

    def fit(
        self,
        texts: list[str],
        labels: list[str],
        *,
        oos_texts: Sequence[str] = (),
        val_texts: Sequence[str] | None = None,
        val_labels: Sequence[str | None] | None = None,
        oos_recall_target: float = 0.9,
    ) -> FeatureEngine:
        """Train on (texts, labels); `oos_texts` are examples of messages to hand off.

        `val_labels` marks out-of-scope validation messages with None. With validation data that
        holds out-of-scope examples the operating point is chosen there; otherwise by
        cross-validation over the training texts, `oos_texts` and (unless disabled) the built-in
        off-topic sentences.
        """
        texts, labels, oos = self._check(texts, labels, oos_texts, oos_recall_target)
        all_texts = texts + oos
        all_labels = labels + [OOS_CLASS] * len(oos)
        self._fit_features(all_texts)
        x = self._features(all_texts)
        has_val = val_texts is not None and val_labels is not None
        if has_val and val_labels is not None and any(v is None for v in val_labels):
            self.head = self._fit_head(x, all_labels)
            vx = self._features([normalise(t) for t in val_texts or ()])
            calib = self._raw_scores(self.head, vx)
            truth = list(val_labels)
            source = "validation"
        else:
            calib, truth = self._cross_validated(x, all_labels)
            self.head = self._fit_head(x, all_labels)
            source = "cross-validation"
        self._calibrate(calib, truth, oos_recall_target, source)
        return self

    def _check(self, texts, labels, oos_texts, target) -> tuple[list[str], list[str], list[str]]:
        texts = [normalise(t) for t in texts]
        labels = [str(label) for label in labels]
        if not texts:
            raise ValueError("an intent engine needs at least one training text")
        if len(texts) != len(labels):
            raise ValueError(f"{len(texts)} texts but {len(labels)} labels")
        if any(not label or label == OOS_CLASS for label in labels):
            raise ValueError(f"labels must be non-empty and not {OOS_CLASS!r}")
        if not 0.0 < target <= 1.0:
            raise ValueError(f"oos_recall_target must lie in (0, 1], not {target}")
        oos = [normalise(t) for t in oos_texts if normalise(t)]
        if self.builtin_offtopic:
            oos += offtopic.sentences()
        return texts, labels, oos

    def _fit_head(self, x, labels: list[str]) -> LinearHead:
        return LinearHead.fit(
            x, labels, c=self.c, mahalanobis=self.scorer != "msp", dense_dims=self.dense_dims
        )

    def _cross_validated(self, x, labels: list[str]) -> tuple[dict[str, np.ndarray], list]:
        """Out-of-fold raw scores for every training row (OOS rows get truth None)."""
        n = len(labels)
        counts = Counter(labels)
        folds = min(self.folds if n <= 5000 else 3, n)  # large sets: 3 folds are plenty
        if folds < 2:
            raise ValueError("calibration needs at least two training texts")
        if min(counts.values()) >= folds:
            splits = StratifiedKFold(folds, shuffle=True, random_state=self.seed).split(
                np.zeros(n), labels
            )
        else:
            splits = KFold(folds, shuffle=True, random_state=self.seed).split(np.zeros(n))
        parts: dict[str, np.ndarray] = {}
        order: list[np.ndarray] = []
        for train_idx, test_idx in splits:
            fold_labels = [labels[i] for i in train_idx]
            head = self._fit_head(x[train_idx], fold_labels)
            raw = self._raw_scores(head, x[test_idx], classes=self._classes(labels))
            for key, value in raw.items():
                parts[key] = value if key not in parts else np.concatenate([parts[key], value])
            order.append(test_idx)
        idx = np.concatenate(order)
        inverse = np.empty(n, dtype=int)
        inverse[idx] = np.arange(n)
        calib = {key: value[inverse] for key, value in parts.items()}
        truth = [None if label == OOS_CLASS else label for label in labels]
        return calib, truth

    @staticmethod
    def _classes(labels: list[str]) -> list[str]:
        classes = sorted(set(labels) - {OOS_CLASS})
        return [*classes, OOS_CLASS] if OOS_CLASS in labels else classes

    def _raw_scores(
        self, head: LinearHead, x, classes: list[str] | None = None
    ) -> dict[str, np.ndarray]:
        """Logits laid out on `classes` (a fold may miss some: they get -inf) and distances."""
        logits = head.logits(x)
        if classes is not None and classes != head.classes:
            full = np.full((logits.shape[0], len(classes)), -1e9)
            where = {c: i for i, c in enumerate(classes)}
            for j, c in enumerate(head.classes):
                full[:, where[c]] = logits[:, j]
            logits = full
        out = {"logits": logits}
        if head.means is not None:
            out["distance"] = head.mahalanobis(x)
        return out

    def _scores(
        self, raw: dict[str, np.ndarray], classes: list[str], temperature: float
    ) -> tuple[np.ndarray, np.ndarray]:
        """In-scope probabilities (n, n_in_scope) and the in-scope score per row."""
        probs = softmax(raw["logits"] / temperature)
        keep = [i for i, c in enumerate(classes) if c != OOS_CLASS]
        probs = probs[:, keep]
        msp = probs.max(axis=1) if probs.shape[1] else np.zeros(len(probs))
        if self.scorer == "msp" or "distance" not in raw:
            return probs, msp
        dist = raw["distance"]
        if self.scorer == "mahalanobis":
            return probs, -dist
        p = self.score_params
        logit_msp = np.log(np.clip(msp, 1e-9, 1)) - np.log(np.clip(1 - msp, 1e-9, 1))
        z1 = (logit_msp - p["msp_mean"]) / p["msp_std"]
        z2 = (dist - p["dist_mean"]) / p["dist_std"]
        return probs, z1 - p.get("dist_weight", 1.0) * z2

    def _calibrate(self, raw: dict[str, np.ndarray], truth: list, target: float, source: str):
        assert self.head is not None
        classes = self.head.classes
        index = {c: i for i, c in enumerate(classes)}
        is_oos = np.array([t is None or t not in index for t in truth])
        targets = np.array([index.get(t if t is not None else OOS_CLASS, -1) for t in truth])
        usable = targets >= 0
        temperature = choose_temperature(raw["logits"][usable], targets[usable])
        if self.scorer != "msp" and "distance" in raw:
            self._fit_score_params(raw, classes, temperature, ~is_oos)
        probs, scores = self._scores(raw, classes, temperature)
        in_labels = self.head.in_scope
        in_mask = ~is_oos
        predicted = np.array([in_labels[i] for i in probs.argmax(axis=1)]) if in_labels else None
        correct = (
            np.array([predicted[i] == truth[i] for i in range(len(truth))])
            if predicted is not None
            else np.zeros(len(truth), bool)
        )
        threshold = choose_threshold(scores[is_oos], target)
        if not math.isfinite(threshold):
            threshold = float(np.min(scores)) - 1.0 if scores.size else 0.0
        accepted = in_mask & (scores >= threshold)
        top2 = np.sort(probs, axis=1)[:, -2:] if probs.shape[1] > 1 else None
        gaps = (top2[:, 1] - top2[:, 0])[accepted] if top2 is not None else np.array([])
        margin = choose_margin(gaps, self.clarify_budget)
        stats = summarise(scores[in_mask], correct[in_mask], scores[is_oos], threshold)
        self.operating = Operating(
            threshold=float(threshold),
            margin=margin,
            temperature=temperature,
            source=source,
            calibration_in_scope=int(in_mask.sum()),
            calibration_oos=int(is_oos.sum()),
            **stats,  # type: ignore[arg-type]
        )

    def _fit_score_params(self, raw, classes, temperature: float, ins: np.ndarray) -> None:
        """Standardise the two parts of the fused score on the in-scope calibration rows."""
        keep = [i for i, c in enumerate(classes) if c != OOS_CLASS]
        msp = softmax(raw["logits"] / temperature)[:, keep].max(axis=1)
        logit_msp = np.log(np.clip(msp, 1e-9, 1)) - np.log(np.clip(1 - msp, 1e-9, 1))
        self.score_params = {
            "msp_mean": float(logit_msp[ins].mean()),
            "msp_std": float(logit_msp[ins].std() or 1.0),
            "dist_mean": float(raw["distance"][ins].mean()),
            "dist_std": float(raw["distance"][ins].std() or 1.0),
            "dist_weight": self.dist_weight,
        }

    # --- prediction ------------------------------------------------------------------------------

    @property
    def labels(self) -> list[str]:
        return self.head.in_scope if self.head else []

    def predict(self, texts: Sequence[str]) -> list[Prediction]:
        probs, scores = self.score(texts)
        assert self.operating is not None
        return decide(self.labels, probs, scores, self.operating)

    def score(self, texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
        """In-scope probabilities (n, n_labels) and in-scope scores, before the decision rule."""
        if self.head is None or self.operating is None:
            raise NotTrainedError(f"the {self.name} engine has not been trained or loaded")
        if isinstance(texts, str):
            raise TypeError("predict() takes a list of texts, not one string")
        if not texts:
            return np.zeros((0, len(self.labels))), np.zeros(0)
        x = self._features([normalise(t) for t in texts])
        raw = self._raw_scores(self.head, x)
        return self._scores(raw, self.head.classes, self.operating.temperature)

    # --- storage ---------------------------------------------------------------------------------

    def save(self, directory: Path) -> None:
        if self.head is None or self.operating is None:
            raise NotTrainedError(f"the {self.name} engine has not been trained")
        directory = Path(directory)
        directory.mkdir(parents=True, exist_ok=True)
        config, arrays = self._state()
        manifest = {
            "format": FORMAT,
            "kind": self.name,
            "classes": self.head.classes,
            "scorer": self.scorer,
            "operating": self.operating.as_dict(),
            "score_params": self.score_params,
            "settings": {"c": self.c, "clarify_budget": self.clarify_budget},
            "dist_weight": self.dist_weight,
            "featuriser": config,
        }
        stored: dict[str, Any] = {**self.head.arrays("head_"), **arrays}
        np.savez_compressed(directory / ARRAYS, **stored)
        tmp = directory / (MANIFEST + ".tmp")
        tmp.write_text(json.dumps(manifest, indent=2, ensure_ascii=False), encoding="utf-8")
        tmp.replace(directory / MANIFEST)

    @classmethod
    def restore(cls, manifest: dict, arrays: Any) -> FeatureEngine:
        engine = cls(**manifest.get("settings", {}))
        engine.scorer = manifest.get("scorer", cls.scorer)
        engine.head = LinearHead.from_arrays(manifest["classes"], arrays, "head_")
        engine.operating = Operating(**manifest["operating"])
        engine.score_params = dict(manifest.get("score_params", {}))
        engine.dist_weight = float(manifest.get("dist_weight", cls.dist_weight))
        engine._restore(manifest.get("featuriser", {}), arrays)
        return engine
