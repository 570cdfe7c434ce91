"""Past counts: the long-run number of incidents in each cell (the naive baseline)."""

from __future__ import annotations

import numpy as np

from .base import Model
from .events import Events
from .grid import Grid


class NaiveCounts(Model):
    """Score = incidents in the cell over the last `window_days` (0 = all history)."""

    name = "naive"
    title = "Past counts (naive)"
    defaults = {"window_days": 0.0}

    def predict(self, events: Events, grid: Grid, origin: float, horizon: float) -> np.ndarray:
        window = self.params["window_days"]
        if window > 0:
            events = events.between(origin - window, origin)
        return grid.counts(events)
