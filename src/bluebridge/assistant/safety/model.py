"""The learned layer of the safety screen: n-gram logistic regression, pure Python at run time.

Features are hashed character n-grams (3 to 5, inside word boundaries) and word unigrams and
bigrams of the normalised text (lower case, no accents). Weights for the three classes
("none", "emergency", "crisis") are trained by `python -m bluebridge.assistant.safety.train`
from `data/train.jsonl` and shipped in `data/model.json`, with the SHA-256 of the training file
they came from and the decision thresholds. No NumPy or scikit-learn is needed to predict.
"""

from __future__ import annotations

import itertools
import json
import math
import re
import zlib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from bluebridge.core.safety import normalise

DATA = Path(__file__).resolve().parent / "data"
MODEL_PATH = DATA / "model.json"
TRAIN_PATH = DATA / "train.jsonl"
CLASSES = ("none", "emergency", "crisis")
DIM = 1 << 18
_WORD = re.compile(r"[a-z0-9']+")


def features(text: str) -> list[int]:
    """Hashed feature indices of `text` (duplicates kept: counts matter)."""
    plain = normalise(text[:2000])
    words = _WORD.findall(plain)
    grams: list[str] = [f"w:{w}" for w in words]
    grams += [f"b:{a} {b}" for a, b in itertools.pairwise(words)]
    for word in words:
        padded = f" {word} "
        for n in (3, 4, 5):
            grams += [f"c:{padded[i : i + n]}" for i in range(max(1, len(padded) - n + 1))]
    return [zlib.crc32(g.encode()) & (DIM - 1) for g in grams]


@dataclass(frozen=True)
class Guess:
    kind: str | None  # "emergency" | "crisis" | None
    emergency: float = 0.0  # probabilities
    crisis: float = 0.0


@dataclass(frozen=True)
class Model:
    bias: tuple[float, float, float]
    weights: dict[int, tuple[float, float, float]]
    thresholds: dict[str, float]
    train_sha256: str

    def probabilities(self, text: str) -> tuple[float, float, float]:
        idx = features(text)
        if not idx:
            return (1.0, 0.0, 0.0)
        scale = 1.0 / math.sqrt(len(idx))
        z = list(self.bias)
        weights = self.weights
        for i in idx:
            w = weights.get(i)
            if w is not None:
                z[0] += w[0] * scale
                z[1] += w[1] * scale
                z[2] += w[2] * scale
        top = max(z)
        e = [math.exp(v - top) for v in z]
        total = sum(e)
        return (e[0] / total, e[1] / total, e[2] / total)

    def predict(self, text: str) -> Guess:
        _none, p_emergency, p_crisis = self.probabilities(text)
        kind = None
        if p_crisis >= self.thresholds["crisis"]:
            kind = "crisis"
        elif p_emergency + p_crisis >= self.thresholds["emergency"]:
            kind = "emergency"
        return Guess(kind, p_emergency, p_crisis)


def load(path: Path = MODEL_PATH) -> Model | None:
    if not path.exists():
        return None
    raw = json.loads(path.read_text(encoding="utf-8"))
    weights = {int(k): (v[0], v[1], v[2]) for k, v in raw["weights"].items()}
    b = raw["bias"]
    return Model((b[0], b[1], b[2]), weights, raw["thresholds"], raw["train_sha256"])


@lru_cache(maxsize=1)
def shipped() -> Model | None:
    return load()


def predict(text: str) -> Guess:
    """The shipped model's guess; Guess(None) when no model is shipped."""
    model = shipped()
    return model.predict(text) if model else Guess(None)
