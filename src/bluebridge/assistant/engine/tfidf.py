"""The fallback engine: word and character n-gram TF-IDF with logistic regression.

Needs only scikit-learn. Character n-grams (within word boundaries) make it tolerant of typos,
accents and Spanish inflection; the out-of-scope score is the maximum in-scope probability."""

from __future__ import annotations

from typing import Any, ClassVar

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import TfidfVectorizer

from .base import FeatureEngine

WORD = {
    "analyzer": "word",
    "ngram_range": (1, 2),
    "sublinear_tf": True,
    "lowercase": True,
    "strip_accents": "unicode",
    "min_df": 1,
}
CHAR = {
    "analyzer": "char_wb",
    "ngram_range": (2, 5),
    "sublinear_tf": True,
    "lowercase": True,
    "strip_accents": "unicode",
    "min_df": 1,
    "max_features": 200_000,
}


class TfidfEngine(FeatureEngine):
    name: ClassVar[str] = "tfidf"
    scorer = "msp"

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("c", 20.0)
        super().__init__(**kwargs)
        self.vectorisers: list[TfidfVectorizer] = []

    def _fit_features(self, texts: list[str]) -> None:
        self.vectorisers = [TfidfVectorizer(**WORD), TfidfVectorizer(**CHAR)]  # type: ignore[arg-type]
        for vec in self.vectorisers:
            vec.fit(texts)

    def _features(self, texts: list[str]) -> sparse.csr_matrix:
        parts = [vec.transform(texts) for vec in self.vectorisers]
        return sparse.hstack(parts, format="csr") / np.sqrt(len(parts))

    def _state(self) -> tuple[dict, dict[str, np.ndarray]]:
        config = {
            "vectorisers": [
                {"vocabulary": {k: int(v) for k, v in vec.vocabulary_.items()}}
                for vec in self.vectorisers
            ]
        }
        arrays = {f"idf_{i}": vec.idf_ for i, vec in enumerate(self.vectorisers)}
        return config, arrays

    def _restore(self, config: dict, arrays: Any) -> None:
        self.vectorisers = []
        for i, (params, stored) in enumerate(zip((WORD, CHAR), config["vectorisers"], strict=True)):
            settings = {k: v for k, v in params.items() if k != "max_features"}
            vec = TfidfVectorizer(vocabulary=stored["vocabulary"], **settings)  # type: ignore[arg-type]
            vec.idf_ = np.asarray(arrays[f"idf_{i}"])
            self.vectorisers.append(vec)
