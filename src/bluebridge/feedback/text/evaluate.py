"""Measurements of the text engine: sentiment (learned vs VADER) and themes (NMI vs a baseline)."""

from __future__ import annotations

import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
from scipy.stats import pearsonr, spearmanr
from sklearn.cluster import KMeans
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics import accuracy_score, f1_score, normalized_mutual_info_score

from bluebridge.feedback.text import embeddings
from bluebridge.feedback.text.learned import SentimentModel
from bluebridge.feedback.text.sentiment import LABELS, Sentiment, vader_sentiment
from bluebridge.feedback.text.themes import clean, cluster, vectorise


def _scores(truth: Sequence[str], predicted: Sequence[Sentiment], seconds: float) -> dict[str, Any]:
    labels = [p.label for p in predicted]
    present = [c for c in LABELS if c in set(truth) | set(labels)]
    per_class = f1_score(truth, labels, labels=present, average=None, zero_division=0)
    return {
        "accuracy": round(float(accuracy_score(truth, labels)), 4),
        "macro_f1": round(float(f1_score(truth, labels, average="macro", zero_division=0)), 4),
        "f1_per_class": {c: round(float(v), 4) for c, v in zip(present, per_class, strict=True)},
        "seconds": round(seconds, 2),
    }


def benchmark_sentiment(
    train_texts: Sequence[str],
    train_labels: Sequence[str],
    test_texts: Sequence[str],
    test_labels: Sequence[str],
    *,
    use_embeddings: bool | None = None,
    embedding_cache: str | Path | None = None,
    save_model: str | Path | None = None,
    finetune_epochs: float = 0,
    log: Any = None,
) -> dict[str, Any]:
    """Train the learned model on the first set; accuracy and macro-F1 on the second, and VADER's."""
    started = time.perf_counter()
    model = SentimentModel(
        use_embeddings=use_embeddings,
        embedding_cache=embedding_cache,
        finetune_epochs=finetune_epochs,
        log=log,
    )
    model.fit(train_texts, train_labels)
    fit_seconds = time.perf_counter() - started
    started = time.perf_counter()
    learned = model.predict(test_texts)
    learned_seconds = time.perf_counter() - started
    started = time.perf_counter()
    baseline = vader_sentiment(test_texts)
    vader_seconds = time.perf_counter() - started
    if save_model:
        model.save(save_model)
    truth = [str(label).strip().lower() for label in test_labels]
    result = {
        "n_train": len(train_texts),
        "n_test": len(test_texts),
        "learned": {
            **_scores(truth, learned, learned_seconds),
            "trained": model.is_trained,
            "features": "stack: words, chars, nb-lr, vader"
            + (" + minilm sentence and layers 4-6" if model.use_embeddings else "")
            + (
                f", blended with minilm fine-tuned {model.finetune_epochs:g} epochs"
                if model.is_fine_tuned
                else ""
            ),
            "cv_macro_f1": round(model.cv_macro_f1, 4) if model.cv_macro_f1 is not None else None,
            "fit_seconds": round(fit_seconds, 2),
        },
        "vader": _scores(truth, baseline, vader_seconds),
    }
    return result


def correlation(scores: Sequence[float], human: Sequence[float]) -> dict[str, float]:
    return {
        "pearson": round(float(pearsonr(scores, human)[0]), 4),
        "spearman": round(float(spearmanr(scores, human)[0]), 4),
    }


def baseline_themes(texts: list[str], k: int, random_state: int = 0) -> np.ndarray:
    """The plain baseline: TF-IDF (English stop words) on the raw text, k-means."""
    matrix = TfidfVectorizer(stop_words="english", sublinear_tf=True, min_df=2).fit_transform(texts)
    return KMeans(n_clusters=k, n_init=10, random_state=random_state).fit_predict(matrix)


def benchmark_themes(
    texts: Sequence[str],
    labels: Sequence[str],
    *,
    k: int | None = None,
    use_embeddings: bool | None = None,
    embedding_cache: str | None = None,
) -> dict[str, Any]:
    """NMI of the engine's themes and of the TF-IDF + k-means baseline against human labels."""
    k = k or len(set(labels))
    raw = list(texts)
    cleaned = [clean(t) or "-" for t in raw]
    started = time.perf_counter()
    vectors, method = vectorise(cleaned, use_embeddings, embedding_cache)
    ours = cluster(vectors, k)
    ours_seconds = time.perf_counter() - started
    started = time.perf_counter()
    base = baseline_themes(raw, k)
    base_seconds = time.perf_counter() - started
    return {
        "n": len(raw),
        "k": k,
        "n_labels": len(set(labels)),
        "themes": {
            "nmi": round(float(normalized_mutual_info_score(labels, ours)), 4),
            "method": f"{method} + k-means",
            "seconds": round(ours_seconds, 2),
        },
        "baseline": {
            "nmi": round(float(normalized_mutual_info_score(labels, base)), 4),
            "method": "tfidf + k-means (raw text)",
            "seconds": round(base_seconds, 2),
        },
        "embeddings_available": embeddings.available(),
    }
