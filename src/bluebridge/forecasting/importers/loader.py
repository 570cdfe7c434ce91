"""Stream incident rows into the database in batches, in bounded memory.

Rows are read one at a time (csv over a text stream, gzip or not), parsed by the format, and
gathered into chunks of `batch_size`. Each chunk is projected at once (pyproj over NumPy arrays),
classified, placed in an area and an H3 cell, checked against what is already stored, and written
with one bulk insert in its own transaction. Memory holds one chunk, the first MAX_ERRORS error
messages and, for files without an id column only, one small hash per distinct row.

Idempotency: an incident is identified by (source, source_id). source_id is the file's own id;
where there is none, a hash of the row's content plus its occurrence number among identical rows
of the file, so re-importing the same file adds nothing and genuine repeats are kept.
"""

from __future__ import annotations

import csv
import gzip
import io
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import numpy as np
from django.db import connection, transaction
from django.utils import timezone
from pyproj import Transformer

from bluebridge.core import areas, geography
from bluebridge.forecasting import conf
from bluebridge.forecasting.dbmodels import ImportBatch, Incident
from bluebridge.forecasting.importers.formats import Format, MappingError, get_format
from bluebridge.forecasting.importers.rows import Record, RowError
from bluebridge.forecasting.taxonomy import Taxonomy

MAX_ERRORS = 1000
BATCH_SIZE = 2000
csv.field_size_limit(1_000_000)

# One plain INSERT per row through executemany: the ORM's bulk_create spent most of the import
# time compiling SQL. Existing ids are filtered out before; DO NOTHING covers concurrent imports.
_COLUMNS = (
    "source",
    "source_id",
    "batch_id",
    "occurred_at",
    "precision",
    "offense_raw",
    "offense_code",
    "group",
    "origin",
    "lat",
    "lon",
    "x",
    "y",
    "area_id",
    "h3",
)


def _insert_sql() -> str:
    """The INSERT statement; table and column names are our own constants, values are params."""
    quote = connection.ops.quote_name
    names = ", ".join(quote(c) for c in _COLUMNS)
    marks = ", ".join(["%s"] * len(_COLUMNS))
    table = quote(Incident._meta.db_table)
    return f"INSERT INTO {table} ({names}) VALUES ({marks}) ON CONFLICT DO NOTHING"  # noqa: S608


@dataclass
class _Chunk:
    lines: list[int] = field(default_factory=list)
    records: list[Record] = field(default_factory=list)


class _Ids:
    """Content-hash ids with an occurrence number, for files without an id column."""

    def __init__(self) -> None:
        self._seen: set[str] = set()
        self._repeats: dict[str, int] = {}

    def id_for(self, record: Record) -> str:
        key = record.content_key()
        if key not in self._seen:
            self._seen.add(key)
            return f"h:{key}"
        n = self._repeats.get(key, 1) + 1
        self._repeats[key] = n
        return f"h:{key}#{n}"


