"""Retrospective kernel hotspot: a quartic kernel density of the recent incidents."""

from __future__ import annotations

import numpy as np

from .base import Model, kernel_smooth, quartic_kernel
from .events import Events
from .grid import Grid


class RetrospectiveHotspot(Model):
    """Sum of quartic kernels (bandwidth metres) over incidents of the last `window_days`.

    Incidents are placed at their cell centre, so the density is a convolution of the cell
    counts with the kernel sampled on cell offsets (one FFT).
    """

    name = "retrospective"
    title = "Retrospective kernel hotspot"
    defaults = {"bandwidth_m": 400.0, "window_days": 365.0}

    def predict(self, events: Events, grid: Grid, origin: float, horizon: float) -> np.ndarray:
        recent = events.between(origin - self.params["window_days"], origin)
        counts = grid.counts(recent)
        kernel = quartic_kernel(grid.cell_size, max(self.params["bandwidth_m"], grid.cell_size))
        return kernel_smooth(grid, counts, kernel)
