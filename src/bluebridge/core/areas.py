"""The department's areas: loading GeoJSON, and which beat and district a point is in."""

from __future__ import annotations

import json
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.db import transaction

from bluebridge.core import geography
from bluebridge.core.models import Area

_CACHE_SECONDS = 60


@dataclass(frozen=True)
class _Indexed:
    area_id: int
    code: str
    parent_id: int | None
    box: tuple[float, float, float, float]
    geometry: dict[str, Any]


class _AreaIndex:
    """Beats in memory, refreshed every minute, so a lookup costs no query."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._loaded_at = 0.0
        self._beats: list[_Indexed] = []
        self._districts: list[_Indexed] = []

    def invalidate(self) -> None:
        self._loaded_at = 0.0

    def _refresh(self) -> None:
        with self._lock:
            if time.monotonic() - self._loaded_at < _CACHE_SECONDS:
                return
            rows = Area.objects.values_list(
                "id",
                "code",
                "kind",
                "parent_id",
                "min_lon",
                "min_lat",
                "max_lon",
                "max_lat",
                "geometry",
            )
            beats: list[_Indexed] = []
            districts: list[_Indexed] = []
            for pk, code, kind, parent_id, a, b, c, d, geom in rows:
                item = _Indexed(pk, code, parent_id, (a, b, c, d), geom)
                (beats if kind == Area.BEAT else districts).append(item)
            self._beats, self._districts = beats, districts
            self._loaded_at = time.monotonic()

    def empty(self) -> bool:
        self._refresh()
        return not self._beats and not self._districts

    def find(self, lat: float, lon: float) -> _Indexed | None:
        self._refresh()
        for group in (self._beats, self._districts):
            for item in group:
                a, b, c, d = item.box
                if a <= lon <= c and b <= lat <= d and geography.contains(item.geometry, lon, lat):
                    return item
        return None


_index = _AreaIndex()


def find_area(lat: float, lon: float) -> Area | None:
    """The smallest area (a beat if any, else a district) that holds the point, or None."""
    item = _index.find(lat, lon)
    if item is None:
        return None
    return Area.objects.get(pk=item.area_id)


def find_area_id(lat: float, lon: float) -> int | None:
    item = _index.find(lat, lon)
    return item.area_id if item else None


def invalidate_cache() -> None:
    _index.invalidate()


def has_areas() -> bool:
    """Whether the department has loaded any areas (answered from the in-memory index)."""
    return not _index.empty()


@transaction.atomic
def load_geojson(
    source: str | Path | dict[str, Any],
    *,
    kind: str,
    code_property: str = "code",
    name_property: str = "name",
    parent_property: str | None = None,
) -> list[Area]:
    """Create or update areas from a GeoJSON FeatureCollection. Returns the areas touched."""
    if kind not in {Area.DISTRICT, Area.BEAT}:
        raise ValueError(f"kind must be 'district' or 'beat', not {kind!r}")
    data = (
        source if isinstance(source, dict) else json.loads(Path(source).read_text(encoding="utf-8"))
    )
    if data.get("type") != "FeatureCollection":
        raise geography.GeometryError("expected a GeoJSON FeatureCollection")
    touched = []
    for number, feature in enumerate(data.get("features", []), start=1):
        props = feature.get("properties") or {}
        geometry = feature.get("geometry") or {}
        try:
            geography.validate(geometry)
        except (geography.GeometryError, TypeError, ValueError, IndexError) as exc:
            raise geography.GeometryError(f"feature {number}: {exc}") from exc
        code = str(props.get(code_property) or "").strip()
        if not code:
            raise geography.GeometryError(
                f"feature {number}: property {code_property!r} is missing"
            )
        parent = None
        if parent_property and props.get(parent_property):
            parent = Area.objects.get(code=str(props[parent_property]))
        a, b, c, d = geography.bbox(geometry)
        area, _ = Area.objects.update_or_create(
            code=code,
            defaults={
                "kind": kind,
                "name": str(props.get(name_property) or code),
                "parent": parent,
                "geometry": geometry,
                "min_lon": a,
                "min_lat": b,
                "max_lon": c,
                "max_lat": d,
                "population": int(props.get("population") or 0),
            },
        )
        touched.append(area)
    transaction.on_commit(invalidate_cache)
    return touched
