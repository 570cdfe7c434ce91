"""Square grids in a projected CRS: cell ids, bounds, centres, the region mask, counts."""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

from .events import Events

Ring = Sequence[tuple[float, float]]


class Grid:
    """`nx` x `ny` square cells of `cell_size` metres from (`xmin`, `ymin`).

    Cell id = iy * nx + ix (row-major from the south-west corner). `mask` marks the cells of
    the region; forecasts score every cell, but only region cells are ever flagged.
    """

    def __init__(
        self,
        xmin: float,
        ymin: float,
        cell_size: float,
        nx: int,
        ny: int,
        mask: np.ndarray | None = None,
    ) -> None:
        if not cell_size > 0:
            raise ValueError("cell size must be a positive number of metres")
        if nx < 1 or ny < 1:
            raise ValueError("a grid needs at least one cell")
        self.xmin, self.ymin, self.cell_size = float(xmin), float(ymin), float(cell_size)
        self.nx, self.ny = int(nx), int(ny)
        if mask is None:
            mask = np.ones(self.nx * self.ny, dtype=bool)
        mask = np.asarray(mask, dtype=bool).ravel()
        if mask.shape != (self.nx * self.ny,):
            raise ValueError("the region mask must have one entry per cell")
        self.mask = mask

    # Construction -------------------------------------------------------------------------
    @classmethod
    def from_bounds(
        cls, xmin: float, ymin: float, xmax: float, ymax: float, cell_size: float
    ) -> Grid:
        """Cells covering the box, anchored at (xmin, ymin); all cells are in the region."""
        if not cell_size > 0:
            raise ValueError("cell size must be a positive number of metres")
        nx = max(1, math.ceil((xmax - xmin) / cell_size))
        ny = max(1, math.ceil((ymax - ymin) / cell_size))
        return cls(xmin, ymin, cell_size, nx, ny)

    @classmethod
    def from_events(
        cls, events: Events, cell_size: float, anchor: tuple[float, float] | None = None
    ) -> Grid:
        """The region is the cells holding at least one of `events`.

        The default anchor is (floor(min x / size), floor(min y / size)) * size, the benchmark
        protocol's reference grid.
        """
        if len(events) == 0:
            raise ValueError("no incidents to build a grid from")
        if not cell_size > 0:
            raise ValueError("cell size must be a positive number of metres")
        if anchor is None:
            anchor = (
                math.floor(events.x.min() / cell_size) * cell_size,
                math.floor(events.y.min() / cell_size) * cell_size,
            )
        x0, y0 = anchor
        ix = np.floor((events.x - x0) / cell_size).astype(np.int64)
        iy = np.floor((events.y - y0) / cell_size).astype(np.int64)
        if ix.min() < 0 or iy.min() < 0:
            raise ValueError("the anchor must lie south-west of every incident")
        grid = cls(x0, y0, cell_size, int(ix.max()) + 1, int(iy.max()) + 1)
        grid.mask = grid.counts(events) > 0
        return grid

    @classmethod
    def from_polygons(cls, polygons: Sequence[Sequence[Ring]], cell_size: float) -> Grid:
        """The region is the cells whose centre lies inside the polygons (outer ring, holes...).

        Coordinates must already be in the projected CRS.
        """
        points = [p for poly in polygons for ring in poly for p in ring]
        if not points:
            raise ValueError("the boundary holds no polygon")
        xs = np.array([p[0] for p in points])
        ys = np.array([p[1] for p in points])
        x0 = math.floor(xs.min() / cell_size) * cell_size
        y0 = math.floor(ys.min() / cell_size) * cell_size
        grid = cls.from_bounds(x0, y0, float(xs.max()), float(ys.max()), cell_size)
        cx, cy = grid.centers()
        inside = np.zeros(grid.n_cells, dtype=bool)
        for poly in polygons:
            in_poly = np.zeros(grid.n_cells, dtype=bool)
            for ring in poly:
                in_poly ^= _in_ring(cx, cy, np.asarray(ring, dtype=float))
            inside |= in_poly
        grid.mask = inside
        return grid

    # Geometry -----------------------------------------------------------------------------
    @property
    def n_cells(self) -> int:
        return self.nx * self.ny

    @property
    def cell_area(self) -> float:
        return self.cell_size * self.cell_size

    @property
    def region_ids(self) -> np.ndarray:
        return np.flatnonzero(self.mask)

    @property
    def n_region(self) -> int:
        return int(self.mask.sum())

    def bounds(self, cell_id: int | np.ndarray) -> tuple:
        """(x0, y0, x1, y1) of a cell (or arrays of them for an array of ids)."""
        cell_id = np.asarray(cell_id)
        ix, iy = cell_id % self.nx, cell_id // self.nx
        x0 = self.xmin + ix * self.cell_size
        y0 = self.ymin + iy * self.cell_size
        if x0.ndim == 0:
            return (float(x0), float(y0), float(x0 + self.cell_size), float(y0 + self.cell_size))
        return (x0, y0, x0 + self.cell_size, y0 + self.cell_size)

    def centers(self) -> tuple[np.ndarray, np.ndarray]:
        ids = np.arange(self.n_cells)
        cx = self.xmin + (ids % self.nx + 0.5) * self.cell_size
        cy = self.ymin + (ids // self.nx + 0.5) * self.cell_size
        return cx, cy

    def cell_of(self, x: np.ndarray, y: np.ndarray) -> np.ndarray:
        """Cell id of each point, -1 for points off the grid."""
        ix = np.floor((np.asarray(x) - self.xmin) / self.cell_size).astype(np.int64)
        iy = np.floor((np.asarray(y) - self.ymin) / self.cell_size).astype(np.int64)
        ok = (ix >= 0) & (ix < self.nx) & (iy >= 0) & (iy < self.ny)
        return np.where(ok, iy * self.nx + ix, -1)

    def counts(self, events: Events, weights: np.ndarray | None = None) -> np.ndarray:
        """Events (optionally weighted) per cell, as a flat array of n_cells."""
        cells = self.cell_of(events.x, events.y)
        ok = cells >= 0
        w = None if weights is None else np.asarray(weights, dtype=float)[ok]
        return np.bincount(cells[ok], weights=w, minlength=self.n_cells).astype(float)

    def image(self, flat: np.ndarray) -> np.ndarray:
        """A flat per-cell array as an (ny, nx) image (row iy, column ix)."""
        return np.asarray(flat).reshape(self.ny, self.nx)

    def to_h3(self, scores: np.ndarray, crs: str, resolution: int = 9) -> dict[str, float]:
        """Mean score of the region cells per H3 cell (by cell centre), for web maps."""
        import h3
        from pyproj import Transformer

        to_wgs = Transformer.from_crs(crs, "EPSG:4326", always_xy=True)
        cx, cy = self.centers()
        ids = self.region_ids
        lon, lat = to_wgs.transform(cx[ids], cy[ids])
        sums: dict[str, list[float]] = {}
        for la, lo, s in zip(lat, lon, np.asarray(scores)[ids], strict=True):
            key = h3.latlng_to_cell(float(la), float(lo), resolution)
            acc = sums.setdefault(key, [0.0, 0.0])
            acc[0] += float(s)
            acc[1] += 1.0
        return {k: v[0] / v[1] for k, v in sums.items()}


def _in_ring(px: np.ndarray, py: np.ndarray, ring: np.ndarray) -> np.ndarray:
    """Even-odd ray casting of many points against one closed ring."""
    inside = np.zeros(px.shape, dtype=bool)
    xs, ys = ring[:, 0], ring[:, 1]
    xj, yj = np.roll(xs, 1), np.roll(ys, 1)
    for x1, y1, x2, y2 in zip(xs, ys, xj, yj, strict=True):
        if y1 == y2:
            continue
        crosses = (y1 > py) != (y2 > py)
        xcross = x1 + (py - y1) * (x2 - x1) / (y2 - y1)
        inside ^= crosses & (px < xcross)
    return inside
