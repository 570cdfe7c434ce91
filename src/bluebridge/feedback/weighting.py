"""Survey weights by raking (iterative proportional fitting) to population margins. No Django.

`rake()` adjusts base weights so that the weighted sample matches the population share of
every category of every dimension (e.g. age × sex, race/ethnicity). Respondents who did not
answer a dimension (code -1) keep their weight in that dimension's step; the categories they
did answer are matched among those who answered (partial raking). Categories with population
but no respondent cannot be matched: their population is left out and the other categories'
shares are renormalised (the result says which). After raking, weights are trimmed to
[TRIM_LOW, TRIM_HIGH] × the mean weight and raked again, alternately (at most TRIM_ROUNDS
rounds); the final weights always keep the caps, and the margins are met as closely as the
caps allow.
See docs/decisions/0035-raking.md for why this is our own code and how it is checked.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
from numpy.typing import NDArray

TRIM_LOW = 0.2
TRIM_HIGH = 5.0
Z95 = 1.959963984540054
TRIM_ROUNDS = 10  # cap-and-rake rounds after the first raking


@dataclass
class RakeResult:
    weights: NDArray[np.float64]  # mean 1
    iterations: int
    converged: bool
    trimmed: int  # respondents whose weight was capped in the last trimming round
    dropped: list[tuple[int, int]] = field(default_factory=list)  # (dimension, category) unmatched


def _shares(targets: NDArray[np.float64], present: NDArray[np.bool_]) -> NDArray[np.float64]:
    masked = np.where(present, targets, 0.0)
    total = masked.sum()
    return masked / total if total > 0 else masked


def _rake_once(
    codes: Sequence[NDArray[np.int64]],
    shares: Sequence[NDArray[np.float64]],
    weights: NDArray[np.float64],
    mult: NDArray[np.float64],
    max_iter: int,
    tol: float,
) -> tuple[NDArray[np.float64], int, bool]:
    """Iterative proportional fitting on rows that stand for `mult` identical respondents."""
    w = weights.copy()
    for iteration in range(1, max_iter + 1):
        worst = 0.0
        for dim_codes, dim_shares in zip(codes, shares, strict=True):
            known = dim_codes >= 0
            if not known.any():
                continue
            idx = dim_codes[known]
            sums = np.bincount(idx, weights=(w * mult)[known], minlength=len(dim_shares))
            mass = sums.sum()
            wanted = dim_shares * mass
            with np.errstate(divide="ignore", invalid="ignore"):
                factor = np.where(sums > 0, wanted / sums, 1.0)
            worst = max(worst, float(np.max(np.abs(sums - wanted)) / mass))
            w[known] *= factor[idx]
        if worst < tol:
            return w, iteration, True
    return w, max_iter, False


def _margin_error(
    codes: Sequence[NDArray[np.int64]],
    shares: Sequence[NDArray[np.float64]],
    w: NDArray[np.float64],
    mult: NDArray[np.float64],
) -> float:
    worst = 0.0
    for dim_codes, dim_shares in zip(codes, shares, strict=True):
        known = dim_codes >= 0
        if known.any():
            sums = np.bincount(
                dim_codes[known], weights=(w * mult)[known], minlength=len(dim_shares)
            )
            worst = max(worst, float(np.max(np.abs(sums / sums.sum() - dim_shares))))
    return worst


def _mean(w: NDArray[np.float64], mult: NDArray[np.float64]) -> float:
    return float(np.dot(w, mult) / mult.sum())


def _cap(
    w: NDArray[np.float64], mult: NDArray[np.float64], low: float, high: float
) -> NDArray[np.float64]:
    """Clip weights to [low, high] × their mean, repeating as the mean moves (mean 1 after)."""
    for _ in range(100):
        w = w / _mean(w, mult)
        capped = np.clip(w, low, high)
        if float(np.max(np.abs(capped - w))) < 1e-12:
            break
        w = capped
    return w / _mean(w, mult)


def rake(
    codes: Sequence[Sequence[int] | NDArray[np.int64]],
    targets: Sequence[Sequence[float] | NDArray[np.float64]],
    base_weights: Sequence[float] | NDArray[np.float64] | None = None,
    *,
    trim: tuple[float, float] | None = (TRIM_LOW, TRIM_HIGH),
    max_iter: int = 200,
    tol: float = 1e-10,
) -> RakeResult:
    """Raking weights (mean 1) for respondents whose category in dimension d is codes[d][i].

    targets[d][c] is the population count of category c of dimension d; -1 in codes: missing.
    Respondents with the same categories (and base weight) always get the same weight, so the
    work is done once per distinct combination: the cost hardly grows with the sample.
    """
    code_arrays = [np.asarray(c, dtype=np.int64) for c in codes]
    target_arrays = [np.asarray(t, dtype=np.float64) for t in targets]
    n = len(code_arrays[0]) if code_arrays else 0
    if any(len(c) != n for c in code_arrays):
        raise ValueError("every dimension needs one code per respondent")
    if len(code_arrays) != len(target_arrays):
        raise ValueError("one target vector per dimension")
    base = np.ones(n) if base_weights is None else np.asarray(base_weights, dtype=np.float64)
    if n == 0:
        return RakeResult(base.copy(), 0, True, 0)
    if len(base) != n or np.any(base <= 0):
        raise ValueError("base weights must be positive, one per respondent")
    shares, dropped = [], []
    for d, (dim_codes, dim_targets) in enumerate(zip(code_arrays, target_arrays, strict=True)):
        if np.any(dim_codes >= len(dim_targets)):
            raise ValueError(f"dimension {d}: a code has no target")
        present = np.bincount(dim_codes[dim_codes >= 0], minlength=len(dim_targets)) > 0
        dropped += [(d, int(c)) for c in np.flatnonzero(~present & (dim_targets > 0))]
        shares.append(_shares(dim_targets, present))
    # Collapse identical respondents into cells with a multiplicity (without base weights,
    # which could differ between them).
    if base_weights is None:
        key = np.zeros(n, dtype=np.int64)
        for dim_codes, dim_targets in zip(code_arrays, target_arrays, strict=True):
            key = key * (len(dim_targets) + 1) + (dim_codes + 1)
        _keys, first, inverse, counts = np.unique(
            key, return_index=True, return_inverse=True, return_counts=True
        )
        inverse = inverse.reshape(-1)
    else:
        first, inverse, counts = np.arange(n), np.arange(n), np.ones(n, dtype=np.int64)
    cell_codes = [c[first] for c in code_arrays]
    start = base[first]
    mult = counts.astype(np.float64)
    w, iterations, converged = _rake_once(cell_codes, shares, start, mult, max_iter, tol)
    trimmed = 0
    if trim is not None:
        low, high = trim
        w = w / _mean(w, mult)
        out = (w < low * (1 - 1e-9)) | (w > high * (1 + 1e-9))
        trimmed = int(mult[out].sum())
        if trimmed:
            # Cap, then rake again; a few rounds (TRIM_ROUNDS). The final weights keep the caps
            # exactly and meet the margins as closely as the caps allow (`converged` says
            # whether within 1e-6).
            for _ in range(TRIM_ROUNDS):
                w, sweeps, _ok = _rake_once(
                    cell_codes, shares, _cap(w, mult, low, high), mult, 50, 1e-8
                )
                w = w / _mean(w, mult)
                iterations += sweeps
                if not np.any((w < low * (1 - 1e-6)) | (w > high * (1 + 1e-6))):
                    break
            w = _cap(w, mult, low, high)
            converged = _margin_error(cell_codes, shares, w, mult) < 1e-6
    full = w[inverse]
    return RakeResult(full / full.mean(), iterations, converged, trimmed, dropped)


def kish_n(weights: NDArray[np.float64]) -> float:
    """Kish's effective sample size, (Σw)² / Σw²."""
    total = float(weights.sum())
    squares = float(np.dot(weights, weights))
    return total * total / squares if squares > 0 else 0.0


@dataclass(frozen=True)
class WeightedMean:
    mean: float
    low: float  # 95% interval
    high: float
    n: int
    n_eff: float
    se: float


def weighted_mean(
    values: NDArray[np.float64], weights: NDArray[np.float64], bounds: tuple[float, float]
) -> WeightedMean | None:
    """Weighted mean with a 95% interval whose variance uses Kish's effective n (design effect).

    Respondents with a missing value (NaN) are left out. None when nobody answered.
    """
    ok = ~np.isnan(values)
    y, w = values[ok], weights[ok]
    if len(y) == 0 or w.sum() <= 0:
        return None
    mean = float(np.dot(w, y) / w.sum())
    n_eff = kish_n(w)
    variance = float(np.dot(w, (y - mean) ** 2) / w.sum())
    if len(y) > 1:
        variance *= len(y) / (len(y) - 1)
    se = math.sqrt(variance / n_eff) if n_eff > 0 else math.inf
    low, high = bounds
    return WeightedMean(
        mean, max(low, mean - Z95 * se), min(high, mean + Z95 * se), len(y), n_eff, se
    )
