"""Rolling-origin backtests: hit rate, PAI and PEI at coverages and fixed areas, with intervals."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from .events import Events
from .grid import Grid
from .scoring import SQUARE_MILE_M2, hits_at, k_for_area, k_for_coverage

Forecaster = Callable[[Events, Grid, float, float], np.ndarray]
CURVE_POINTS = 100


@dataclass
class Level:
    """A forecast size: a share of the region (`coverage`) or a fixed area in m²."""

    kind: str  # "coverage" or "area"
    value: float
    k: int
    coverage: float  # k / N_ref for areas; the asked share for coverages

    @property
    def label(self) -> str:
        if self.kind == "coverage":
            return f"{self.value * 100:g}%"
        return f"{self.value / SQUARE_MILE_M2:g} sq mi"


@dataclass
class BacktestResult:
    model: str
    n_ref: int
    cell_size: float
    origins: np.ndarray
    horizons: np.ndarray
    events: np.ndarray  # incidents in each origin's horizon
    levels: list[Level]
    hits: np.ndarray  # origins x levels
    best: np.ndarray  # origins x levels
    curve_hits: np.ndarray  # origins x (CURVE_POINTS + 1)
    seconds: float
    extra: dict[str, Any] = field(default_factory=dict)

    def _ratio(self, num: np.ndarray, den: np.ndarray) -> float:
        d = float(den.sum())
        return float(num.sum()) / d if d > 0 else 0.0

    def metrics(self, confidence: float = 0.95, resamples: int = 400) -> list[dict[str, Any]]:
        """Per level: hit rate, PAI, PEI over all origins, plus bootstrap intervals over origins."""
        rng = np.random.default_rng(20240601)
        n = len(self.origins)
        boot = rng.integers(0, n, size=(resamples, n)) if n > 1 else None
        lo_q, hi_q = (1 - confidence) / 2, 1 - (1 - confidence) / 2
        out = []
        for j, level in enumerate(self.levels):
            hits, best = self.hits[:, j], self.best[:, j]
            hr = self._ratio(hits, self.events)
            pei = self._ratio(hits, best)
            row: dict[str, Any] = {
                "level": level.label,
                "kind": level.kind,
                "value": level.value,
                "k": level.k,
                "coverage": level.coverage,
                "hits": float(hits.sum()),
                "events": float(self.events.sum()),
                "best": float(best.sum()),
                "hit_rate": hr,
                "pai": hr / level.coverage if level.coverage > 0 else 0.0,
                "pei": pei,
            }
            if boot is not None:
                ev = self.events[boot].sum(axis=1)
                h = hits[boot].sum(axis=1)
                b = best[boot].sum(axis=1)
                hr_b = np.divide(h, ev, out=np.zeros_like(h), where=ev > 0)
                pei_b = np.divide(h, b, out=np.zeros_like(h), where=b > 0)
                row["hit_rate_interval"] = [float(np.quantile(hr_b, q)) for q in (lo_q, hi_q)]
                row["pai_interval"] = [
                    float(np.quantile(hr_b, q)) / max(level.coverage, 1e-12) for q in (lo_q, hi_q)
                ]
                row["pei_interval"] = [float(np.quantile(pei_b, q)) for q in (lo_q, hi_q)]
            out.append(row)
        return out

    def curve(self) -> tuple[np.ndarray, np.ndarray]:
        """Hit rate against coverage (0..1), pooled over origins."""
        coverage = np.linspace(0.0, 1.0, CURVE_POINTS + 1)
        total = max(float(self.events.sum()), 1.0)
        return coverage, self.curve_hits.sum(axis=0) / total

    def to_dict(self) -> dict[str, Any]:
        coverage, hit_rate = self.curve()
        return {
            "model": self.model,
            "n_ref": self.n_ref,
            "cell_size": self.cell_size,
            "origins": [float(o) for o in self.origins],
            "horizons": [float(h) for h in self.horizons],
            "events": [float(e) for e in self.events],
            "per_origin": {
                lvl.label: {
                    "hits": [float(v) for v in self.hits[:, j]],
                    "best": [float(v) for v in self.best[:, j]],
                }
                for j, lvl in enumerate(self.levels)
            },
            "metrics": self.metrics(),
            "curve": {"coverage": coverage.tolist(), "hit_rate": hit_rate.tolist()},
            "seconds": self.seconds,
            **self.extra,
        }


def make_levels(
    grid: Grid, coverages: Sequence[float], areas_m2: Sequence[float], n_ref: int | None = None
) -> list[Level]:
    n_ref = grid.n_region if n_ref is None else n_ref
    levels = [Level("coverage", c, k_for_coverage(c, n_ref), c) for c in coverages]
    for a in areas_m2:
        k = k_for_area(a, grid.cell_area, n_ref)
        levels.append(Level("area", a, k, k / n_ref))
    return levels


def run_backtest(
    name: str,
    forecaster: Forecaster,
    events: Events,
    grid: Grid,
    origins: Sequence[float],
    horizon_days: float | Sequence[float],
    coverages: Sequence[float] = (0.01, 0.05, 0.10),
    areas_m2: Sequence[float] = (),
) -> BacktestResult:
    """Forecast at each origin with events before it, score against [origin, origin + h)."""
    origins_arr = np.asarray(origins, dtype=float)
    if origins_arr.size == 0:
        raise ValueError("a backtest needs at least one origin")
    horizons = np.broadcast_to(np.asarray(horizon_days, dtype=float), origins_arr.shape).copy()
    if np.any(horizons <= 0):
        raise ValueError("horizons must be positive numbers of days")
    n_ref = grid.n_region
    levels = make_levels(grid, coverages, areas_m2, n_ref)
    curve_ks = np.ceil(np.linspace(0.0, 1.0, CURVE_POINTS + 1) * n_ref - 1e-9).astype(int)
    ks = [lvl.k for lvl in levels] + list(curve_ks)
    n_events = np.zeros(len(origins_arr))
    hits = np.zeros((len(origins_arr), len(levels)))
    best = np.zeros_like(hits)
    curve_hits = np.zeros((len(origins_arr), len(curve_ks)))
    started = time.perf_counter()
    for i, (origin, h) in enumerate(zip(origins_arr, horizons, strict=True)):
        scores = forecaster(events.before(origin), grid, float(origin), float(h))
        future = events.between(origin, origin + h)
        got, top = hits_at(scores, grid, future, ks)
        n_events[i] = len(future)
        hits[i], best[i] = got[: len(levels)], top[: len(levels)]
        curve_hits[i] = got[len(levels) :]
    return BacktestResult(
        model=name,
        n_ref=n_ref,
        cell_size=grid.cell_size,
        origins=origins_arr,
        horizons=horizons,
        events=n_events,
        levels=levels,
        hits=hits,
        best=best,
        curve_hits=curve_hits,
        seconds=time.perf_counter() - started,
    )
