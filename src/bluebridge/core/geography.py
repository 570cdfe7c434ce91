"""Plain geometry over GeoJSON (WGS84): bounding boxes, point-in-polygon, H3 cells. No Django."""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from typing import Any

import h3

Ring = Sequence[Sequence[float]]


class GeometryError(ValueError):
    pass


def polygons(geometry: dict[str, Any]) -> list[list[Ring]]:
    """The polygons of a Polygon or MultiPolygon geometry, each as [outer ring, holes...]."""
    kind = geometry.get("type")
    coords = geometry.get("coordinates")
    if kind == "Polygon" and isinstance(coords, list):
        return [coords]
    if kind == "MultiPolygon" and isinstance(coords, list):
        return list(coords)
    raise GeometryError(f"expected a Polygon or MultiPolygon geometry, got {kind!r}")


def validate(geometry: dict[str, Any]) -> None:
    for polygon in polygons(geometry):
        if not polygon:
            raise GeometryError("a polygon has no rings")
        for ring in polygon:
            if len(ring) < 4:
                raise GeometryError("a polygon ring needs at least 4 positions")
            for point in ring:
                lon, lat = float(point[0]), float(point[1])
                if not (-180 <= lon <= 180 and -90 <= lat <= 90):
                    raise GeometryError(f"position {lon}, {lat} is not WGS84 longitude/latitude")


def bbox(geometry: dict[str, Any]) -> tuple[float, float, float, float]:
    """(min_lon, min_lat, max_lon, max_lat)."""
    lons: list[float] = []
    lats: list[float] = []
    for polygon in polygons(geometry):
        for point in polygon[0]:
            lons.append(float(point[0]))
            lats.append(float(point[1]))
    return min(lons), min(lats), max(lons), max(lats)


def _in_ring(lon: float, lat: float, ring: Ring) -> bool:
    inside = False
    n = len(ring)
    j = n - 1
    for i in range(n):
        xi, yi = ring[i][0], ring[i][1]
        xj, yj = ring[j][0], ring[j][1]
        if (yi > lat) != (yj > lat) and lon < (xj - xi) * (lat - yi) / (yj - yi) + xi:
            inside = not inside
        j = i
    return inside


def contains(geometry: dict[str, Any], lon: float, lat: float) -> bool:
    for polygon in polygons(geometry):
        if _in_ring(lon, lat, polygon[0]) and not any(
            _in_ring(lon, lat, hole) for hole in polygon[1:]
        ):
            return True
    return False


def valid_position(lat: float, lon: float) -> bool:
    return math.isfinite(lat) and math.isfinite(lon) and -90 <= lat <= 90 and -180 <= lon <= 180


def h3_cell(lat: float, lon: float, resolution: int = 9) -> str:
    return h3.latlng_to_cell(lat, lon, resolution)


def distance_m(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in metres (haversine)."""
    r = 6_371_008.8
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * r * math.asin(math.sqrt(a))


def centroid(geometry: dict[str, Any]) -> tuple[float, float]:
    """A rough centre (mean of outer-ring vertices) as (lat, lon), for labels and map views."""
    points: Iterable[Sequence[float]] = [p for poly in polygons(geometry) for p in poly[0][:-1]]
    pts = list(points)
    return sum(p[1] for p in pts) / len(pts), sum(p[0] for p in pts) / len(pts)
