"""JSON API of crime forecasting (staff): stored forecast runs, their cells as GeoJSON.

GET /api/forecasting/runs            the latest runs (filter by group, model, scope, status)
GET /api/forecasting/runs/{run_id}   one run: choice, data used, top cells, backtest, and the
                                     highest-scoring cells as a GeoJSON FeatureCollection (WGS84)
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Query, Router, Schema

from bluebridge.core import roles
from bluebridge.core.api_auth import STAFF_AUTH
from bluebridge.core.api_auth import roles as require
from bluebridge.forecasting import services
from bluebridge.forecasting.dbmodels import ForecastRun

router = Router(tags=["Crime forecasting"], auth=STAFF_AUTH)

ANALYSTS = (roles.ANALYST, roles.SUPERVISOR, roles.ADMIN)
MAX_LIMIT = 200


class RunSummary(Schema):
    id: int
    group: str
    horizon_days: int
    model: str
    scope: str
    data_used: str
    origin: datetime
    cell_size: float
    crs: str
    status: str
    events_used: int
    created_at: datetime
    finished_at: datetime | None


class RunDetail(RunSummary):
    message: str
    top_cells: list[dict[str, Any]]
    backtest: dict[str, Any]
    cells: dict[str, Any]


class RunFilters(Schema):
    group: str | None = None
    model: str | None = None
    scope: str | None = None
    status: str | None = None
    limit: int = 50


def _data_used(run: ForecastRun) -> str:
    if run.scope == ForecastRun.PUBLIC:
        return "public-initiated incidents only (officer-found incidents left out)"
    return "all incidents, including those found by officers"


def _summary(run: ForecastRun) -> dict[str, Any]:
    return {
        "id": run.pk,
        "group": run.group,
        "horizon_days": run.horizon_days,
        "model": run.model,
        "scope": run.scope,
        "data_used": _data_used(run),
        "origin": run.origin,
        "cell_size": run.cell_size,
        "crs": run.crs,
        "status": run.status,
        "events_used": run.events_used,
        "created_at": run.created_at,
        "finished_at": run.finished_at,
    }


@router.get(
    "/forecasting/runs",
    response=list[RunSummary],
    summary="Stored forecast runs, newest first (analyst, supervisor, administrator)",
)
@require(*ANALYSTS)
def list_runs(request: HttpRequest, filters: Query[RunFilters]) -> list[dict[str, Any]]:
    runs = ForecastRun.objects.defer("scores", "top_cells", "backtest")
    for name in ("group", "model", "scope", "status"):
        value = getattr(filters, name)
        if value:
            runs = runs.filter(**{name: value})
    limit = min(max(filters.limit, 1), MAX_LIMIT)
    return [_summary(run) for run in runs[:limit]]


@router.get(
    "/forecasting/runs/{run_id}",
    response=RunDetail,
    summary="One forecast run with its cells as GeoJSON (analyst, supervisor, administrator)",
)
@require(*ANALYSTS)
def get_run(request: HttpRequest, run_id: int) -> dict[str, Any]:
    run = get_object_or_404(ForecastRun, pk=run_id)
    return {
        **_summary(run),
        "message": run.message,
        "top_cells": run.top_cells,
        "backtest": run.backtest,
        "cells": services.cells_geojson(run),
    }
