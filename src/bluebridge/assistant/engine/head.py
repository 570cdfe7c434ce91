"""The classifier head over feature vectors: multinomial logistic regression plus, for dense
features, a Mahalanobis out-of-scope score. Stored as plain arrays (no pickles)."""

from __future__ import annotations

import warnings
from dataclasses import dataclass, field

import numpy as np
from scipy import sparse
from sklearn.covariance import LedoitWolf
from sklearn.exceptions import ConvergenceWarning
from sklearn.linear_model import LogisticRegression

OOS_CLASS = "__out_of_scope__"


def softmax(z: np.ndarray) -> np.ndarray:
    z = z - z.max(axis=1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)


def _dense(features, dims: int | None) -> np.ndarray:
    part = features if dims is None else features[:, :dims]
    if sparse.issparse(part):
        part = part.toarray()
    return np.asarray(part, dtype=np.float64)


@dataclass
class LinearHead:
    """Softmax over `classes` (which may end with OOS_CLASS) and optional Mahalanobis scoring."""

    classes: list[str]
    weights: np.ndarray  # (n_classes, dim)
    bias: np.ndarray  # (n_classes,)
    means: np.ndarray | None = None  # (n_in_scope, dim) class means, dense features only
    precision: np.ndarray | None = None  # (dim, dim) shared precision matrix
    _mean_terms: np.ndarray | None = field(default=None, repr=False, compare=False)

    @property
    def in_scope(self) -> list[str]:
        return [c for c in self.classes if c != OOS_CLASS]

    @classmethod
    def fit(
        cls,
        features,
        labels: list[str],
        *,
        c: float = 10.0,
        mahalanobis: bool = False,
        dense_dims: int | None = None,
        max_iter: int = 300,
    ) -> LinearHead:
        classes = sorted(set(labels) - {OOS_CLASS})
        if any(label == OOS_CLASS for label in labels):
            classes.append(OOS_CLASS)
        index = {label: i for i, label in enumerate(classes)}
        y = np.array([index[label] for label in labels])
        if len(classes) == 1:
            dim = features.shape[1]
            head = cls(classes, np.zeros((1, dim)), np.zeros(1))
        else:
            model = LogisticRegression(C=c, max_iter=max_iter, tol=1e-3, class_weight="balanced")
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", ConvergenceWarning)
                model.fit(features, y)
            weights = np.asarray(model.coef_, dtype=np.float64)
            bias = np.asarray(model.intercept_, dtype=np.float64)
            if len(classes) == 2:  # binary problems come back as one row
                weights = np.vstack([-weights[0] / 2, weights[0] / 2])
                bias = np.array([-bias[0] / 2, bias[0] / 2])
            head = cls(classes, weights, bias)
        if mahalanobis:
            head.fit_mahalanobis(_dense(features, dense_dims), y)
        return head

    def fit_mahalanobis(self, x: np.ndarray, y: np.ndarray) -> None:
        n_in = len(self.in_scope)
        keep = y < n_in
        x, y = x[keep], y[keep]
        means = np.stack([x[y == k].mean(axis=0) for k in range(n_in)])
        centred = x - means[y]
        self.means = means
        self._mean_terms = None
        self.precision = LedoitWolf(assume_centered=True).fit(centred).precision_

    def logits(self, features) -> np.ndarray:
        z = features @ self.weights.T
        return np.asarray(z) + self.bias

    def mahalanobis(self, features) -> np.ndarray:
        """Smallest squared Mahalanobis distance to an in-scope class mean, per row (over the
        first `means.shape[1]` feature columns)."""
        if self.means is None or self.precision is None:
            raise ValueError("this head has no Mahalanobis statistics")
        x = _dense(features, self.means.shape[1])
        if self._mean_terms is None:  # mu_k' P mu_k, once per head
            self._mean_terms = ((self.means @ self.precision) * self.means).sum(axis=1)
        xp = x @ self.precision
        d = (xp * x).sum(axis=1)[:, None] - 2 * xp @ self.means.T + self._mean_terms[None, :]
        return d.min(axis=1)

    def arrays(self, prefix: str = "") -> dict[str, np.ndarray]:
        out = {prefix + "weights": self.weights, prefix + "bias": self.bias}
        if self.means is not None and self.precision is not None:
            out[prefix + "means"] = self.means
            out[prefix + "precision"] = self.precision
        return out

    @classmethod
    def from_arrays(cls, classes: list[str], arrays, prefix: str = "") -> LinearHead:
        means = arrays.get(prefix + "means") if hasattr(arrays, "get") else None
        precision = arrays.get(prefix + "precision") if hasattr(arrays, "get") else None
        return cls(
            list(classes),
            np.asarray(arrays[prefix + "weights"]),
            np.asarray(arrays[prefix + "bias"]),
            None if means is None else np.asarray(means),
            None if precision is None else np.asarray(precision),
        )
