"""The learned sentiment model: trained on the department's own comments that carry a rating.

Features: word 1-2-gram TF-IDF, character 2-5-gram TF-IDF (robust to misspellings and to
Spanish inflection), VADER's four scores, and, when available, the 384 sentence-embedding
dimensions of all-MiniLM-L6-v2. One multinomial logistic regression over them all.

The score is P(positive) - P(negative), in -1..1, like VADER's compound.

Too few labels: fit() needs at least MIN_LABELS labelled comments, and at least MIN_PER_CLASS in
two or more classes; with fewer the model stays untrained and predict() answers with VADER
(source "vader").
"""

from __future__ import annotations

import html
import pickle
import re
import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression

from bluebridge.feedback.text import embeddings, vader
from bluebridge.feedback.text.sentiment import LABELS, Sentiment, vader_sentiment

MIN_LABELS = 200
MIN_PER_CLASS = 10
FORMAT = "bluebridge-sentiment-1"
MAGIC = b"BLUEBRIDGE-SENTIMENT-1\n"  # written before the pickle; checked before unpickling

_URL = re.compile(r"https?://\S+|www\.\S+")
_HANDLE = re.compile(r"(?<!\w)@\w+")


def normalise(text: str) -> str:
    text = html.unescape(text or "")
    text = _URL.sub(" url ", text)
    text = _HANDLE.sub(" @user ", text)
    return " ".join(text.split())


class SentimentModel:
    """fit(texts, labels) -> self; predict(texts) -> list[Sentiment]; save(path) / load(path)."""

    def __init__(
        self,
        *,
        use_embeddings: bool | None = None,
        C: float = 1.0,
        embedding_weight: float = 1.0,
        embedding_cache: str | Path | None = None,
    ) -> None:
        self.use_embeddings = use_embeddings
        self.C = C
        self.embedding_weight = embedding_weight
        self.embedding_cache = embedding_cache
        self.n_train = 0
        self.classes: list[str] = []
        self.fit_seconds = 0.0
        self._words: TfidfVectorizer | None = None
        self._chars: TfidfVectorizer | None = None
        self._clf: LogisticRegression | None = None

    @property
    def is_trained(self) -> bool:
        return self._clf is not None

    @staticmethod
    def enough_labels(labels: Sequence[str]) -> bool:
        counts = Counter(labels)
        return len(labels) >= MIN_LABELS and sum(c >= MIN_PER_CLASS for c in counts.values()) >= 2

    def _dense(self, texts: list[str], raw: Sequence[str]) -> sparse.csr_matrix:
        scores = [vader.polarity(t) for t in raw]
        blocks: list[Any] = [
            np.array([[s["neg"], s["neu"], s["pos"], s["compound"]] for s in scores])
        ]
        if self.use_embeddings:
            blocks.append(
                self.embedding_weight * embeddings.encode_cached(texts, self.embedding_cache)
            )
        return sparse.csr_matrix(np.hstack(blocks) if len(blocks) > 1 else blocks[0])

    def _features(self, raw: Sequence[str]) -> sparse.csr_matrix:
        assert self._words is not None and self._chars is not None
        texts = [normalise(t) for t in raw]
        return sparse.hstack(
            [self._words.transform(texts), self._chars.transform(texts), self._dense(texts, raw)]
        ).tocsr()

    def fit(self, texts: Sequence[str], labels: Sequence[str]) -> SentimentModel:
        labels = [str(label).strip().lower() for label in labels]
        if len(texts) != len(labels):
            raise ValueError("texts and labels differ in length")
        unknown = sorted(set(labels) - set(LABELS))
        if unknown:
            raise ValueError(f"labels must be one of {', '.join(LABELS)}; got {unknown[:5]}")
        self.n_train = len(labels)
        if not self.enough_labels(labels):
            self._clf = None  # too few labels: predict() falls back to VADER
            return self
        started = time.perf_counter()
        if self.use_embeddings is None:
            self.use_embeddings = embeddings.available()
        norm = [normalise(t) for t in texts]
        self._words = TfidfVectorizer(
            ngram_range=(1, 2), min_df=2, sublinear_tf=True, max_features=60000
        ).fit(norm)
        self._chars = TfidfVectorizer(
            analyzer="char_wb", ngram_range=(2, 5), min_df=2, sublinear_tf=True, max_features=120000
        ).fit(norm)
        features = self._features(texts)
        self._clf = LogisticRegression(C=self.C, max_iter=3000)
        self._clf.fit(features, labels)
        self.classes = [str(c) for c in self._clf.classes_]
        self.fit_seconds = time.perf_counter() - started
        return self

    def predict_proba(self, texts: Sequence[str]) -> np.ndarray:
        if self._clf is None:
            raise RuntimeError("the model is not trained")
        return self._clf.predict_proba(self._features(texts))

    def predict(self, texts: Sequence[str]) -> list[Sentiment]:
        if self._clf is None:
            return vader_sentiment(texts)
        if len(texts) == 0:
            return []
        proba = self.predict_proba(texts)
        index = {c: i for i, c in enumerate(self.classes)}
        pos = proba[:, index["positive"]] if "positive" in index else np.zeros(len(texts))
        neg = proba[:, index["negative"]] if "negative" in index else np.zeros(len(texts))
        best = proba.argmax(axis=1)
        return [
            Sentiment(self.classes[b], round(float(p - n), 4), "learned")
            for b, p, n in zip(best, pos, neg, strict=True)
        ]

    def save(self, path: str | Path) -> None:
        state = {
            "format": FORMAT,
            "use_embeddings": self.use_embeddings,
            "embedding_weight": self.embedding_weight,
            "embedding_sha256": embeddings.WEIGHTS_SHA256 if self.use_embeddings else None,
            "C": self.C,
            "n_train": self.n_train,
            "classes": self.classes,
            "words": self._words,
            "chars": self._chars,
            "clf": self._clf,
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
        if not isinstance(state, dict) or state.get("format") != FORMAT:
            raise ValueError(f"{path} is not a Bluebridge sentiment model")
        if state["use_embeddings"] and not embeddings.available():
            raise RuntimeError(
                f"{path} was trained with sentence embeddings, which are not available here "
                "(install the 'embeddings' extra, or retrain with use_embeddings=False)"
            )
        model = cls(
            use_embeddings=state["use_embeddings"],
            C=state["C"],
            embedding_weight=state["embedding_weight"],
        )
        model.n_train = state["n_train"]
        model.classes = state["classes"]
        model._words, model._chars, model._clf = state["words"], state["chars"], state["clf"]
        return model
