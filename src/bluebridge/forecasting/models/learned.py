"""Learned multi-scale model: a Poisson GLM over lagged counts, refitted at every origin.

At a forecast origin o with horizon h the model builds training examples from earlier
origins o_j on a fixed lattice (multiples of the target length L = max(h, 7) days since the
epoch) whose target windows [o_j, o_j + L) end at or before o: features at o_j (features.py),
target = incidents per region cell in the window. A ridge Poisson regression learns how much
each window and spatial scale counts *in this city*, and the score at o is its prediction.
Nothing at or after o is ever read: the leakage test checks it.
"""

from __future__ import annotations

import hashlib
import math

import numpy as np

from .base import Model
from .events import Events
from .features import cell_features
from .glm import PoissonGLM, fit_poisson
from .grid import Grid

MAX_ROWS = 60_000
_FITS: dict[tuple, PoissonGLM] = {}


class LearnedPoisson(Model):
    name = "learned"
    title = "Learned multi-scale Poisson (ours)"
    defaults = {
        "training_days": 182.0,
        "min_history_days": 56.0,
        "ridge": 3.0,
        "min_windows": 4.0,
    }

    def training_origins(self, events: Events, origin: float, horizon: float) -> np.ndarray:
        length = max(horizon, 7.0)
        start = float(events.t[0]) + self.params["min_history_days"]
        last = math.floor((origin - length) / length) * length
        count = max(
            int(self.params["min_windows"]), math.ceil(self.params["training_days"] / length)
        )
        origins = last - length * np.arange(count)
        return origins[origins >= start][::-1]

    def predict(self, events: Events, grid: Grid, origin: float, horizon: float) -> np.ndarray:
        scores = np.zeros(grid.n_cells)
        if len(events) == 0:
            return scores
        ids_now, x_now = cell_features(events, grid, origin, horizon)
        train = self.training_origins(events, origin, horizon)
        length = max(horizon, 7.0)
        if len(train) == 0:
            # Too little history to learn from: the long-run rate, smoothed ties broken.
            linear = x_now[:, 7] + 1e-3 * x_now[:, 15]
        else:
            glm = self.fit(events, grid, train, length)
            linear = glm.linear(x_now)
        # Scores are log-rates; cells out of reach of any past incident share the floor.
        floor = float(linear.min()) - 1.0 if len(linear) else 0.0
        scores[:] = floor
        scores[ids_now] = linear
        return scores

    def fit(self, events: Events, grid: Grid, train: np.ndarray, length: float) -> PoissonGLM:
        """The GLM over the training windows, cached by the events it reads (those before the
        last window's end), so origins that share training windows share the fit."""
        upto = events.before(float(train[-1]) + length)
        digest = hashlib.blake2b(digest_size=16)
        for arr in (upto.t, upto.x, upto.y):
            digest.update(np.ascontiguousarray(arr).tobytes())
        key = (
            digest.hexdigest(),
            grid.xmin,
            grid.ymin,
            grid.cell_size,
            grid.nx,
            grid.ny,
            tuple(train.tolist()),
            length,
            tuple(sorted(self.params.items())),
        )
        cached = _FITS.get(key)
        if cached is not None:
            return cached
        rows, targets = [], []
        for o_j in train:
            ids_j, x_j = cell_features(events, grid, float(o_j), length)
            rows.append(x_j)
            targets.append(grid.counts(events.between(o_j, o_j + length))[ids_j])
        X = np.vstack(rows).astype(float)
        y = np.concatenate(targets)
        weights = np.ones_like(y)
        if X.shape[0] > MAX_ROWS:
            rng = np.random.default_rng(0)
            keep_p = min(1.0, MAX_ROWS / X.shape[0])
            keep = (y > 0) | (rng.random(y.shape[0]) < keep_p)
            X, y = X[keep], y[keep]
            weights = np.where(y > 0, 1.0, 1.0 / keep_p)
        glm = fit_poisson(X, y, weights=weights, ridge=self.params["ridge"])
        _FITS[key] = glm
        if len(_FITS) > 64:
            _FITS.pop(next(iter(_FITS)))
        return glm
