"""What every forecasting model provides, and the spatial kernels they share."""

from __future__ import annotations

from typing import ClassVar

import numpy as np
from scipy import ndimage, signal

from .events import Events
from .grid import Grid


class Model:
    """A forecaster: scores every grid cell for the window [origin, origin + horizon).

    `predict` receives only events strictly before the origin (`forecast()` cuts them), so a
    model cannot see the future even by mistake. Higher score = more expected incidents.
    """

    name: ClassVar[str] = ""
    title: ClassVar[str] = ""
    defaults: ClassVar[dict[str, float]] = {}

    def __init__(self, **params: float) -> None:
        unknown = set(params) - set(self.defaults)
        if unknown:
            raise ValueError(
                f"model {self.name!r} has no parameter(s) {', '.join(sorted(unknown))}; "
                f"it takes {', '.join(sorted(self.defaults)) or 'none'}"
            )
        self.params = {**self.defaults, **params}

    def predict(self, events: Events, grid: Grid, origin: float, horizon: float) -> np.ndarray:
        raise NotImplementedError


def gaussian_smooth(grid: Grid, flat: np.ndarray, sigma_m: float) -> np.ndarray:
    """Gaussian smoothing (sigma in metres) of a per-cell array; mass off the grid is lost."""
    sigma = sigma_m / grid.cell_size
    if sigma <= 0:
        return np.asarray(flat, dtype=float)
    img = ndimage.gaussian_filter(grid.image(flat).astype(float), sigma, mode="constant")
    return img.ravel()


def kernel_smooth(grid: Grid, flat: np.ndarray, kernel: np.ndarray) -> np.ndarray:
    """Convolve a per-cell array with a (2r+1) x (2r+1) kernel given on cell offsets.

    Small kernels are summed directly (exact, so equal inputs give equal scores); large ones
    go through an FFT.
    """
    img = grid.image(flat).astype(float)
    if kernel.size <= 625:
        return ndimage.convolve(img, kernel, mode="constant", cval=0.0).ravel()
    out = signal.fftconvolve(img, kernel, mode="same")
    out[np.abs(out) < 1e-12] = 0.0
    return out.ravel()


def offsets(radius_cells: int) -> tuple[np.ndarray, np.ndarray]:
    r = np.arange(-radius_cells, radius_cells + 1)
    return np.meshgrid(r, r, indexing="ij")


def quartic_kernel(cell_size: float, bandwidth_m: float) -> np.ndarray:
    """Quartic (biweight) kernel of the distance between cell centres."""
    radius = max(0, int(np.floor(bandwidth_m / cell_size)))
    dy, dx = offsets(radius)
    d = np.hypot(dx, dy) * cell_size / bandwidth_m
    return np.where(d < 1, (1 - d**2) ** 2, 0.0)


def window_counts(events: Events, grid: Grid, start: float, end: float) -> np.ndarray:
    return grid.counts(events.between(start, end))
