"""The demo city's map: a jittered grid of 24 beats grouped into 6 districts. No Django.

Beats are cells of a 6 × 4 lattice whose corners and edge midpoints are shifted at random; a
district is a 2 × 2 block of beats whose outline walks the very same vertices, so beats tile
their districts and districts tile the city exactly (no gaps, no overlaps).
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass, field
from typing import Any

from bluebridge.core.demo.names import DISTRICTS, NEIGHBOURHOODS

CENTRE_LAT, CENTRE_LON = 39.78, -89.65
COLUMNS, ROWS = 6, 4  # beats across and down
BLOCK = 2  # a district is BLOCK × BLOCK beats
STEP_LON, STEP_LAT = 0.03, 0.025  # about 2.6 km × 2.8 km per beat

Point = tuple[float, float]  # (lon, lat)


@dataclass
class BeatShape:
    code: str
    name: str
    district_code: str
    ring: list[Point]
    column: int
    row: int
    centrality: float  # 1 at downtown, 0 at the far edge

    def geometry(self) -> dict[str, Any]:
        return {"type": "Polygon", "coordinates": [[list(p) for p in self.ring]]}


@dataclass
class DistrictShape:
    code: str
    name: str
    number: int
    ring: list[Point]
    beats: list[BeatShape] = field(default_factory=list)

    def geometry(self) -> dict[str, Any]:
        return {"type": "Polygon", "coordinates": [[list(p) for p in self.ring]]}


class _Lattice:
    def __init__(self, rng: random.Random) -> None:
        lon0 = CENTRE_LON - COLUMNS * STEP_LON / 2
        lat0 = CENTRE_LAT - ROWS * STEP_LAT / 2
        self.corners: dict[tuple[int, int], Point] = {}
        for i in range(COLUMNS + 1):
            for j in range(ROWS + 1):
                jx = rng.uniform(-0.15, 0.15) * STEP_LON
                jy = rng.uniform(-0.15, 0.15) * STEP_LAT
                self.corners[i, j] = _round(lon0 + i * STEP_LON + jx, lat0 + j * STEP_LAT + jy)
        # One extra vertex on every edge, pushed sideways, so outlines are not straight lines.
        self.horizontal: dict[tuple[int, int], Point] = {}  # edge (i, j) -> (i + 1, j)
        for i in range(COLUMNS):
            for j in range(ROWS + 1):
                (ax, ay), (bx, by) = self.corners[i, j], self.corners[i + 1, j]
                shift = rng.uniform(-0.12, 0.12) * STEP_LAT
                self.horizontal[i, j] = _round((ax + bx) / 2, (ay + by) / 2 + shift)
        self.vertical: dict[tuple[int, int], Point] = {}  # edge (i, j) -> (i, j + 1)
        for i in range(COLUMNS + 1):
            for j in range(ROWS):
                (ax, ay), (bx, by) = self.corners[i, j], self.corners[i, j + 1]
                shift = rng.uniform(-0.12, 0.12) * STEP_LON
                self.vertical[i, j] = _round((ax + bx) / 2 + shift, (ay + by) / 2)

    def ring(self, i0: int, j0: int, i1: int, j1: int) -> list[Point]:
        """Counter-clockwise outline of the cells [i0, i1) × [j0, j1), closed."""
        points: list[Point] = []
        for i in range(i0, i1):  # bottom, west to east
            points += [self.corners[i, j0], self.horizontal[i, j0]]
        for j in range(j0, j1):  # east side, south to north
            points += [self.corners[i1, j], self.vertical[i1, j]]
        for i in range(i1, i0, -1):  # top, east to west
            points += [self.corners[i, j1], self.horizontal[i - 1, j1]]
        for j in range(j1, j0, -1):  # west side, north to south
            points += [self.corners[i0, j], self.vertical[i0, j - 1]]
        points.append(points[0])
        return points


def _round(lon: float, lat: float) -> Point:
    return round(lon, 6), round(lat, 6)


def build_map(rng: random.Random) -> list[DistrictShape]:
    """Six districts, each with four beats, in a stable order (D1..D6, beats 1..4)."""
    lattice = _Lattice(rng)
    districts: list[DistrictShape] = []
    number = 0
    for b in range(ROWS // BLOCK - 1, -1, -1):  # north row first
        for a in range(COLUMNS // BLOCK):
            number += 1
            i0, j0 = a * BLOCK, b * BLOCK
            district = DistrictShape(
                code=f"D{number}",
                name=DISTRICTS[number - 1],
                number=number,
                ring=lattice.ring(i0, j0, i0 + BLOCK, j0 + BLOCK),
            )
            k = 0
            for j in range(j0 + BLOCK - 1, j0 - 1, -1):
                for i in range(i0, i0 + BLOCK):
                    k += 1
                    dx = (i + 0.5 - COLUMNS / 2) / (COLUMNS / 2)
                    dy = (j + 0.5 - ROWS / 2) / (ROWS / 2)
                    centrality = max(0.0, 1 - math.hypot(dx, dy) / math.hypot(1, 1))
                    district.beats.append(
                        BeatShape(
                            code=f"B{number}{k}",
                            name=NEIGHBOURHOODS[(number - 1) * BLOCK * BLOCK + k - 1],
                            district_code=district.code,
                            ring=lattice.ring(i, j, i + 1, j + 1),
                            column=i,
                            row=j,
                            centrality=round(centrality, 4),
                        )
                    )
            districts.append(district)
    return districts


def city_bbox(districts: list[DistrictShape]) -> tuple[float, float, float, float]:
    lons = [p[0] for d in districts for p in d.ring]
    lats = [p[1] for d in districts for p in d.ring]
    return min(lons), min(lats), max(lons), max(lats)


def feature_collection(shapes: list[Any], parent: bool = False) -> dict[str, Any]:
    """GeoJSON for bluebridge.core.areas.load_geojson."""
    features = []
    for shape in shapes:
        props: dict[str, Any] = {"code": shape.code, "name": shape.name}
        if parent:
            props["parent"] = shape.district_code
        features.append({"type": "Feature", "properties": props, "geometry": shape.geometry()})
    return {"type": "FeatureCollection", "features": features}
