"""Grid self-exciting point process (ETAS), fitted by expectation–maximisation.

Mohler, Short, Malinowski et al. (2015), "Randomized controlled field trials of predictive
policing", JASA: in cell n, lambda_n(t) = mu_n + sum over earlier incidents i of the same cell
of theta * omega * exp(-omega (t - t_i)). Background rates mu_n, the branching ratio theta and
the decay omega are estimated by EM over the incidents of a training window.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .base import Model
from .events import Events
from .grid import Grid


@dataclass
class EtasFit:
    mu: np.ndarray  # background rate per cell, events per day
    theta: float  # expected offspring per event
    omega: float  # decay rate, 1/day
    iterations: int


def same_cell_pairs(
    cells: np.ndarray, t: np.ndarray, max_lag: float
) -> tuple[np.ndarray, np.ndarray]:
    """(child, parent) index pairs: same cell, 0 < t_child - t_parent <= max_lag.

    Sorted by (cell, time), each event's possible parents are one contiguous run found by a
    binary search on cell * span + time; the runs are expanded without a Python loop.
    """
    n = cells.shape[0]
    if n < 2:
        return np.empty(0, dtype=np.int64), np.empty(0, dtype=np.int64)
    order = np.lexsort((t, cells))
    t0 = float(t.min())
    span = float(t.max()) - t0 + max_lag + 1.0
    key = cells[order].astype(np.float64) * span + (t[order] - t0)
    idx = np.arange(n)
    lo = np.searchsorted(key, key - max_lag, side="left")
    counts = idx - lo
    total = int(counts.sum())
    child = np.repeat(idx, counts)
    starts = np.repeat(lo, counts)
    offsets = np.arange(total) - np.repeat(np.cumsum(counts) - counts, counts)
    parent = starts + offsets
    keep = t[order][child] > t[order][parent]
    return order[child[keep]], order[parent[keep]]


def fit_etas(
    cells: np.ndarray,
    t: np.ndarray,
    n_cells: int,
    start: float,
    end: float,
    max_lag: float = 90.0,
    iterations: int = 60,
    tol: float = 1e-4,
) -> EtasFit:
    """EM estimate of the grid ETAS on incidents (cell, time) observed over [start, end)."""
    length = max(end - start, 1e-9)
    n = cells.shape[0]
    counts = np.bincount(cells, minlength=n_cells).astype(float)
    mu = np.maximum(counts, 1e-12) * 0.5 / length
    theta, omega = 0.5, 0.1
    child, parent = same_cell_pairs(cells, t, max_lag)
    lag = t[child] - t[parent]
    done = 0
    for done in range(1, iterations + 1):  # noqa: B007
        trig = theta * omega * np.exp(-omega * lag)
        lam = mu[cells] + np.bincount(child, weights=trig, minlength=n)
        p_bg = mu[cells] / lam
        p_pair = trig / lam[child]
        new_mu = np.bincount(cells, weights=p_bg, minlength=n_cells) / length
        offspring = float(p_pair.sum())
        # Edge correction: parents near `end` have had little time to trigger.
        exposure = float(np.sum(1.0 - np.exp(-omega * np.minimum(end - t, max_lag))))
        new_theta = min(offspring / max(exposure, 1e-12), 0.99)
        mean_lag = float((p_pair * lag).sum()) / max(offspring, 1e-12)
        new_omega = 1.0 / max(mean_lag, 1e-3) if offspring > 1e-9 else omega
        # The decay only matters in proportion to the branching ratio (none when theta -> 0).
        change = abs(new_theta - theta) + new_theta * abs(new_omega - omega) / max(omega, 1e-9)
        mu, theta, omega = new_mu, new_theta, new_omega
        if change < tol:
            break
    return EtasFit(mu=mu, theta=theta, omega=omega, iterations=done)


class GridSEPP(Model):
    """Expected incidents in [origin, origin + horizon) under the ETAS fitted on the last
    `window_days` before the origin."""

    name = "sepp"
    title = "Grid self-exciting point process (ETAS, EM)"
    defaults = {"window_days": 365.0, "max_lag_days": 90.0, "iterations": 60.0}

    def fit(self, events: Events, grid: Grid, origin: float) -> tuple[EtasFit, Events]:
        start = origin - self.params["window_days"]
        recent = events.between(start, origin)
        cells = grid.cell_of(recent.x, recent.y)
        ok = cells >= 0
        recent = recent.subset(ok)
        start = max(start, float(events.t[0])) if len(events) else start
        fit = fit_etas(
            cells[ok],
            recent.t,
            grid.n_cells,
            start,
            origin,
            max_lag=self.params["max_lag_days"],
            iterations=int(self.params["iterations"]),
        )
        return fit, recent

    def predict(self, events: Events, grid: Grid, origin: float, horizon: float) -> np.ndarray:
        if len(events) == 0:
            return np.zeros(grid.n_cells)
        fit, recent = self.fit(events, grid, origin)
        age = origin - recent.t
        decay = np.exp(-fit.omega * age) - np.exp(-fit.omega * (age + horizon))
        triggered = grid.counts(recent, weights=fit.theta * decay)
        return fit.mu * horizon + triggered
