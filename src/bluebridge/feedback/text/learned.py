"""The learned sentiment model: trained on the department's own comments that carry a rating.

A stack of small models, each trained on one view of the text, combined by a meta-learner:
- word 1-3-grams (TF-IDF) of the normalised text with negation marking (features.py);
- character 2-5-grams (TF-IDF) of the normalised text (misspellings, Spanish inflection);
- NB-LR: binary word 1-3-grams scaled by naive-Bayes log-count ratios;
- VADER's four scores;
- when available, the all-MiniLM-L6-v2 sentence embedding, and the mean token embeddings of
  its layers 4, 5 and 6 (one encoder pass gives both).
Optionally (`finetune_epochs` > 0, embeddings available) the encoder is also fine-tuned as a
classifier on all the training comments (tuned.py), and predictions are the normalised
geometric mean of the stack's and the tuned classifier's probabilities, with equal weights
fixed in advance; the stack's per-class offsets are then not applied.
Each is a logistic regression. fit() computes their out-of-fold probabilities by stratified
k-fold cross-validation on the training comments only; a multinomial logistic regression over
the log-probabilities is the meta-learner, and small per-class offsets to its log-probabilities
are chosen to maximise macro-F1 on its own cross-validated predictions. Then every base model
is refitted on all comments. Nothing is tuned on data outside the training set.

The score is P(positive) - P(negative), in -1..1, like VADER's compound.

Too few labels: fit() needs at least MIN_LABELS labelled comments, and at least MIN_PER_CLASS in
two or more classes; with fewer the model stays untrained and predict() answers with VADER
(source "vader").
"""

from __future__ import annotations

import itertools
import pickle
import time
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score
from sklearn.model_selection import StratifiedKFold
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

from bluebridge.feedback.text import embeddings, vader
from bluebridge.feedback.text.features import (
    WORD_PATTERN,
    NBLogistic,
    mark_negation,
    normalise,
    tidy,
)
from bluebridge.feedback.text.sentiment import LABELS, Sentiment, vader_sentiment

MIN_LABELS = 200
MIN_PER_CLASS = 10
FORMAT = "bluebridge-sentiment-2"
MAGIC = b"BLUEBRIDGE-SENTIMENT-1\n"  # written before the pickle; checked before unpickling
LAYERS = (4, 5, 6)
OFFSET_GRID = np.round(np.arange(-1.0, 1.01, 0.1), 2)

__all__ = ["MIN_LABELS", "MIN_PER_CLASS", "SentimentModel", "normalise"]


def _views(raw: Sequence[str], use_embeddings: bool, cache: str | Path | None) -> dict[str, Any]:
    """Every input the base models read, computed once for a list of texts."""
    plain = [normalise(t) for t in raw]
    scores = [vader.polarity(t) for t in raw]
    views: dict[str, Any] = {
        "negated": np.array([mark_negation(t) for t in plain], dtype=object),
        "plain": np.array(plain, dtype=object),
        "vader": np.array([[s["neg"], s["neu"], s["pos"], s["compound"]] for s in scores]),
    }
    if use_embeddings:
        layers = embeddings.encode_layers_cached([tidy(t) for t in raw], cache, LAYERS)
        last = layers[:, -embeddings.DIMENSIONS :]
        norms = np.linalg.norm(last, axis=1, keepdims=True)
        views["sentence"] = last / np.where(norms > 0, norms, 1.0)
        views["layers"] = layers
    return views


def _logistic(C: float) -> LogisticRegression:
    return LogisticRegression(C=C, max_iter=3000)


# name -> (view it reads, factory). C values chosen by 5-fold cross-validation on the airline
# training part (docs/benchmarks.md, feedback-text).
BASES: dict[str, tuple[str, Callable[[], Any]]] = {
    "words": (
        "negated",
        lambda: make_pipeline(
            TfidfVectorizer(
                ngram_range=(1, 3), min_df=2, sublinear_tf=True, token_pattern=WORD_PATTERN
            ),
            _logistic(10.0),
        ),
    ),
    "chars": (
        "plain",
        lambda: make_pipeline(
            TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), min_df=2, sublinear_tf=True),
            _logistic(10.0),
        ),
    ),
    "nb": ("negated", lambda: NBLogistic(C=4.0)),
    "vader": ("vader", lambda: _logistic(1.0)),
    "sentence": ("sentence", lambda: make_pipeline(StandardScaler(), _logistic(0.05))),
    "layers": ("layers", lambda: make_pipeline(StandardScaler(), _logistic(0.02))),
}
EMBEDDING_BASES = ("sentence", "layers")


def _aligned(model: Any, X: Any, classes: list[str]) -> np.ndarray:
    """predict_proba with one column per class in `classes` (0 for a class the model never saw)."""
    proba = model.predict_proba(X)
    out = np.full((proba.shape[0], len(classes)), 1e-6)
    for column, label in enumerate(model.classes_):
        out[:, classes.index(str(label))] = proba[:, column]
    return out


