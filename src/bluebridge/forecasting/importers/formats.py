"""The file formats the importer reads: each turns a CSV row (dict) into a Record. No Django.

common    the project's common schema: id, occurred_at, offense, lat, lon[, x, y]
csv       any CSV, with a mapping from our fields to its columns (`--map "Primary Type=offense"`)
socrata   Socrata city open-data exports (Chicago's "Crimes" columns: ID, Date, Primary Type,
          Description, Latitude, Longitude, X Coordinate, Y Coordinate in EPSG:3435)
policeuk  data.police.uk street-level CSVs: month-only dates, snapped points, Crime ID often
          empty (anti-social behaviour), some rows without coordinates
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from bluebridge.forecasting.importers.rows import (
    Record,
    RowError,
    parse_float,
    parse_origin,
    parse_when,
    require,
)

FIELDS = ("id", "occurred_at", "date", "time", "offense", "lat", "lon", "x", "y", "origin")
REQUIRED = ("offense",)


class MappingError(ValueError):
    """The mapping or the file's header is unusable: nothing is imported."""


@dataclass
class Format:
    name: str
    parse: Callable[[dict[str, str]], Record]
    default_crs: str = ""  # CRS of x, y columns when --crs is not given
    mapping: dict[str, str] = field(default_factory=dict)  # our field -> file column

    def check_header(self, columns: list[str]) -> None:
        needed = {
            "common": ("id", "occurred_at", "offense"),
            "socrata": ("Date", "Primary Type"),
            "policeuk": ("Month", "Crime type", "Longitude", "Latitude"),
        }.get(self.name)
        if needed is None:  # csv: every mapped column must exist
            needed = tuple(self.mapping.values())
        missing = [c for c in needed if c not in columns]
        if missing:
            raise MappingError(
                f"the file has no column(s) {', '.join(repr(c) for c in missing)}; "
                f"its columns are {', '.join(repr(c) for c in columns)}"
            )


def _common(row: dict[str, str]) -> Record:
    when, precision = parse_when(require(row, "occurred_at"))
    offense = require(row, "offense")
    if not offense:
        raise RowError("offense is empty")
    return Record(
        source_id=require(row, "id"),
        occurred_at=when,
        precision=precision,
        offense_raw=offense,
        lat=parse_float(row.get("lat"), "lat"),
        lon=parse_float(row.get("lon"), "lon"),
        x=parse_float(row.get("x"), "x"),
        y=parse_float(row.get("y"), "y"),
        origin=parse_origin(row.get("origin")),
    )


def _socrata(row: dict[str, str]) -> Record:
    when, precision = parse_when(require(row, "Date"), "Date")
    primary = require(row, "Primary Type")
    if not primary:
        raise RowError("Primary Type is empty")
    description = (row.get("Description") or "").strip()
    return Record(
        source_id=(row.get("ID") or row.get("Case Number") or "").strip(),
        occurred_at=when,
        precision=precision,
        offense_raw=f"{primary} - {description}" if description else primary,
        lat=parse_float(row.get("Latitude"), "Latitude"),
        lon=parse_float(row.get("Longitude"), "Longitude"),
        x=parse_float(row.get("X Coordinate"), "X Coordinate"),
        y=parse_float(row.get("Y Coordinate"), "Y Coordinate"),
        extra=(row.get("Block") or "").strip(),
    )


def _policeuk(row: dict[str, str]) -> Record:
    when, precision = parse_when(require(row, "Month"), "Month")
    crime_type = require(row, "Crime type")
    if not crime_type:
        raise RowError("Crime type is empty")
    lon = parse_float(row.get("Longitude"), "Longitude")
    lat = parse_float(row.get("Latitude"), "Latitude")
    if lat is None or lon is None:
        raise RowError("no coordinates (police.uk publishes some crimes without a location)")
    return Record(
        source_id=(row.get("Crime ID") or "").strip(),
        occurred_at=when,
        precision=precision,
        offense_raw=crime_type,
        lat=lat,
        lon=lon,
        extra="|".join((row.get(k) or "").strip() for k in ("Location", "LSOA code", "Context")),
    )


def _mapped(mapping: dict[str, str]) -> Callable[[dict[str, str]], Record]:
    def get(row: dict[str, str], name: str) -> str:
        column = mapping.get(name)
        return (row.get(column) or "").strip() if column else ""

    def parse(row: dict[str, str]) -> Record:
        if "occurred_at" in mapping:
            when, precision = parse_when(get(row, "occurred_at"), mapping["occurred_at"])
        else:
            text = f"{get(row, 'date')} {get(row, 'time')}".strip()
            when, precision = parse_when(text, f"{mapping['date']}")
        offense = get(row, "offense")
        if not offense:
            raise RowError(f"{mapping['offense']} (offense) is empty")
        return Record(
            source_id=get(row, "id"),
            occurred_at=when,
            precision=precision,
            offense_raw=offense,
            lat=parse_float(get(row, "lat"), mapping.get("lat", "lat")),
            lon=parse_float(get(row, "lon"), mapping.get("lon", "lon")),
            x=parse_float(get(row, "x"), mapping.get("x", "x")),
            y=parse_float(get(row, "y"), mapping.get("y", "y")),
            origin=parse_origin(get(row, "origin")),
        )

    return parse


def parse_mapping(pairs: list[str]) -> dict[str, str]:
    """["Primary Type=offense", "Date=occurred_at"] -> {"offense": "Primary Type", ...}."""
    mapping: dict[str, str] = {}
    for pair in pairs:
        column, sep, name = pair.rpartition("=")
        column, name = column.strip(), name.strip().lower()
        if not sep or not column:
            raise MappingError(f"--map {pair!r}: write COLUMN=FIELD, e.g. 'Primary Type=offense'")
        if name not in FIELDS:
            raise MappingError(
                f"--map {pair!r}: unknown field {name!r} (one of {', '.join(FIELDS)})"
            )
        mapping[name] = column
    return mapping


def get_format(name: str, mapping: dict[str, str] | None = None) -> Format:
    if name == "common":
        return Format("common", _common)
    if name == "socrata":
        return Format("socrata", _socrata, default_crs="EPSG:3435")
    if name == "policeuk":
        return Format("policeuk", _policeuk)
    if name == "csv":
        mapping = dict(mapping or {})
        if "occurred_at" not in mapping and "date" not in mapping:
            raise MappingError("map a column to occurred_at (or to date, and time)")
        for needed in REQUIRED:
            if needed not in mapping:
                raise MappingError(f"map a column to {needed}")
        has_latlon = "lat" in mapping and "lon" in mapping
        has_xy = "x" in mapping and "y" in mapping
        if not (has_latlon or has_xy):
            raise MappingError("map columns to lat and lon, or to x and y (with --crs)")
        return Format("csv", _mapped(mapping), mapping=mapping)
    raise MappingError(f"unknown format {name!r}: common, csv, socrata or policeuk")
