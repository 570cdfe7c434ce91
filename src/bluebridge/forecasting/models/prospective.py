"""Prospective hotspot (Bowers, Johnson and Pease 2004): recent and near incidents weigh more."""

from __future__ import annotations

import math

import numpy as np

from .base import Model, kernel_smooth, offsets
from .events import Events
from .grid import Grid


class ProspectiveHotspot(Model):
    """Weight of an incident d cells away and w whole weeks old: 1/(1+d) * 1/(1+w), for
    d <= `bandwidth_m` / cell size and w < `weeks`. One weekly count image per week, each
    convolved with the spatial weights (FFT) and summed with the week's weight.
    """

    name = "prospective"
    title = "Prospective hotspot (Bowers–Johnson)"
    defaults = {"bandwidth_m": 400.0, "weeks": 8.0}

    def predict(self, events: Events, grid: Grid, origin: float, horizon: float) -> np.ndarray:
        radius = max(1, math.floor(self.params["bandwidth_m"] / grid.cell_size))
        dy, dx = offsets(radius)
        d = np.hypot(dx, dy)
        kernel = np.where(d <= radius, 1.0 / (1.0 + d), 0.0)
        weeks = int(self.params["weeks"])
        recent = events.between(origin - 7.0 * weeks, origin)
        age = np.floor((origin - recent.t) / 7.0)
        weighted = grid.counts(recent, weights=1.0 / (1.0 + age))
        return kernel_smooth(grid, weighted, kernel)