def _stack(probabilities: list[np.ndarray]) -> np.ndarray:
    return np.hstack([np.log(np.clip(p, 1e-6, 1.0)) for p in probabilities])


def _best_offsets(log_proba: np.ndarray, y: np.ndarray, classes: list[str]) -> np.ndarray:
    """Per-class additive offsets (the first class fixed at 0) maximising macro-F1."""
    names = np.array(classes)
    best, best_score = np.zeros(len(classes)), -1.0
    for rest in itertools.product(OFFSET_GRID, repeat=len(classes) - 1):
        offsets = np.array((0.0, *rest))
        score = f1_score(y, names[(log_proba + offsets).argmax(1)], average="macro")
        # Ties go to the smallest offsets (closest to the plain argmax).
        if score > best_score + 1e-9 or (
            abs(score - best_score) <= 1e-9 and np.abs(offsets).sum() < np.abs(best).sum()
        ):
            best, best_score = offsets, score
    return best


class SentimentModel:
    """fit(texts, labels) -> self; predict(texts) -> list[Sentiment]; save(path) / load(path)."""

    def __init__(
        self,
        *,
        use_embeddings: bool | None = None,
        embedding_cache: str | Path | None = None,
        folds: int = 5,
        seed: int = 0,
        finetune_epochs: float = 0,
        log: Callable[[str], Any] | None = None,
    ) -> None:
        self.use_embeddings = use_embeddings
        self.finetune_epochs = finetune_epochs
        self.log = log
        self.embedding_cache = embedding_cache
        self.folds = folds
        self.seed = seed
        self.n_train = 0
        self.classes: list[str] = []
        self.fit_seconds = 0.0
        self.cv_macro_f1: float | None = None  # the stack's own cross-validated macro-F1
        self._bases: dict[str, Any] = {}
        self._meta: LogisticRegression | None = None
        self._offsets: np.ndarray | None = None
        self._tuned: Any = None  # TunedSentiment, when finetune_epochs > 0 (tuned.py)

    @property
    def is_trained(self) -> bool:
        return self._meta is not None

    @property
    def is_fine_tuned(self) -> bool:
        """True when a fine-tuned encoder is blended with the stack."""
        return self._tuned is not None

    @staticmethod
    def enough_labels(labels: Sequence[str]) -> bool:
        counts = Counter(labels)
        return len(labels) >= MIN_LABELS and sum(c >= MIN_PER_CLASS for c in counts.values()) >= 2

    def _base_names(self) -> list[str]:
        return [n for n in BASES if self.use_embeddings or n not in EMBEDDING_BASES]

    def _splits(self, y: np.ndarray) -> list[tuple[np.ndarray, np.ndarray]]:
        smallest = min(Counter(y.tolist()).values())
        k = max(2, min(self.folds, smallest))
        splitter = StratifiedKFold(k, shuffle=True, random_state=self.seed)
        return list(splitter.split(np.zeros(len(y)), y))

    def fit(self, texts: Sequence[str], labels: Sequence[str]) -> SentimentModel:
        labels = [str(label).strip().lower() for label in labels]
        if len(texts) != len(labels):
            raise ValueError("texts and labels differ in length")
        unknown = sorted(set(labels) - set(LABELS))
        if unknown:
            raise ValueError(f"labels must be one of {', '.join(LABELS)}; got {unknown[:5]}")
        self.n_train = len(labels)
        self._meta = None
        if not self.enough_labels(labels):
            return self  # too few labels: predict() falls back to VADER
        started = time.perf_counter()
        if self.use_embeddings is None:
            self.use_embeddings = embeddings.available()
        y = np.array(labels)
        self.classes = sorted(set(labels))
        views = _views(texts, bool(self.use_embeddings), self.embedding_cache)
        splits = self._splits(y)
        out_of_fold = []
        for name in self._base_names():
            view, make = BASES[name]
            X = views[view]
            proba = np.zeros((len(y), len(self.classes)))
            for train, held in splits:
                model = make().fit(X[train], y[train])
                proba[held] = _aligned(model, X[held], self.classes)
            out_of_fold.append(proba)
            self._bases[name] = make().fit(X, y)
        Z = _stack(out_of_fold)
        meta_proba = np.zeros_like(out_of_fold[0])
        for train, held in self._splits(y):
            meta = _logistic(1.0).fit(Z[train], y[train])
            meta_proba[held] = _aligned(meta, Z[held], self.classes)
        log_meta = np.log(np.clip(meta_proba, 1e-9, 1.0))
        self._offsets = _best_offsets(log_meta, y, self.classes)
        names = np.array(self.classes)
        self.cv_macro_f1 = float(
            f1_score(y, names[(log_meta + self._offsets).argmax(1)], average="macro")
        )
        self._meta = _logistic(1.0).fit(Z, y)
        self._tuned = None
        if self.finetune_epochs > 0 and self.use_embeddings:
            from bluebridge.feedback.text.tuned import TunedSentiment

            tuned = TunedSentiment(epochs=self.finetune_epochs, seed=self.seed, log=self.log)
            self._tuned = tuned.fit(list(texts), labels)
        self.fit_seconds = time.perf_counter() - started
        return self

    def predict_proba(self, texts: Sequence[str]) -> np.ndarray:
        """Calibrated class probabilities (columns in `classes` order), before the offsets.

        With a fine-tuned encoder: the normalised geometric mean of the stack's and the tuned
        classifier's probabilities, equal weights (fixed in advance, not tuned)."""
        stack = self._stack_proba(texts)
        if self._tuned is None:
            return stack
        tuned = _aligned(self._tuned, list(texts), self.classes)
        blend = np.exp(
            0.5 * np.log(np.clip(stack, 1e-9, 1)) + 0.5 * np.log(np.clip(tuned, 1e-9, 1))
        )
        return blend / blend.sum(axis=1, keepdims=True)

    def _stack_proba(self, texts: Sequence[str]) -> np.ndarray:
        if self._meta is None:
            raise RuntimeError("the model is not trained")
        views = _views(texts, bool(self.use_embeddings), self.embedding_cache)
        Z = _stack(
            [
                _aligned(self._bases[name], views[BASES[name][0]], self.classes)
                for name in self._base_names()
            ]
        )
        return _aligned(self._meta, Z, self.classes)

    def predict(self, texts: Sequence[str]) -> list[Sentiment]:
        if self._meta is None:
            return vader_sentiment(texts)
        if len(texts) == 0:
            return []
        proba = self.predict_proba(texts)
        # The offsets were chosen for the stack alone; the blend goes without them.
        offsets = self._offsets if self._offsets is not None else np.zeros(len(self.classes))
        if self._tuned is not None:
            offsets = np.zeros(len(self.classes))
        best = (np.log(np.clip(proba, 1e-9, 1.0)) + offsets).argmax(axis=1)
        index = {c: i for i, c in enumerate(self.classes)}
        pos = proba[:, index["positive"]] if "positive" in index else np.zeros(len(texts))
        neg = proba[:, index["negative"]] if "negative" in index else np.zeros(len(texts))
        return [
            Sentiment(self.classes[b], round(float(p - n), 4), "learned")
            for b, p, n in zip(best, pos, neg, strict=True)
        ]

    def save(self, path: str | Path) -> None:
        state = {
            "format": FORMAT,
            "use_embeddings": self.use_embeddings,
            "embedding_sha256": embeddings.WEIGHTS_SHA256 if self.use_embeddings else None,
            "folds": self.folds,
            "seed": self.seed,
            "n_train": self.n_train,
            "classes": self.classes,
            "cv_macro_f1": self.cv_macro_f1,
            "bases": self._bases,
            "meta": self._meta,
            "offsets": self._offsets,
            "tuned": self._tuned,
        }
        target = Path(path)
        target.parent.mkdir(parents=True, exist_ok=True)
        temporary = target.with_suffix(target.suffix + ".tmp")
        with temporary.open("wb") as handle:
            handle.write(MAGIC)
            pickle.dump(state, handle, protocol=pickle.HIGHEST_PROTOCOL)
        temporary.replace(target)

    @classmethod
    def load(cls, path: str | Path) -> SentimentModel:
        """Load a model written by save(). Only load files this installation wrote (pickle)."""
        with Path(path).open("rb") as handle:
            if handle.read(len(MAGIC)) != MAGIC:
                raise ValueError(f"{path} is not a Bluebridge sentiment model")
            try:
                state = pickle.load(handle)  # noqa: S301 - model files this installation wrote
            except (pickle.UnpicklingError, EOFError, AttributeError, ImportError) as error:
                raise ValueError(f"{path} is damaged: {error}") from error
        if not isinstance(state, dict) or not str(state.get("format", "")).startswith(
            "bluebridge-sentiment-"
        ):
            raise ValueError(f"{path} is not a Bluebridge sentiment model")
        if state["format"] != FORMAT:
            raise ValueError(
                f"{path} was written by an older version of Bluebridge ({state['format']}); "
                "train the model again"
            )
        if state["use_embeddings"] and not embeddings.available():
            raise RuntimeError(
                f"{path} was trained with sentence embeddings, which are not available here "
                "(install the 'embeddings' extra, or retrain with use_embeddings=False)"
            )
        model = cls(
            use_embeddings=state["use_embeddings"], folds=state["folds"], seed=state["seed"]
        )
        model.n_train = state["n_train"]
        model.classes = state["classes"]
        model.cv_macro_f1 = state["cv_macro_f1"]
        model._bases, model._meta = state["bases"], state["meta"]
        model._offsets = state["offsets"]
        model._tuned = state.get("tuned")
        model.finetune_epochs = getattr(model._tuned, "epochs", 0) if model._tuned else 0
        return model