class _Projector:
    def __init__(self, source_crs: str, target_crs: str) -> None:
        self.target_crs = target_crs
        self.to_target = Transformer.from_crs("EPSG:4326", target_crs, always_xy=True)
        self.from_source = (
            Transformer.from_crs(source_crs, "EPSG:4326", always_xy=True) if source_crs else None
        )

    def lonlat(self, x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        assert self.from_source is not None
        return self.from_source.transform(x, y)  # type: ignore[no-any-return]

    def xy(self, lon: np.ndarray, lat: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        return self.to_target.transform(lon, lat)  # type: ignore[no-any-return]


class _Run:
    def __init__(
        self,
        batch: ImportBatch,
        fmt: Format,
        taxonomy: Taxonomy,
        projector: _Projector,
        batch_size: int,
    ) -> None:
        self.batch, self.fmt, self.taxonomy, self.projector = batch, fmt, taxonomy, projector
        self.batch_size = batch_size
        self.ids = _Ids()
        self.tz = timezone.get_current_timezone()
        self.use_areas = areas.has_areas()
        self.adapt = connection.ops.adapt_datetimefield_value

    def bad(self, line: int, reason: str) -> None:
        self.batch.rows_bad += 1
        if len(self.batch.errors) < MAX_ERRORS:
            self.batch.errors.append({"line": line, "reason": reason})

    def feed(self, numbered_rows: Iterable[tuple[int, dict[str, str]]]) -> None:
        chunk = _Chunk()
        for line, row in numbered_rows:
            self.batch.rows_read += 1
            try:
                record = self.fmt.parse(row)
            except RowError as exc:
                self.bad(line, str(exc))
                continue
            chunk.lines.append(line)
            chunk.records.append(record)
            if len(chunk.records) >= self.batch_size:
                self.flush(chunk)
                chunk = _Chunk()
        if chunk.records:
            self.flush(chunk)

    def _positions(self, chunk: _Chunk) -> tuple[np.ndarray, ...]:
        n = len(chunk.records)
        lat = np.full(n, np.nan)
        lon = np.full(n, np.nan)
        sx = np.full(n, np.nan)
        sy = np.full(n, np.nan)
        for i, r in enumerate(chunk.records):
            if r.lat is not None and r.lon is not None:
                lat[i], lon[i] = r.lat, r.lon
            elif r.x is not None and r.y is not None:
                sx[i], sy[i] = r.x, r.y
        need = np.isnan(lat) & ~np.isnan(sx)
        if need.any() and self.projector.from_source is not None:
            lon[need], lat[need] = self.projector.lonlat(sx[need], sy[need])
        x, y = self.projector.xy(lon, lat)
        return lat, lon, np.asarray(x), np.asarray(y)

    def flush(self, chunk: _Chunk) -> None:
        lat, lon, x, y = self._positions(chunk)
        wanted: dict[str, tuple[Any, ...]] = {}
        for i, (line, record) in enumerate(zip(chunk.lines, chunk.records, strict=True)):
            la, lo = float(lat[i]), float(lon[i])
            if np.isnan(la) or np.isnan(lo):
                if record.x is not None and self.projector.from_source is None:
                    self.bad(line, "x, y given without a CRS: pass --crs EPSG:NNNN")
                else:
                    self.bad(line, "no coordinates")
                continue
            if not geography.valid_position(la, lo) or (la == 0 and lo == 0):
                self.bad(line, f"position {la}, {lo} is not a valid latitude, longitude")
                continue
            if not (np.isfinite(x[i]) and np.isfinite(y[i])):
                self.bad(line, f"position {la}, {lo} is outside {self.projector.target_crs}")
                continue
            source_id = record.source_id or self.ids.id_for(record)
            if len(source_id) > 64:
                self.bad(line, "id is longer than 64 characters")
                continue
            if source_id in wanted:
                self.batch.rows_duplicate += 1
                continue
            offense = self.taxonomy.classify(record.offense_raw)
            wanted[source_id] = (
                self.batch.source,
                source_id,
                self.batch.pk,
                self.adapt(_aware(record.occurred_at, self.tz)),
                record.precision,
                record.offense_raw[:120],
                offense.code,
                offense.group,
                record.origin or offense.origin,
                round(la, 6),
                round(lo, 6),
                round(float(x[i]), 2),
                round(float(y[i]), 2),
                areas.find_area_id(la, lo) if self.use_areas else None,
                geography.h3_cell(la, lo),
            )
        with transaction.atomic():
            existing = set(
                Incident.objects.filter(
                    source=self.batch.source, source_id__in=list(wanted)
                ).values_list("source_id", flat=True)
            )
            new = [row for sid, row in wanted.items() if sid not in existing]
            with connection.cursor() as cursor:
                cursor.executemany(_insert_sql(), new)
            self.batch.rows_duplicate += len(existing)
            self.batch.rows_loaded += len(new)
            self.batch.save(
                update_fields=["rows_read", "rows_loaded", "rows_duplicate", "rows_bad", "errors"]
            )


def _aware(when: datetime, tz: Any) -> datetime:
    return timezone.make_aware(when, tz) if timezone.is_naive(when) else when


def numbered(reader: csv.DictReader) -> Iterator[tuple[int, dict[str, str]]]:
    for row in reader:
        yield reader.line_num, row


def import_lines(
    lines: Iterable[str],
    *,
    file_name: str,
    format: str,
    source: str = "",
    mapping: dict[str, str] | None = None,
    crs: str = "",
    taxonomy: Taxonomy | None = None,
    user: Any = None,
    batch_size: int = BATCH_SIZE,
) -> ImportBatch:
    """Import CSV text (an iterable of lines, header first). Returns the finished ImportBatch.

    Raises MappingError (nothing imported, no batch kept) when the format, the mapping or the
    header cannot work; bad rows are counted and reported on the batch, never raised.
    """
    fmt = get_format(format, mapping)
    reader = csv.DictReader(iter(lines))
    columns = [c.strip() for c in (reader.fieldnames or [])]
    if not columns:
        raise MappingError("the file is empty (no header row)")
    reader.fieldnames = columns
    fmt.check_header(columns)
    source_crs = (crs or fmt.default_crs).strip().upper()
    try:
        projector = _Projector(source_crs, conf.crs())
    except Exception as exc:  # pyproj.exceptions.CRSError and friends
        raise MappingError(f"unknown CRS: {exc}") from exc
    batch = ImportBatch.objects.create(
        source=(source or _default_source(file_name, format))[:100],
        file_name=file_name[:255],
        format=format,
        mapping=fmt.mapping,
        crs=source_crs,
        created_by=user if getattr(user, "is_authenticated", False) else None,
    )
    run = _Run(batch, fmt, taxonomy or Taxonomy(), projector, batch_size)
    try:
        run.feed(numbered(reader))
    except Exception as exc:  # a broken file (encoding, CSV structure): keep what loaded
        batch.status, batch.message = (
            ImportBatch.FAILED,
            f"stopped at line {reader.line_num}: {exc}",
        )
    else:
        batch.status = ImportBatch.DONE
    batch.finished_at = timezone.now()
    batch.save()
    return batch


def import_file(path: str | Path, **options: Any) -> ImportBatch:
    """Import a CSV file (plain or .gz). Options as for import_lines."""
    path = Path(path)
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8-sig", newline="") as handle:  # type: ignore[operator]
        return import_lines(handle, file_name=path.name, **options)


def import_bytes(data: bytes, file_name: str, **options: Any) -> ImportBatch:
    if data[:2] == b"\x1f\x8b":
        data = gzip.decompress(data)
    text = io.StringIO(data.decode("utf-8-sig"), newline="")
    return import_lines(text, file_name=file_name, **options)


def _default_source(file_name: str, format: str) -> str:
    if format == "policeuk":
        return "policeuk"  # Crime IDs are unique across police.uk's monthly files
    name = Path(file_name).name
    for suffix in (".gz", ".csv"):
        name = name.removesuffix(suffix)
    return name or "import"
