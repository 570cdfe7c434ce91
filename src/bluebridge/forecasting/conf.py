"""Settings of the forecasting app, read from Django settings or the environment.

BLUEBRIDGE_FORECAST_CRS
    The projected CRS (metres) in which incidents get x, y and forecasts are gridded.
    Default EPSG:32616 (WGS 84 / UTM zone 16N), right for the demo city; a department sets
    its own (a UTM zone or a metric state plane).
BLUEBRIDGE_FORECAST_GROUPS
    Offense groups the nightly job forecasts (comma-separated). Default
    "burglary,vehicle_theft,robbery,assault".
BLUEBRIDGE_FORECAST_CELL_METRES
    Grid cell size in metres. Default 150.
"""

from __future__ import annotations

import os

from django.conf import settings

DEFAULT_CRS = "EPSG:32616"
DEFAULT_GROUPS = ("burglary", "vehicle_theft", "robbery", "assault")


def _setting(name: str, default: str) -> str:
    value = getattr(settings, name, None)
    if value is None:
        value = os.environ.get(name, "") or default
    if isinstance(value, (list, tuple)):
        return ",".join(str(v) for v in value)
    return str(value)


def crs() -> str:
    return _setting("BLUEBRIDGE_FORECAST_CRS", DEFAULT_CRS).strip().upper()


def groups() -> list[str]:
    raw = _setting("BLUEBRIDGE_FORECAST_GROUPS", ",".join(DEFAULT_GROUPS))
    return [g.strip() for g in raw.split(",") if g.strip()]


def cell_metres() -> float:
    return float(_setting("BLUEBRIDGE_FORECAST_CELL_METRES", "150"))
