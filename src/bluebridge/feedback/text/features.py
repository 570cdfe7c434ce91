"""Text features of the learned sentiment model: normalisation, negation marking, NB-LR.

`tidy` decodes HTML entities and replaces links and @handles by tokens; `normalise` also
turns emoticons into `emopos` / `emoneg` and cuts letters repeated three times or more to two,
flagged (`soooo` -> `soo elong`). `mark_negation` appends `_neg` to the words after a negator
up to the next punctuation (`not good at all.` -> `not good_neg at_neg all_neg .`), English
and Spanish. `NBLogistic` is the NB-SVM of Wang & Manning (2012) with a logistic loss: binary
word 1-3-grams scaled by their naive-Bayes log-count ratio, one classifier per class.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from typing import Any

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression

_URL = re.compile(r"https?://\S+|www\.\S+")
_HANDLE = re.compile(r"(?<!\w)@\w+")
_EMO_POS = re.compile(r"[:;=]-?[)D\]pP]|<3|\(:")
_EMO_NEG = re.compile(r"[:;=]'?-?[(\[/\\]")
_ELONGATED = re.compile(r"(\w)\1{2,}")
_NEGATOR = re.compile(
    r"(?:not|no|never|cannot|nothing|nobody|none|nor|neither|nowhere|\w+n't|cant|dont|wont|"
    r"isnt|didnt|doesnt|wasnt|arent|havent|aint|nunca|nadie|nada|ni|sin|tampoco)"
)
_TOKEN = re.compile(r"[\w@'#]+|[.,!?;:]")
_STOP = frozenset(".,!?;:")
WORD_PATTERN = r"[\w@'#]+"


def tidy(text: str) -> str:
    """HTML entities decoded, links and @handles replaced: what the sentence encoder reads."""
    text = html.unescape(text or "")
    text = _URL.sub(" url ", text)
    text = _HANDLE.sub(" @user ", text)
    return " ".join(text.split())


def normalise(text: str) -> str:
    """`tidy`, then emoticons and elongations as tokens: what the n-gram features read."""
    text = tidy(text)
    text = _EMO_POS.sub(" emopos ", text)
    text = _EMO_NEG.sub(" emoneg ", text)
    text = _ELONGATED.sub(r"\1\1 elong", text)
    return " ".join(text.split())


def mark_negation(text: str) -> str:
    out: list[str] = []
    negated = False
    for token in _TOKEN.findall(text.lower()):
        if token in _STOP:
            negated = False
            out.append(token)
            continue
        out.append(token + "_neg" if negated else token)
        if _NEGATOR.fullmatch(token):
            negated = True
    return " ".join(out)


class NBLogistic:
    """One-vs-rest logistic regressions on NB-scaled binary 1-3-grams; probabilities summed to 1."""

    def __init__(self, C: float = 4.0) -> None:
        self.C = C
        self.classes_: np.ndarray = np.array([])
        self._vectorizer: TfidfVectorizer | None = None
        self._parts: list[tuple[np.ndarray, Any]] = []

    def fit(self, texts: Sequence[str], labels: Sequence[str]) -> NBLogistic:
        y = np.asarray(labels)
        self._vectorizer = TfidfVectorizer(
            ngram_range=(1, 3),
            min_df=2,
            binary=True,
            use_idf=False,
            norm=None,
            token_pattern=WORD_PATTERN,
        )
        counts = self._vectorizer.fit_transform(texts)
        self.classes_ = np.unique(y)
        self._parts = []
        for label in self.classes_:
            inside = y == label
            p = np.asarray(counts[inside].sum(0)).ravel() + 1.0
            q = np.asarray(counts[~inside].sum(0)).ravel() + 1.0
            ratio = np.log((p / p.sum()) / (q / q.sum()))
            if inside.all():
                self._parts.append((ratio, None))  # only one class seen: always this one
                continue
            model = LogisticRegression(C=self.C, max_iter=2000)
            model.fit(counts.multiply(ratio).tocsr(), inside.astype(int))
            self._parts.append((ratio, model))
        return self

    def predict_proba(self, texts: Sequence[str]) -> np.ndarray:
        if self._vectorizer is None:
            raise RuntimeError("NBLogistic is not fitted")
        counts = self._vectorizer.transform(texts)
        columns = [
            np.ones(counts.shape[0])
            if model is None
            else model.predict_proba(counts.multiply(ratio).tocsr())[:, 1]
            for ratio, model in self._parts
        ]
        proba = np.column_stack(columns) + 1e-9
        return proba / proba.sum(axis=1, keepdims=True)
