"""Scoring one forecast: flagged cells, hits, best possible hits, hit rate curve.

Rules (docs/forecasting.md): the top k region cells by score are flagged, ties broken by the
lower cell id; every incident in the horizon counts in the denominator of the hit rate, also
those outside the region; PEI compares with the most incidents any k region cells held.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

from .events import Events
from .grid import Grid

SQUARE_MILE_M2 = 1609.344**2


def ranking(scores: np.ndarray, grid: Grid) -> np.ndarray:
    """Region cell ids from highest to lowest score; equal scores in ascending cell id."""
    ids = grid.region_ids
    s = np.asarray(scores, dtype=float)[ids]
    s = np.where(np.isfinite(s), s, -np.inf)
    return ids[np.argsort(-s, kind="stable")]


def k_for_coverage(coverage: float, n_ref: int) -> int:
    if not 0 < coverage <= 1:
        raise ValueError("coverage must be a share of the region in (0, 1]")
    return min(n_ref, math.ceil(coverage * n_ref - 1e-9))


def k_for_area(area_m2: float, cell_area: float, n_ref: int) -> int:
    if not area_m2 > 0:
        raise ValueError("forecast areas must be positive")
    return min(n_ref, math.floor(area_m2 / cell_area + 1e-9))


def future_counts(grid: Grid, future: Events) -> np.ndarray:
    """Incidents per cell in the horizon (cells off the grid are dropped; count them apart)."""
    return grid.counts(future)


def hits_at(
    scores: np.ndarray, grid: Grid, future: Events, ks: Sequence[int] | np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """(hits, best possible hits) for each k."""
    order = ranking(scores, grid)
    counts = future_counts(grid, future)
    got = np.concatenate([[0.0], np.cumsum(counts[order])])
    best = np.concatenate([[0.0], np.cumsum(np.sort(counts[grid.region_ids])[::-1])])
    ks_arr = np.asarray(ks, dtype=int)
    return got[ks_arr], best[ks_arr]


def hit_rate_curve(
    scores: np.ndarray, grid: Grid, future: Events, points: int = 100
) -> tuple[np.ndarray, np.ndarray]:
    """Hit rate against the share of the region flagged (0..1) for one forecast."""
    n_ref = grid.n_region
    coverage = np.linspace(0.0, 1.0, points + 1)
    ks = np.ceil(coverage * n_ref - 1e-9).astype(int)
    hits, _ = hits_at(scores, grid, future, ks)
    total = max(len(future), 1)
    return coverage, hits / total
