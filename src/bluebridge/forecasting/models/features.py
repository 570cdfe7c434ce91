"""Multi-scale, multi-window lagged counts per region cell, cached by content.

For an origin o the features of a cell are log(1 + rate) of the incidents in the windows
[o - w, o) for several w, at several spatial scales (the cell itself and Gaussian smooths),
plus the same season a year before. Only events before o enter, so features at o are the
same whatever happens after o; the cache key is a hash of exactly those events.
"""

from __future__ import annotations

import hashlib
from collections import OrderedDict

import numpy as np

from .base import gaussian_smooth
from .events import Events
from .grid import Grid

WINDOWS = (3.0, 7.0, 28.0, 91.0, 182.0, 365.0, 730.0, 1825.0)
SCALES = (0.0, 1.0, 3.0)  # Gaussian sigma in cells (0 = the cell alone)
_CACHE: OrderedDict[tuple, tuple[np.ndarray, np.ndarray]] = OrderedDict()
_CACHE_SIZE = 96


def feature_names() -> list[str]:
    names = [f"w{int(w)}_s{s:g}" for s in SCALES for w in WINDOWS]
    return [*names, "season_s1", "ever"]


def _fingerprint(events: Events, grid: Grid, origin: float, horizon: float) -> tuple:
    digest = hashlib.blake2b(digest_size=16)
    for arr in (events.t, events.x, events.y):
        digest.update(np.ascontiguousarray(arr).tobytes())
    g = (grid.xmin, grid.ymin, grid.cell_size, grid.nx, grid.ny)
    return (digest.hexdigest(), hash(g), float(origin), float(horizon))


def cell_features(
    events: Events, grid: Grid, origin: float, horizon: float
) -> tuple[np.ndarray, np.ndarray]:
    """(active cell ids, features as active cells x features float32) from events before
    `origin`. Active cells are those within reach of the widest smooth of any past incident;
    the set depends on past events only, never on the grid's region mask (the protocol's
    region holds cells whose first incident is still to come, which must not leak in)."""
    past = events.before(origin)
    key = _fingerprint(past, grid, origin, horizon)
    hit = _CACHE.get(key)
    if hit is not None:
        _CACHE.move_to_end(key)
        return hit
    start = float(past.t[0]) if len(past) else origin
    history = max(origin - start, 1.0)
    cells = grid.cell_of(past.x, past.y)
    ok = cells >= 0
    cells, t = cells[ok], past.t[ok]
    columns: list[np.ndarray] = []
    raw: list[np.ndarray] = []
    for w in WINDOWS:
        sel = t >= origin - w
        raw.append(np.bincount(cells[sel], minlength=grid.n_cells).astype(float))
    reach = gaussian_smooth(grid, raw[-1], SCALES[-1] * grid.cell_size)
    ids = np.flatnonzero(reach > 1e-4)
    for s in SCALES:
        for w, counts in zip(WINDOWS, raw, strict=True):
            field = counts if s == 0 else gaussian_smooth(grid, counts, s * grid.cell_size)
            rate = field[ids] * 365.0 / min(w, history)
            columns.append(np.log1p(rate))
    lo, hi = origin - 365.0 - 14.0, origin - 365.0 + horizon + 14.0
    sel = (t >= lo) & (t < hi)
    season = np.bincount(cells[sel], minlength=grid.n_cells).astype(float)
    season = gaussian_smooth(grid, season, grid.cell_size)
    columns.append(np.log1p(season[ids] * 365.0 / (hi - lo)) if history > 365 else 0 * season[ids])
    columns.append((raw[-1][ids] > 0).astype(float) if history > 0 else 0 * season[ids])
    out = (ids, np.column_stack(columns).astype(np.float32))
    _CACHE[key] = out
    if len(_CACHE) > _CACHE_SIZE:
        _CACHE.popitem(last=False)
    return out
