"""Reading common-schema incident files (CSV or CSV.gz) into `Events`, projected with pyproj.

Columns (docs/forecasting.md): id, occurred_at (ISO 8601 local time, date or date-time),
offense, lat, lon; x, y and other columns are ignored (positions are always re-projected from
lat/lon into the CRS asked for, so that every dataset is scored the same way).
"""

from __future__ import annotations

import csv
import gzip
import io
import json
from collections.abc import Iterable, Sequence
from pathlib import Path

import numpy as np
from pyproj import CRS, Transformer
from pyproj.exceptions import CRSError

from .models.events import Events, to_days

REQUIRED = ("occurred_at", "lat", "lon")


class IncidentFileError(ValueError):
    """A file that cannot be read as incidents; the message names the file and the line."""


def check_crs(crs: str) -> CRS:
    try:
        parsed = CRS.from_user_input(crs)
    except CRSError as exc:
        raise IncidentFileError(f"unknown CRS {crs!r}: {exc}") from None
    if not parsed.is_projected:
        raise IncidentFileError(
            f"{crs} is not a projected CRS; cells need metres (e.g. EPSG:32618)"
        )
    unit = parsed.axis_info[0].unit_name if parsed.axis_info else ""
    if unit not in ("metre", "meter"):
        raise IncidentFileError(f"{crs} measures in {unit or 'unknown units'}; use a CRS in metres")
    return parsed


def _open(path: Path) -> io.TextIOBase:
    if not path.exists():
        raise IncidentFileError(f"{path}: no such file")
    with path.open("rb") as fh:
        gz = fh.read(2) == b"\x1f\x8b"
    if gz:
        return io.TextIOWrapper(gzip.open(path, "rb"), encoding="utf-8", newline="")
    return path.open("r", encoding="utf-8", newline="")


def _parse_times(values: list[str], path: Path, first_line: int) -> np.ndarray:
    try:
        stamps = np.array(values, dtype="datetime64[s]")
    except ValueError:
        for i, v in enumerate(values):
            try:
                np.datetime64(v, "s")
            except ValueError:
                raise IncidentFileError(
                    f"{path}, line {first_line + i}: occurred_at {v!r} is not an ISO 8601 "
                    "date or date-time"
                ) from None
        raise
    epoch = np.datetime64("1970-01-01T00:00:00", "s")
    return (stamps - epoch).astype(np.int64) / 86400.0


def read_incidents(
    paths: Sequence[str | Path],
    crs: str,
    offenses: Iterable[str] | None = None,
) -> Events:
    """All incidents of the files, optionally only the given offense labels, in `crs` metres."""
    if not paths:
        raise IncidentFileError("give at least one incidents file")
    check_crs(crs)
    wanted = {o.strip() for o in offenses} if offenses else None
    times: list[str] = []
    lat: list[float] = []
    lon: list[float] = []
    labels: list[str] = []
    for raw in paths:
        path = Path(raw)
        try:
            with _open(path) as fh:
                reader = csv.DictReader(fh)
                missing = [c for c in REQUIRED if c not in (reader.fieldnames or [])]
                if missing:
                    raise IncidentFileError(
                        f"{path}: missing column(s) {', '.join(missing)}; expected the common "
                        "schema id,occurred_at,offense,lat,lon"
                    )
                start = len(times)
                for line, row in enumerate(reader, start=2):
                    offense = (row.get("offense") or "").strip()
                    if wanted is not None and offense not in wanted:
                        continue
                    try:
                        la, lo = float(row["lat"]), float(row["lon"])
                    except (TypeError, ValueError):
                        raise IncidentFileError(
                            f"{path}, line {line}: lat/lon {row.get('lat')!r}, "
                            f"{row.get('lon')!r} are not numbers"
                        ) from None
                    if not (-90 <= la <= 90 and -180 <= lo <= 180):
                        raise IncidentFileError(f"{path}, line {line}: lat/lon out of range")
                    times.append((row["occurred_at"] or "").strip())
                    lat.append(la)
                    lon.append(lo)
                    labels.append(offense)
                _parse_times(times[start:], path, 2)
        except (OSError, EOFError, UnicodeDecodeError, csv.Error) as exc:
            raise IncidentFileError(f"{path}: cannot be read as CSV ({exc})") from None
    if not times:
        what = f" with offense {', '.join(sorted(wanted))}" if wanted else ""
        raise IncidentFileError(f"no incidents{what} in {', '.join(map(str, paths))}")
    t = _parse_times(times, Path(str(paths[0])), 2)
    to_crs = Transformer.from_crs("EPSG:4326", crs, always_xy=True)
    x, y = to_crs.transform(np.array(lon), np.array(lat))
    return Events(t=t, x=np.asarray(x), y=np.asarray(y), offense=np.array(labels, dtype=object))


def read_boundary(path: str | Path, crs: str) -> list[list[list[tuple[float, float]]]]:
    """Polygons (rings of (x, y) in `crs`) of a GeoJSON file in WGS84."""
    p = Path(path)
    try:
        data = json.loads(p.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise IncidentFileError(f"{p}: not a readable GeoJSON file ({exc})") from None
    features = data.get("features") if data.get("type") == "FeatureCollection" else [data]
    to_crs = Transformer.from_crs("EPSG:4326", crs, always_xy=True)
    polygons: list[list[list[tuple[float, float]]]] = []
    for feat in features or []:
        geom = feat.get("geometry", feat) if isinstance(feat, dict) else None
        if not geom:
            continue
        kind, coords = geom.get("type"), geom.get("coordinates")
        parts = [coords] if kind == "Polygon" else coords if kind == "MultiPolygon" else []
        for poly in parts:
            rings = []
            for ring in poly:
                arr = np.asarray(ring, dtype=float)
                xs, ys = to_crs.transform(arr[:, 0], arr[:, 1])
                rings.append(
                    list(zip(np.asarray(xs).tolist(), np.asarray(ys).tolist(), strict=True))
                )
            polygons.append(rings)
    if not polygons:
        raise IncidentFileError(f"{p}: no Polygon or MultiPolygon geometry found")
    return polygons


__all__ = ["IncidentFileError", "check_crs", "read_boundary", "read_incidents", "to_days"]
