"""Between the engine's projected grid and the map: area outlines in, cell polygons out (pyproj)."""

from __future__ import annotations

import math
from typing import Any

import numpy as np
from pyproj import Transformer

from bluebridge.core import areas
from bluebridge.core.models import Area
from bluebridge.forecasting.models import Grid, ranking


def projected_polygons(crs: str) -> list[list[list[tuple[float, float]]]]:
    """The department's districts (or its beats if it has no districts) in the projected CRS."""
    shapes = list(Area.objects.filter(kind=Area.DISTRICT).values_list("geometry", flat=True))
    if not shapes:
        shapes = list(Area.objects.filter(kind=Area.BEAT).values_list("geometry", flat=True))
    if not shapes:
        return []
    to_xy = Transformer.from_crs("EPSG:4326", crs, always_xy=True)
    out = []
    for geometry in shapes:
        for polygon in _polygons(geometry):
            rings = []
            for ring in polygon:
                xs, ys = to_xy.transform([p[0] for p in ring], [p[1] for p in ring])
                rings.append(list(zip(xs, ys, strict=True)))
            out.append(rings)
    return out


def _polygons(geometry: dict[str, Any]) -> list[Any]:
    if geometry.get("type") == "Polygon":
        return [geometry["coordinates"]]
    if geometry.get("type") == "MultiPolygon":
        return list(geometry["coordinates"])
    return []


def _count(share: float, n_region: int) -> int:
    return max(1, math.ceil(share * n_region - 1e-9)) if n_region else 0


def _corners(grid: Grid, ids: np.ndarray, crs: str) -> list[list[list[float]]]:
    """Each cell's outline as a closed [lon, lat] ring."""
    to_wgs = Transformer.from_crs(crs, "EPSG:4326", always_xy=True)
    x0, y0, x1, y1 = grid.bounds(ids)
    xs = np.stack([x0, x1, x1, x0, x0], axis=1)
    ys = np.stack([y0, y0, y1, y1, y0], axis=1)
    lon, lat = to_wgs.transform(xs.ravel(), ys.ravel())
    lon = np.asarray(lon).reshape(xs.shape)
    lat = np.asarray(lat).reshape(ys.shape)
    return [
        [[round(float(a), 6), round(float(b), 6)] for a, b in zip(lo, la, strict=True)]
        for lo, la in zip(lon, lat, strict=True)
    ]


def top_cells(grid: Grid, scores: np.ndarray, crs: str, share: float) -> list[dict[str, Any]]:
    """The top `share` of region cells, best first, with their centre and area name."""
    order = ranking(scores, grid)
    ids = np.asarray(order[: _count(share, grid.n_region)], dtype=np.int64)
    if ids.size == 0:
        return []
    to_wgs = Transformer.from_crs(crs, "EPSG:4326", always_xy=True)
    cx, cy = grid.centers()
    lon, lat = to_wgs.transform(cx[ids], cy[ids])
    names = dict(Area.objects.values_list("id", "name"))
    codes = dict(Area.objects.values_list("id", "code"))
    out = []
    for rank, (cell, la, lo) in enumerate(zip(ids, lat, lon, strict=True), start=1):
        area_id = areas.find_area_id(float(la), float(lo))
        out.append(
            {
                "rank": rank,
                "cell": int(cell),
                "score": round(float(scores[cell]), 6),
                "lat": round(float(la), 6),
                "lon": round(float(lo), 6),
                "area": names.get(area_id, "") if area_id else "",
                "area_code": codes.get(area_id, "") if area_id else "",
            }
        )
    return out


def cells_geojson(
    grid: Grid, scores: np.ndarray, crs: str, n_region: int, share: float
) -> dict[str, Any]:
    """The top `share` of cells as polygons; properties: rank, score, level (1..5), top (1 %)."""
    grid.mask = np.zeros(grid.n_cells, dtype=bool)
    grid.mask[np.flatnonzero(scores > 0)] = True  # region cells always score >= 0; others 0
    n_region = n_region or grid.n_region
    order = ranking(scores, grid)
    shown = np.asarray(order[: _count(share, n_region)], dtype=np.int64)
    shown = shown[scores[shown] > 0]
    top_n = _count(0.01, n_region)
    rings = _corners(grid, shown, crs) if shown.size else []
    peak = float(scores[shown[0]]) if shown.size else 1.0
    features = []
    for rank, (cell, ring) in enumerate(zip(shown, rings, strict=True), start=1):
        value = float(scores[cell])
        level = min(5, 1 + int(5 * value / peak)) if peak > 0 else 1
        features.append(
            {
                "type": "Feature",
                "id": int(cell),
                "properties": {
                    "rank": rank,
                    "score": round(value, 6),
                    "level": level,
                    "top": rank <= top_n,
                },
                "geometry": {"type": "Polygon", "coordinates": [ring]},
            }
        )
    return {"type": "FeatureCollection", "features": features}
