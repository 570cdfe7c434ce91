"""Our `best` model: a kernel family whose members are chosen per city on past windows.

Candidates are space–time kernel densities: Gaussian spatial scales of 0 (the cell alone),
0.5, 1 and 2 cells, times exponential time decays of 14, 60 and 365 days or none (long-run
counts). At a forecast origin o with horizon h the candidates are scored on validation
windows [o_v, o_v + h) that end at or before o (o_v = o - h, o - 2h, ... over
`validation_days`), by PAI at 1 %, 5 % and 10 % coverage of the cells with past incidents.
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

SIGMAS = (0.0, 0.5, 1.0, 2.0)  # cells
TAUS = (14.0, 60.0, 365.0, math.inf)  # days
COVERAGES = (0.01, 0.05, 0.10)
_CACHE: OrderedDict[tuple, np.ndarray] = OrderedDict()
_CACHE_SIZE = 4096


def candidates() -> list[tuple[float, float]]:
    return [(s, t) for s in SIGMAS for t in TAUS]


def candidate_scores(events: Events, grid: Grid, origin: float) -> list[np.ndarray]:
    """Every candidate's per-cell score from `events` (already cut before `origin`)."""
    by_tau = {}
    for tau in TAUS:
        w = None if math.isinf(tau) else np.exp(-(origin - events.t) / tau)
        by_tau[tau] = grid.counts(events, weights=w)
    out = []
    for sigma, tau in candidates():
        out.append(gaussian_smooth(grid, by_tau[tau], sigma * grid.cell_size))
    return out


def _top_hits(score: np.ndarray, future: np.ndarray, ks: list[int]) -> np.ndarray:
    kmax = max(ks)
    part = np.argpartition(-score, kmax - 1)[:kmax]
    # Stable order inside the top: by score, then cell id.
    order = part[np.lexsort((part, -score[part]))]
    got = np.cumsum(future[order])
    return np.array([got[k - 1] for k in ks])


def validation_hits(events: Events, grid: Grid, start: float, horizon: float) -> np.ndarray:
    """Per candidate: hits at each coverage, and the window's incident count (last column)."""
    end = start + horizon
    upto = events.before(end)
    digest = hashlib.blake2b(digest_size=16)
    for arr in (upto.t, upto.x, upto.y):
        digest.update(np.ascontiguousarray(arr).tobytes())
    key = (digest.hexdigest(), grid.xmin, grid.ymin, grid.cell_size, grid.nx, grid.ny, start, end)
    hit = _CACHE.get(key)
    if hit is not None:
        _CACHE.move_to_end(key)
        return hit
    past = upto.before(start)
    future = grid.counts(upto.between(start, end))
    active = int(np.count_nonzero(grid.counts(past)))
    ks = [max(1, min(grid.n_cells, math.ceil(c * active))) for c in COVERAGES]
    rows = [_top_hits(s, future, ks) for s in candidate_scores(past, grid, start)]
    out = np.column_stack([np.array(rows), np.full(len(rows), float(future.sum()))])
    _CACHE[key] = out
    if len(_CACHE) > _CACHE_SIZE:
        _CACHE.popitem(last=False)
    return out


class ValidatedEnsemble(Model):
    name = "ensemble"
    title = "Validated kernel ensemble (ours)"
    defaults = {"validation_days": 91.0, "min_validation": 6.0, "top": 3.0, "min_history_days": 28.0}

    def validation_origins(self, events: Events, origin: float, horizon: float) -> np.ndarray:
        count = max(int(self.params["min_validation"]), math.ceil(self.params["validation_days"] / horizon))
        starts = origin - horizon * np.arange(1, count + 1)
        earliest = float(events.t[0]) + self.params["min_history_days"]
        return starts[starts >= earliest]

    def choose(self, events: Events, grid: Grid, origin: float, horizon: float) -> np.ndarray:
        """Candidate indices, best first, by validation PAI summed over the coverages."""
        starts = self.validation_origins(events, origin, horizon)
        if len(starts) == 0:
            return np.array([candidates().index((0.0, math.inf))])
        total = sum(validation_hits(events, grid, float(s), horizon) for s in starts)
        assert isinstance(total, np.ndarray)
        n_events = max(float(total[0, -1]), 1.0)
        pai = (total[:, :-1] / n_events) / np.array(COVERAGES)
        objective = pai.sum(axis=1)
        return np.argsort(-objective, kind="stable")

    def predict(self, events: Events, grid: Grid, origin: float, horizon: float) -> np.ndarray:
        if len(events) == 0:
            return np.zeros(grid.n_cells)
        chosen = self.choose(events, grid, origin, horizon)[: max(1, int(self.params["top"]))]
        scores = candidate_scores(events, grid, origin)
        combined = np.zeros(grid.n_cells)
        for i in chosen:
            peak = float(scores[i].max())
            combined += scores[i] / peak if peak > 0 else scores[i]
        return combined / len(chosen)
