"""Our `best` model: a kernel family whose members are chosen per city on past windows.

Candidates are the grid ETAS (sepp.py) and space–time kernel densities: Gaussian spatial scales of 0 (the cell alone),
0.5, 1 and 2 cells, times exponential time decays of 14, 60, 365 and 1461 days or none (long-run
counts). At a forecast origin o with horizon h the candidates are scored on validation
windows [o_v, o_v + w) with w = max(h, 7 days) that end at or before o (a lattice of whole
windows over the last `validation_days`), by PAI at 1 %, 5 % and 10 % coverage of the cells with past incidents.
The score is the mean of the normalised scores of the `top` best candidates. Validation never
reads the region mask (which holds cells whose first incident is still to come) nor any
event at or after o; the evaluation origins themselves are never used to choose.
"""

from __future__ import annotations

import hashlib
import math
from collections import OrderedDict

import numpy as np

from .base import Model, gaussian_smooth
from .events import Events
from .grid import Grid
from .sepp import GridSEPP

SIGMAS = (0.0, 0.5, 1.0, 2.0)  # cells
TAUS = (14.0, 60.0, 365.0, 1461.0, math.inf)  # days
COVERAGES = (0.01, 0.05, 0.10)
_CACHE: OrderedDict[tuple, np.ndarray] = OrderedDict()
_CACHE_SIZE = 4096


def candidates() -> list[tuple[float, float]]:
    return [(s, t) for s in SIGMAS for t in TAUS]


def candidate_scores(
    events: Events, grid: Grid, origin: float, horizon: float, with_sepp: bool
) -> list[np.ndarray]:
    """Every candidate's per-cell score from `events` (already cut before `origin`)."""
    cells = grid.cell_of(events.x, events.y)
    ok = cells >= 0
    cells, age = cells[ok], origin - events.t[ok]
    by_tau = {}
    for tau in TAUS:
        w = None if math.isinf(tau) else np.exp(-age / tau)
        by_tau[tau] = np.bincount(cells, weights=w, minlength=grid.n_cells).astype(float)
    out = []
    for sigma, tau in candidates():
        out.append(gaussian_smooth(grid, by_tau[tau], sigma * grid.cell_size))
    if with_sepp:
        out.append(
            GridSEPP().predict(events, grid, origin, horizon) if len(events) else by_tau[TAUS[0]]
        )
    return out


def _top_hits(score: np.ndarray, future: np.ndarray, ks: list[int]) -> np.ndarray:
    kmax = max(ks)
    part = np.argpartition(-score, kmax - 1)[:kmax]
    # Stable order inside the top: by score, then cell id.
    order = part[np.lexsort((part, -score[part]))]
    got = np.cumsum(future[order])
    return np.array([got[k - 1] for k in ks])


def window_key(
    upto: Events, grid: Grid, start: float, end: float, with_sepp: bool
) -> tuple[object, ...]:
    """Cache key of a validation window: the events it may read (by content), the grid, the
    window and the candidate set. Equal keys mean equal results, so caches stay leak-free."""
    digest = hashlib.blake2b(digest_size=16)
    for arr in (upto.t, upto.x, upto.y):
        digest.update(np.ascontiguousarray(arr).tobytes())
    return (
        digest.hexdigest(),
        grid.xmin,
        grid.ymin,
        grid.cell_size,
        grid.nx,
        grid.ny,
        start,
        end,
        with_sepp,
    )


def validation_hits(
    events: Events, grid: Grid, start: float, horizon: float, with_sepp: bool
) -> np.ndarray:
    """Per candidate: hits at each coverage, and the window's incident count (last column)."""
    end = start + horizon
    upto = events.before(end)
    key = window_key(upto, grid, start, end, with_sepp)
    hit = _CACHE.get(key)
    if hit is not None:
        _CACHE.move_to_end(key)
        return hit
    past = upto.before(start)
    future = grid.counts(upto.between(start, end))
    active = int(np.count_nonzero(grid.counts(past)))
    ks = [max(1, min(grid.n_cells, math.ceil(c * active))) for c in COVERAGES]
    rows = [
        _top_hits(s, future, ks) for s in candidate_scores(past, grid, start, horizon, with_sepp)
    ]
    out = np.column_stack([np.array(rows), np.full(len(rows), float(future.sum()))])
    _CACHE[key] = out
    if len(_CACHE) > _CACHE_SIZE:
        _CACHE.popitem(last=False)
    return out


class ValidatedEnsemble(Model):
    name = "ensemble"
    title = "Validated kernel ensemble (ours)"
    defaults = {
        "validation_days": 182.0,
        "min_validation": 6.0,
        "top": 3.0,
        "min_history_days": 28.0,
        "weight_1pct": 1.0,
        "validation_window_days": 7.0,
        "sepp": 1.0,
    }

    def validation_origins(self, events: Events, origin: float, horizon: float) -> np.ndarray:
        count = max(
            int(self.params["min_validation"]), math.ceil(self.params["validation_days"] / horizon)
        )
        # On a lattice of whole windows since the epoch, so that nearby origins share (and
        # cache) their validation windows; the last window ends at or before the origin.
        last = math.floor((origin - horizon) / horizon) * horizon
        starts = last - horizon * np.arange(count)
        earliest = float(events.t[0]) + self.params["min_history_days"]
        return starts[starts >= earliest]

    def choose(self, events: Events, grid: Grid, origin: float, horizon: float) -> np.ndarray:
        """Candidate indices, best first, by validation PAI summed over the coverages."""
        window = max(horizon, self.params["validation_window_days"])
        starts = self.validation_origins(events, origin, window)
        if len(starts) == 0:
            return np.array([candidates().index((0.0, math.inf))])
        sepp = bool(self.params["sepp"])
        total = sum(validation_hits(events, grid, float(s), window, sepp) for s in starts)
        assert isinstance(total, np.ndarray)
        n_events = max(float(total[0, -1]), 1.0)
        pai = (total[:, :-1] / n_events) / np.array(COVERAGES)
        objective = pai @ np.array([self.params["weight_1pct"], 1.0, 1.0])
        return np.argsort(-objective, kind="stable")

    def predict(self, events: Events, grid: Grid, origin: float, horizon: float) -> np.ndarray:
        if len(events) == 0:
            return np.zeros(grid.n_cells)
        chosen = self.choose(events, grid, origin, horizon)[: max(1, int(self.params["top"]))]
        scores = candidate_scores(events, grid, origin, horizon, bool(self.params["sepp"]))
        combined = np.zeros(grid.n_cells)
        for i in chosen:
            peak = float(scores[i].max())
            combined += scores[i] / peak if peak > 0 else scores[i]
        return combined / len(chosen)
