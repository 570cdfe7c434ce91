"""The forecasting engine: grids, models, scoring and backtests over arrays. No Django here.

from bluebridge.forecasting.models import Events, Grid, forecast, backtest
scores = forecast("best", events, grid, origin=to_days("2016-07-01"), horizon_days=1)
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from .backtest import BacktestResult, Level, run_backtest
from .base import Model
from .ensemble import ValidatedEnsemble
from .events import Events, from_days, to_days
from .grid import Grid
from .kde import RetrospectiveHotspot
from .learned import LearnedPoisson
from .naive import NaiveCounts
from .prospective import ProspectiveHotspot
from .scoring import SQUARE_MILE_M2, hit_rate_curve, hits_at, ranking
from .sepp import GridSEPP
from .stacked import StackedKernels
from .stkde import SpaceTimeKDE

MODELS: dict[str, type[Model]] = {
    "naive": NaiveCounts,
    "retrospective": RetrospectiveHotspot,
    "prospective": ProspectiveHotspot,
    "stkde": SpaceTimeKDE,
    "sepp": GridSEPP,
    "learned": LearnedPoisson,
    "ensemble": ValidatedEnsemble,
    "stacked": StackedKernels,
    "best": StackedKernels,
}
CLASSICS = ("naive", "retrospective", "prospective", "stkde", "sepp")
BEST = "stacked"

__all__ = [
    "BEST",
    "CLASSICS",
    "MODELS",
    "SQUARE_MILE_M2",
    "BacktestResult",
    "Events",
    "Grid",
    "Level",
    "Model",
    "backtest",
    "forecast",
    "from_days",
    "hit_rate_curve",
    "hits_at",
    "make_model",
    "ranking",
    "to_days",
]


def make_model(model_name: str, **params: Any) -> Model:
    try:
        cls = MODELS[model_name]
    except KeyError:
        raise ValueError(
            f"unknown model {model_name!r}; choose one of {', '.join(MODELS)}"
        ) from None
    return cls(**params)


def forecast(
    model_name: str,
    events: Events,
    grid: Grid,
    origin: float,
    horizon_days: float,
    **params: Any,
) -> np.ndarray:
    """One score per grid cell for [origin, origin + horizon_days), from events before origin.

    Only region cells (grid.mask) are ever flagged; higher means more incidents expected.
    """
    if not horizon_days > 0:
        raise ValueError("the horizon must be a positive number of days")
    model = make_model(model_name, **params)
    return np.asarray(
        model.predict(events.before(origin), grid, float(origin), float(horizon_days))
    )


def backtest(
    model_name: str,
    events: Events,
    grid: Grid,
    origins: Sequence[float],
    horizon_days: float | Sequence[float],
    coverages: Sequence[float] = (0.01, 0.05, 0.10),
    areas_m2: Sequence[float] = (),
    **params: Any,
) -> BacktestResult:
    """Rolling-origin backtest of one model (see backtest.run_backtest)."""
    model = make_model(model_name, **params)
    return run_backtest(
        model_name, model.predict, events, grid, origins, horizon_days, coverages, areas_m2
    )
