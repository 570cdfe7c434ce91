"""Space–time kernel density: Gaussian in space, exponential decay in time."""

from __future__ import annotations

import numpy as np

from .base import Model, gaussian_smooth
from .events import Events
from .grid import Grid


class SpaceTimeKDE(Model):
    """Score = sum over incidents of exp(-age / `time_scale_days`) * Gaussian(`sigma_m`).

    The time weights go into one weighted count per cell, the spatial kernel is a separable
    Gaussian filter over the grid image: O(events + cells).
    """

    name = "stkde"
    title = "Space–time kernel density"
    defaults = {"sigma_m": 200.0, "time_scale_days": 60.0, "window_days": 730.0}

    def predict(self, events: Events, grid: Grid, origin: float, horizon: float) -> np.ndarray:
        recent = events.between(origin - self.params["window_days"], origin)
        weights = np.exp(-(origin - recent.t) / self.params["time_scale_days"])
        return gaussian_smooth(grid, grid.counts(recent, weights=weights), self.params["sigma_m"])
