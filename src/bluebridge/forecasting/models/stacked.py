"""Stacked kernels (`best`): a non-negative mix of kernel candidates fitted on past windows.

Candidates (stackwindows.py) are space–time kernel densities at three spatial scales (the
cell alone, Gaussian 0.5 and 2 cells) and six memories (exponential decays of 3, 14, 60,
365 and 1461 days, and none: past counts, the naive baseline), each scaled to sum to one.
At a forecast origin o with horizon h:

1. Validation windows [s, s + L), L = max(h, `validation_window_days`), start on a fixed
   lattice (every max(L, `stride_days`) days since the epoch) over the last
   `validation_days` (at least `min_validation` windows), and end at or before o.
2. Two weight vectors beta >= 0 are fitted on the windows: least squares between the mix and
   the incidents per cell (NNLS on the cached normal equations; puts the weight on busy
   cells) and the Poisson likelihood of the windows' incidents (EM for mixture weights,
   started from the least-squares fit; weighs every incident alike).
3. Guard and choice: each fit is shrunk toward past counts, (1 - a) beta + a naive for a in
   `SHRINK`; the option kept has the best validation PAI (1, 5 and 10 %) among those that
   flag at least as many of the windows' incidents as past counts at every level (past
   counts themselves always qualify).

The score at o is the chosen mix of the candidates computed from the events before o.
"""

from __future__ import annotations

import math

import numpy as np
from scipy.optimize import nnls
from threadpoolctl import threadpool_limits

from .base import Model
from .events import Events
from .grid import Grid
from .stackwindows import COVERAGES, NAIVE, Past, WindowStats, candidates

SHRINK = (0.0, 0.25, 0.5, 0.75, 1.0)


class StackedKernels(Model):
    name = "stacked"
    title = "Stacked kernel mix (ours)"
    defaults = {
        "validation_days": 182.0,
        "min_validation": 12.0,
        "min_history_days": 28.0,
        "validation_window_days": 7.0,
        "stride_days": 7.0,
        "ridge": 1e-6,
        "guard": 1.0,
        "poisson": 2.0,
    }

    def window_starts(self, events: Events, origin: float, horizon: float) -> np.ndarray:
        length = max(horizon, self.params["validation_window_days"])
        stride = max(length, self.params["stride_days"])
        count = max(
            int(self.params["min_validation"]), math.ceil(self.params["validation_days"] / stride)
        )
        last = math.floor((origin - length) / stride) * stride
        starts = last - stride * np.arange(count)
        return starts[starts >= float(events.t[0]) + self.params["min_history_days"]]

    def fit(
        self, past: Past, events: Events, origin: float, horizon: float
    ) -> tuple[np.ndarray, list[WindowStats]]:
        n = len(candidates())
        starts = self.window_starts(events, origin, horizon)
        if len(starts) == 0:
            beta = np.zeros(n)
            beta[NAIVE] = 1.0
            return beta[None, :], []
        length = max(horizon, self.params["validation_window_days"])
        stats = past.windows(starts, length)
        return self.fits_on(stats), stats

    def fits_on(self, stats: list[WindowStats]) -> np.ndarray:
        """The weight vectors (one per row) fitted on these windows."""
        n = len(candidates())
        G = sum(s.gram for s in stats)
        b = sum(s.cross for s in stats)
        assert isinstance(G, np.ndarray) and isinstance(b, np.ndarray)
        G = G + (self.params["ridge"] * np.trace(G) / n + 1e-12) * np.eye(n)
        L = np.linalg.cholesky(G)
        beta, _ = nnls(L.T, np.linalg.solve(L, b))
        if self.params["poisson"] == 1:
            return poisson_weights(stats, beta)[None, :]
        if self.params["poisson"] == 2:
            return np.vstack([beta, poisson_weights(stats, beta)])
        return beta[None, :]

    def weights(self, events: Events, grid: Grid, origin: float, horizon: float) -> np.ndarray:
        """The mix used at `origin` (one weight per candidate), guard included."""
        with threadpool_limits(1, user_api="blas"):
            beta, stats = self.fit(Past(events, grid), events, origin, horizon)
            return self.guard(beta, stats)

    def guard(self, fits: np.ndarray, stats: list[WindowStats]) -> np.ndarray:
        options = self.options(fits)
        if len(options) == 1 or not stats:
            return options[-1]
        if not self.params["guard"]:
            return options[0]
        hits = [sum(s.hits(o) for s in stats) for o in options]
        return self.pick(options, hits, stats)

    def options(self, fits: np.ndarray) -> list[np.ndarray]:
        """Each fit shrunk toward past counts at every level of SHRINK; past counts last."""
        fits = np.atleast_2d(fits)
        naive = np.zeros(fits.shape[1])
        naive[NAIVE] = 1.0
        if np.any(fits.sum(axis=1) <= 0):
            return [naive]
        fits = fits / fits.sum(axis=1, keepdims=True)
        return [(1 - a) * beta + a * naive for beta in fits for a in SHRINK[:-1]] + [naive]

    @staticmethod
    def pick(options: list[np.ndarray], hits: list, stats: list[WindowStats]) -> np.ndarray:
        """The best validation PAI (1, 5, 10 %) among options that flag at least as many
        incidents as past counts (the last option) at every level."""
        n_events = max(sum(s.n_events for s in stats), 1.0)
        pai = [float(np.sum(h / n_events / np.array(COVERAGES))) for h in hits]
        ok = [i for i, h in enumerate(hits) if np.all(h >= hits[-1])]
        return options[max(ok, key=lambda i: (pai[i], -i))]

    def predict(self, events: Events, grid: Grid, origin: float, horizon: float) -> np.ndarray:
        if len(events) == 0:
            return np.zeros(grid.n_cells)
        # The products here are small: a second BLAS thread only adds synchronisation (twice
        # the time on a busy 2-core machine).
        with threadpool_limits(1, user_api="blas"):
            past = Past(events, grid)
            beta, stats = self.fit(past, events, origin, horizon)
            return self.guard(beta, stats) @ past.scores(origin)


def poisson_weights(
    stats: list[WindowStats], start: np.ndarray, iterations: int = 100
) -> np.ndarray:
    """Mixture weights that maximise the Poisson likelihood of the windows' incidents.

    Every candidate sums to one over the grid, so the expected total of a window is sum(beta)
    and the EM update is beta_j <- beta_j * sum_cells y s_j / (beta . s) / windows."""
    S = np.hstack([s.event_scores for s in stats]).astype(np.float64)
    y = np.concatenate([s.event_counts for s in stats])
    keep = S.max(axis=0) > 0
    S, y = S[:, keep], y[keep]
    n = len(stats)
    beta = np.maximum(start, 0) + 1e-3 * max(float(start.sum()), 1e-9) / len(start)
    for _ in range(iterations):
        rate = beta @ S
        beta = beta * (S @ (y / rate)) / n
    return beta
