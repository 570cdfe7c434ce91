"""The stacked model's candidates and validation windows, computed together for one origin.

Candidates are space–time kernel densities: Gaussian spatial scales (in cells) times
exponential time decays (in days; infinity = plain past counts), each scaled to sum to one
over the grid. For a forecast, `Past` holds the events before the origin with their cells
(computed once), and every validation window reads the prefix of it that lies before the
window's start, so nothing at or after a window's end (let alone the origin) enters.

A window's statistics (`WindowStats`) are cached by a digest of exactly the events before
the window's end, computed in one incremental pass for all windows of an origin: equal keys
mean equal inputs, so the cache cannot carry anything from one origin's future to another.
"""

from __future__ import annotations

import hashlib
import math
from collections import OrderedDict
from dataclasses import dataclass

import numpy as np
from scipy import ndimage

from .events import Events
from .grid import Grid

SIGMAS = (0.0, 0.5, 2.0)  # cells
TAUS = (3.0, 14.0, 60.0, 365.0, 1461.0, math.inf)  # days
COVERAGES = (0.01, 0.05, 0.10)
POOL_FACTOR = 3  # the pool keeps this many times the top-10 % cells of any mix
_CACHE: OrderedDict[tuple, WindowStats] = OrderedDict()
_CACHE_SIZE = 160  # about 0.7 MB each on a 40,000-cell grid; a backtest needs up to ~80


def candidates() -> list[tuple[float, float]]:
    return [(s, t) for s in SIGMAS for t in TAUS]


NAIVE = candidates().index((0.0, math.inf))


@dataclass
class WindowStats:
    """What the stacker keeps of one validation window [start, start + length)."""

    gram: np.ndarray  # S S^T over all cells (candidates x candidates)
    cross: np.ndarray  # S y
    pool: np.ndarray  # cell ids that any mix could put in its top 10 %
    pool_scores: np.ndarray  # candidates x pool
    pool_future: np.ndarray  # incidents of the window in the pool cells
    ks: np.ndarray  # cells flagged at each coverage (of the cells with past incidents)
    n_events: float  # incidents of the window, all cells
    event_scores: np.ndarray  # candidates x cells that had incidents in the window
    event_counts: np.ndarray  # incidents in those cells

    def hits(self, beta: np.ndarray) -> np.ndarray:
        """Incidents in the top-k cells of the mix `beta` at each coverage (ties: cell id)."""
        score = beta @ self.pool_scores
        kmax = min(int(self.ks[-1]), len(score))
        top = np.argpartition(-score, kmax - 1)[:kmax]
        order = top[np.lexsort((self.pool[top], -score[top]))]
        got = np.concatenate([[0.0], np.cumsum(self.pool_future[order])])
        return got[np.minimum(self.ks, kmax)]


class Past:
    """Events before a forecast origin, with their cells and prefix digests."""

    def __init__(self, events: Events, grid: Grid) -> None:
        self.grid = grid
        self.all_t = events.t
        self._rows = np.ascontiguousarray(np.column_stack((events.t, events.x, events.y)))
        cells = grid.cell_of(events.x, events.y)
        ok = cells >= 0
        self.t, self.cells = events.t[ok], cells[ok]
        self._buffer: np.ndarray | None = None

    def digests(self, ends: np.ndarray) -> list[str]:
        """Digest of the events strictly before each end (ends ascending), in one pass."""
        digest = hashlib.blake2b(digest_size=16)
        out, done = [], 0
        for end in ends:
            hi = int(np.searchsorted(self.all_t, end, side="left"))
            if hi > done:
                digest.update(self._rows[done:hi].tobytes())
                done = hi
            out.append(digest.copy().hexdigest())
        return out

    def scores(self, at: float, dtype: type = np.float64, reuse: bool = False) -> np.ndarray:
        """Every candidate's normalised score per cell from the events before `at`.

        Validation windows use float32 (half the memory traffic) and one reused buffer (the
        result is overwritten by the next such call); forecasts use float64."""
        grid = self.grid
        n = int(np.searchsorted(self.t, at, side="left"))
        nt = len(TAUS)
        shape = (len(SIGMAS) * nt, grid.ny, grid.nx)
        if reuse:
            if self._buffer is None or self._buffer.dtype != dtype:
                self._buffer = np.empty(shape, dtype=dtype)
            out = self._buffer
        else:
            out = np.empty(shape, dtype=dtype)
        stack = out[:nt]  # sigma 0 comes first
        for i, tau in enumerate(TAUS):
            if math.isinf(tau):
                flat = np.bincount(self.cells[:n], minlength=grid.n_cells)
            else:
                # Older incidents weigh under e^-40: left out.
                lo = int(np.searchsorted(self.t, at - 40.0 * tau, side="left"))
                w = np.exp((self.t[lo:n] - at) / tau)
                flat = np.bincount(self.cells[lo:n], weights=w, minlength=grid.n_cells)
            stack[i] = flat.reshape(grid.ny, grid.nx)
        for j, sigma in enumerate(SIGMAS[1:], start=1):
            ndimage.gaussian_filter(
                stack, (0, sigma, sigma), mode="constant", output=out[j * nt : (j + 1) * nt]
            )
        flat_out = out.reshape(len(SIGMAS) * nt, grid.n_cells)
        sums = flat_out.sum(axis=1, keepdims=True)
        flat_out /= np.where(sums > 0, sums, 1.0).astype(dtype)
        return flat_out

    def window(self, start: float, length: float, digest: str) -> WindowStats:
        grid = self.grid
        key = (digest, grid.xmin, grid.ymin, grid.cell_size, grid.nx, grid.ny, start, length)
        hit = _CACHE.get(key)
        if hit is not None:
            _CACHE.move_to_end(key)
            return hit
        S = self.scores(start, np.float32, reuse=True)
        lo = int(np.searchsorted(self.t, start, side="left"))
        hi = int(np.searchsorted(self.t, start + length, side="left"))
        y = np.bincount(self.cells[lo:hi], minlength=grid.n_cells).astype(np.float64)
        active = int(np.count_nonzero(np.bincount(self.cells[:lo], minlength=grid.n_cells)))
        ks = np.array([max(1, min(grid.n_cells, math.ceil(c * active))) for c in COVERAGES])
        # Sharp candidates have the higher peaks, so the largest normalised score of a cell
        # over candidates finds the cells any mix could put near its top.
        relative = S.max(axis=0)
        size = min(grid.n_cells, POOL_FACTOR * int(ks[-1]))
        pool = np.sort(np.argpartition(-relative, size - 1)[:size])
        stats = WindowStats(
            gram=(S @ S.T).astype(np.float64),
            cross=(S @ y.astype(np.float32)).astype(np.float64),
            pool=pool,
            pool_scores=S[:, pool],
            pool_future=y[pool],
            ks=ks,
            # Incidents off the grid cannot be hit; the protocol's events are all on it.
            n_events=float(hi - lo),
            event_scores=S[:, y > 0].copy(),
            event_counts=y[y > 0],
        )
        _CACHE[key] = stats
        if len(_CACHE) > _CACHE_SIZE:
            _CACHE.popitem(last=False)
        return stats

    def windows(self, starts: np.ndarray, length: float) -> list[WindowStats]:
        order = np.argsort(starts)
        digests = self.digests(starts[order] + length)
        stats: list[WindowStats | None] = [None] * len(starts)
        for i, d in zip(order, digests, strict=True):
            stats[i] = self.window(float(starts[i]), length, d)
        return [s for s in stats if s is not None]
