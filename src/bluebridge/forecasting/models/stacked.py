"""Stacked kernels: a non-negative mix of the ensemble's candidates fitted on past windows.

Each candidate (ensemble.py: the grid ETAS and 20 space–time kernel densities) is scaled to
sum to one over the grid. On validation windows [o_v, o_v + w) that end at or before the
origin (w = max(horizon, 7 days), the last `validation_days`), the weights beta >= 0 minimise
the squared error between sum_j beta_j s_j(cell) and the incidents per cell; squared error
puts the weight on the busy cells that decide the top of the ranking. Only the normal
equations (candidates x candidates) of each window are kept, cached by the content of the
events before the window's end, so neighbouring origins reuse them.
"""

from __future__ import annotations

import math
from collections import OrderedDict

import numpy as np
from scipy.optimize import nnls

from .base import Model
from .ensemble import candidate_scores, candidates, window_key
from .events import Events
from .grid import Grid

_CACHE: OrderedDict[tuple, tuple[np.ndarray, np.ndarray]] = OrderedDict()
_CACHE_SIZE = 2048


def _normalised(scores: list[np.ndarray]) -> np.ndarray:
    out = np.vstack(scores)
    sums = out.sum(axis=1, keepdims=True)
    return np.divide(out, sums, out=np.zeros_like(out), where=sums > 0)


def normal_equations(
    events: Events, grid: Grid, start: float, window: float, with_sepp: bool
) -> tuple[np.ndarray, np.ndarray]:
    end = start + window
    upto = events.before(end)
    key = window_key(upto, grid, start, end, with_sepp)
    hit = _CACHE.get(key)
    if hit is not None:
        _CACHE.move_to_end(key)
        return hit
    past = upto.before(start)
    y = grid.counts(upto.between(start, end))
    S = _normalised(candidate_scores(past, grid, start, window, with_sepp))
    out = (S @ S.T, S @ y)
    _CACHE[key] = out
    if len(_CACHE) > _CACHE_SIZE:
        _CACHE.popitem(last=False)
    return out


class StackedKernels(Model):
    name = "stacked"
    title = "Stacked kernel mix (ours)"
    defaults = {
        "validation_days": 182.0,
        "min_validation": 6.0,
        "min_history_days": 28.0,
        "validation_window_days": 7.0,
        "sepp": 1.0,
        "ridge": 1e-6,
    }

    def windows(self, events: Events, origin: float, window: float) -> np.ndarray:
        count = max(
            int(self.params["min_validation"]), math.ceil(self.params["validation_days"] / window)
        )
        last = math.floor((origin - window) / window) * window
        starts = last - window * np.arange(count)
        return starts[starts >= float(events.t[0]) + self.params["min_history_days"]]

    def weights(self, events: Events, grid: Grid, origin: float, horizon: float) -> np.ndarray:
        window = max(horizon, self.params["validation_window_days"])
        sepp = bool(self.params["sepp"])
        starts = self.windows(events, origin, window)
        n = len(candidates()) + int(sepp)
        if len(starts) == 0:
            beta = np.zeros(n)
            beta[4] = 1.0  # the cell alone, no decay: past counts
            return beta
        G = np.zeros((n, n))
        b = np.zeros(n)
        for s in starts:
            g, v = normal_equations(events, grid, float(s), window, sepp)
            G += g
            b += v
        G += (self.params["ridge"] * np.trace(G) / n + 1e-12) * np.eye(n)
        L = np.linalg.cholesky(G)
        beta, _ = nnls(L.T, np.linalg.solve(L, b))
        return beta

    def predict(self, events: Events, grid: Grid, origin: float, horizon: float) -> np.ndarray:
        if len(events) == 0:
            return np.zeros(grid.n_cells)
        beta = self.weights(events, grid, origin, horizon)
        S = _normalised(candidate_scores(events, grid, origin, horizon, bool(self.params["sepp"])))
        return beta @ S
