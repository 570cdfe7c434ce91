"""Forecasting rules: which incidents feed a model, making and storing forecasts, reading them back.

The page and the API only read stored ForecastRuns; computing one (forecast + backtest) happens in
a background task (tasks.py): `request_forecast` queues it, `compute` does the work.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import numpy as np
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from bluebridge.core import audit
from bluebridge.core.models import Area
from bluebridge.forecasting import conf, gridmap
from bluebridge.forecasting.dbmodels import ForecastRun, Incident
from bluebridge.forecasting.models import MODELS, Events, Grid, backtest, forecast
from bluebridge.forecasting.taxonomy import GROUPS

logger = logging.getLogger(__name__)

HORIZONS = {1: "Next day", 7: "Next 7 days", 28: "Next 28 days"}
MODEL_CHOICES = {
    "naive": "Naive: last year's counts per cell",
    "retrospective": "Retrospective hotspot (kernel density)",
    "prospective": "Prospective hotspot (recent, near-repeat)",
    "stkde": "Space-time kernel density",
    "sepp": "Self-exciting point process",
    "learned": "Learned Poisson model",
    "best": "Best: stacked mix weighed per city on past windows",
}
DEFAULT_MODEL = "prospective"
DEFAULT_HORIZON = 7
BACKTEST_ORIGINS = 6
TOP_SHARE = 0.01  # the top 1 % of cells are outlined on the map and listed
MAP_SHARE = 0.10  # the top 10 % of cells are drawn on the map


class ForecastError(ValueError):
    """The choice cannot be forecast; the message says why."""


@dataclass(frozen=True)
class Choice:
    group: str
    horizon_days: int
    model: str
    scope: str

    @classmethod
    def parse(cls, data: Any, *, strict: bool = False) -> tuple[Choice, dict[str, str]]:
        """From a query dict; unknown values fall back to defaults and are listed as errors."""
        errors: dict[str, str] = {}
        groups = [g for g in conf.groups() if g in GROUPS] or list(GROUPS)
        group = str(data.get("group") or groups[0])
        if group not in GROUPS:
            errors["group"] = _("Choose an offense group from the list.")
            group = groups[0]
        try:
            horizon = int(data.get("horizon") or DEFAULT_HORIZON)
        except (TypeError, ValueError):
            horizon = -1
        if horizon not in HORIZONS:
            errors["horizon"] = _("Choose a horizon from the list.")
            horizon = DEFAULT_HORIZON
        model = str(data.get("model") or DEFAULT_MODEL)
        if model not in MODEL_CHOICES or model not in MODELS:
            errors["model"] = _("Choose a model from the list.")
            model = DEFAULT_MODEL
        scope = str(data.get("scope") or ForecastRun.PUBLIC)
        if scope not in (ForecastRun.PUBLIC, ForecastRun.ALL):
            errors["scope"] = _("Choose which incidents to use.")
            scope = ForecastRun.PUBLIC
        if strict and errors:
            raise ForecastError("; ".join(errors.values()))
        return cls(group, horizon, model, scope), errors


def to_days(when: datetime) -> float:
    """An aware datetime as days since 1970-01-01 in local time (the engine's clock)."""
    local = timezone.localtime(when).replace(tzinfo=None)
    return (local - datetime(1970, 1, 1)).total_seconds() / 86400.0


def load_events(
    group: str, scope: str, horizon_days: int, before: datetime | None = None
) -> Events:
    """The incidents a forecast of this group may learn from, as engine arrays.

    Month-only incidents (police.uk) are used only for horizons of 28 days or more, placed in
    the middle of their month; `scope="public"` keeps only public-initiated incidents.
    """
    rows = Incident.objects.filter(group=group)
    if scope == ForecastRun.PUBLIC:
        rows = rows.filter(origin=Incident.PUBLIC)
    if horizon_days < 28:
        rows = rows.exclude(precision=Incident.MONTH)
    if before is not None:
        rows = rows.filter(occurred_at__lt=before)
    values = rows.order_by().values_list("occurred_at", "x", "y", "precision").iterator(5000)
    t: list[float] = []
    x: list[float] = []
    y: list[float] = []
    for when, ex, ey, precision in values:
        days = to_days(when)
        t.append(days + 14.5 if precision == Incident.MONTH else days)
        x.append(ex)
        y.append(ey)
    return Events(t=np.array(t), x=np.array(x), y=np.array(y))


def department_grid(cell_size: float, events: Events | None = None) -> Grid:
    """The grid over the department's districts (or beats); over the incidents if no areas."""
    polygons = gridmap.projected_polygons(conf.crs())
    if polygons:
        return Grid.from_polygons(polygons, cell_size)
    if events is None or len(events) == 0:
        raise ForecastError("no areas and no incidents: nothing to make a grid from")
    return Grid.from_events(events, cell_size)


def new_run(choice: Choice, user: Any = None, origin: datetime | None = None) -> ForecastRun:
    """A queued ForecastRun for this choice, made at `origin` (default: now)."""
    return ForecastRun.objects.create(
        group=choice.group,
        horizon_days=choice.horizon_days,
        model=choice.model,
        scope=choice.scope,
        origin=(origin or timezone.now()).replace(second=0, microsecond=0),
        cell_size=conf.cell_metres(),
        crs=conf.crs(),
        created_by=user if getattr(user, "is_authenticated", False) else None,
    )


def request_forecast(choice: Choice, user: Any = None, request: Any = None) -> ForecastRun:
    """Queue a forecast for this choice, made now; the page shows it once the worker is done."""
    from bluebridge.forecasting.tasks import compute_forecast

    run = new_run(choice, user)
    if user is not None or request is not None:
        audit.record(
            "create",
            "forecast_run",
            str(run.pk),
            user=user,
            request=request,
            summary=f"forecast queued: {choice.group}, {choice.horizon_days} d, {choice.model}",
        )
    transaction.on_commit(lambda: compute_forecast.enqueue(run.pk))
    return run


def compute(run: ForecastRun) -> ForecastRun:
    """Forecast and backtest one run, storing scores, top cells and curves (the slow part)."""
    try:
        _compute(run)
    except Exception as exc:
        logger.exception("forecast run %s failed", run.pk)
        run.status, run.message = ForecastRun.FAILED, str(exc)[:1000]
    else:
        run.status = ForecastRun.DONE
    run.finished_at = timezone.now()
    run.save()
    return run


def _compute(run: ForecastRun) -> None:
    events = load_events(run.group, run.scope, run.horizon_days, before=run.origin)
    grid = department_grid(run.cell_size, events)
    origin = to_days(run.origin)
    run.events_used = len(events)
    if len(events) == 0:
        raise ForecastError("no incidents of this group before the forecast origin")
    scores = np.asarray(forecast(run.model, events, grid, origin, run.horizon_days), dtype=float)
    scores = np.where(grid.mask, np.nan_to_num(scores), 0.0)
    run.grid = {
        "xmin": grid.xmin,
        "ymin": grid.ymin,
        "nx": grid.nx,
        "ny": grid.ny,
        "cell_size": grid.cell_size,
        "n_region": grid.n_region,
    }
    run.scores = scores.astype("<f4").tobytes()
    run.top_cells = gridmap.top_cells(grid, scores, run.crs, TOP_SHARE)
    run.backtest = _backtests(run, events, grid, origin)


def _backtests(run: ForecastRun, events: Events, grid: Grid, origin: float) -> dict[str, Any]:
    """Rolling-origin backtest over the last few horizons, for the model and the naive baseline."""
    h = float(run.horizon_days)
    step = max(h, 7.0)
    origins = [origin - step * k - h for k in range(BACKTEST_ORIGINS, 0, -1)]
    origins = [o for o in origins if len(events.before(o)) > 0]
    if not origins:
        return {}
    out: dict[str, Any] = {"origins": len(origins), "horizon_days": h}
    for name in dict.fromkeys([run.model, "naive"]):
        result = backtest(name, events, grid, origins, h).to_dict()
        coverage, hit_rate = result["curve"]["coverage"], result["curve"]["hit_rate"]
        keep = [i for i, c in enumerate(coverage) if c <= 0.2 + 1e-9 or i % 10 == 0]
        out[name] = {
            "coverage": [round(coverage[i], 4) for i in keep],
            "hit_rate": [round(hit_rate[i], 4) for i in keep],
            "metrics": result["metrics"],
            "events": sum(result["events"]),
        }
    return out


def latest_run(choice: Choice) -> ForecastRun | None:
    return (
        ForecastRun.objects.filter(
            group=choice.group,
            horizon_days=choice.horizon_days,
            model=choice.model,
            scope=choice.scope,
            status=ForecastRun.DONE,
        )
        .order_by("-origin", "-id")
        .first()
    )


def pending_run(choice: Choice) -> ForecastRun | None:
    return ForecastRun.objects.filter(
        group=choice.group,
        horizon_days=choice.horizon_days,
        model=choice.model,
        scope=choice.scope,
        status=ForecastRun.QUEUED,
    ).first()


def scores_of(run: ForecastRun) -> np.ndarray:
    return np.frombuffer(bytes(run.scores), dtype="<f4").astype(float)


def grid_of(run: ForecastRun) -> Grid:
    g = run.grid
    return Grid(g["xmin"], g["ymin"], g["cell_size"], g["nx"], g["ny"])


def cells_geojson(run: ForecastRun, share: float = MAP_SHARE) -> dict[str, Any]:
    """The highest-scoring cells (share of the region) as GeoJSON polygons in WGS84."""
    if run.status != ForecastRun.DONE or not run.grid:
        return {"type": "FeatureCollection", "features": []}
    return gridmap.cells_geojson(
        grid_of(run), scores_of(run), run.crs, int(run.grid.get("n_region", 0)), share
    )


def refresh_all(now: datetime | None = None) -> list[ForecastRun]:
    """The nightly job: a forecast for every configured group at the default horizon and model,
    from public-initiated incidents, computed at once (we are already in the worker)."""
    now = (now or timezone.now()).replace(second=0, microsecond=0)
    runs = []
    for group in conf.groups():
        if group not in GROUPS:
            logger.warning("BLUEBRIDGE_FORECAST_GROUPS names unknown group %r", group)
            continue
        choice = Choice(group, DEFAULT_HORIZON, DEFAULT_MODEL, ForecastRun.PUBLIC)
        run = new_run(choice, origin=now)
        runs.append(compute(run))
    cutoff = now - timedelta(days=90)
    ForecastRun.objects.filter(created_at__lt=cutoff).delete()
    return runs


def areas_present() -> bool:
    return Area.objects.exists()
