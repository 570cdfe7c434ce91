"""A small ridge-penalised Poisson regression (log link) fitted by Newton–Raphson (IRLS)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass
class PoissonGLM:
    coef: np.ndarray
    intercept: float
    mean: np.ndarray
    scale: np.ndarray

    def linear(self, X: np.ndarray) -> np.ndarray:
        return ((X - self.mean) / self.scale) @ self.coef + self.intercept

    def predict(self, X: np.ndarray) -> np.ndarray:
        return np.exp(np.clip(self.linear(X), -50, 50))


def fit_poisson(
    X: np.ndarray,
    y: np.ndarray,
    weights: np.ndarray | None = None,
    offset: np.ndarray | None = None,
    ridge: float = 1.0,
    iterations: int = 30,
    tol: float = 1e-8,
) -> PoissonGLM:
    """Maximise sum w (y eta - exp(eta)) - ridge/2 |beta|^2 with eta = offset + b0 + Z beta,
    Z the standardised X (the intercept is not penalised)."""
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    n, p = X.shape
    w = np.ones(n) if weights is None else np.asarray(weights, dtype=float)
    off = np.zeros(n) if offset is None else np.asarray(offset, dtype=float)
    mean = np.average(X, axis=0, weights=w)
    scale = np.sqrt(np.average((X - mean) ** 2, axis=0, weights=w))
    scale = np.where(scale > 1e-9, scale, 1.0)
    Z = np.column_stack([np.ones(n), (X - mean) / scale])
    beta = np.zeros(p + 1)
    beta[0] = np.log(max(np.sum(w * y), 1e-9) / np.sum(w * np.exp(off)))
    penalty = np.full(p + 1, ridge)
    penalty[0] = 0.0
    for _ in range(iterations):
        eta = np.clip(off + Z @ beta, -50, 50)
        mu = np.exp(eta)
        grad = Z.T @ (w * (y - mu)) - penalty * beta
        hess = (Z * (w * mu)[:, None]).T @ Z + np.diag(penalty) + 1e-9 * np.eye(p + 1)
        step = np.linalg.solve(hess, grad)
        # Damped step: halve until the penalised log-likelihood does not fall.
        ll0 = np.sum(w * (y * eta - mu)) - 0.5 * np.sum(penalty * beta**2)
        t = 1.0
        while t > 1e-4:
            nb = beta + t * step
            eta1 = np.clip(off + Z @ nb, -50, 50)
            ll1 = np.sum(w * (y * eta1 - np.exp(eta1))) - 0.5 * np.sum(penalty * nb**2)
            if ll1 >= ll0 - 1e-12:
                break
            t /= 2
        beta = beta + t * step
        if np.max(np.abs(t * step)) < tol:
            break
    return PoissonGLM(coef=beta[1:], intercept=float(beta[0]), mean=mean, scale=scale)
