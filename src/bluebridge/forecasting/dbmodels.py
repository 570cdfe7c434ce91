"""Django models (database tables) of the forecasting app.

They live here, not in `models.py`, because `bluebridge.forecasting.models` is the numerical
forecasting engine package (no Django imports, see DEVELOPERS.md). `ForecastingConfig`
(apps.py) tells Django to load this module as the app's models module
(docs/decisions/0025-forecasting-records-module.md).

* ImportBatch: one run of an importer over one file: what was read, loaded, skipped, refused.
* Incident: one call for service or reported crime, in the department's taxonomy, with its
  position in WGS84 and in the department's projected CRS (metres).
* ForecastRun: a stored forecast (scores per grid cell) and its backtest, read by the page.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from bluebridge.core.models import Area


class ImportBatch(models.Model):
    COMMON, CSV, SOCRATA, POLICEUK = "common", "csv", "socrata", "policeuk"
    FORMATS = [
        (COMMON, "Common schema"),
        (CSV, "CSV with a column mapping"),
        (SOCRATA, "Socrata open-data export"),
        (POLICEUK, "police.uk street-level CSV"),
    ]
    RUNNING, DONE, FAILED = "running", "done", "failed"
    STATUSES = [(RUNNING, "Running"), (DONE, "Done"), (FAILED, "Failed")]

    source = models.CharField(max_length=100, help_text="Dataset name: ids are unique within it")
    file_name = models.CharField(max_length=255)
    format = models.CharField(max_length=16, choices=FORMATS)
    mapping = models.JSONField(default=dict, blank=True)
    crs = models.CharField(max_length=32, blank=True, help_text="CRS of the file's x, y")
    status = models.CharField(max_length=8, choices=STATUSES, default=RUNNING)
    rows_read = models.PositiveIntegerField(default=0)
    rows_loaded = models.PositiveIntegerField(default=0)
    rows_duplicate = models.PositiveIntegerField(default=0)
    rows_bad = models.PositiveIntegerField(default=0)
    errors = models.JSONField(default=list, blank=True, help_text="[{line, reason}], capped")
    message = models.TextField(blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)

    objects: models.Manager[ImportBatch] = models.Manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name_plural = "import batches"

    def __str__(self) -> str:
        return f"{self.file_name} ({self.format}, {self.rows_loaded} loaded)"


class Incident(models.Model):
    EXACT, DAY, MONTH = "exact", "day", "month"
    PRECISIONS = [(EXACT, "Date and time"), (DAY, "Day only"), (MONTH, "Month only")]
    PUBLIC, OFFICER, UNKNOWN = "public", "officer", "unknown"
    ORIGINS = [
        (PUBLIC, "Reported by the public"),
        (OFFICER, "Found by officers"),
        (UNKNOWN, "Unknown"),
    ]

    source = models.CharField(max_length=100)
    source_id = models.CharField(max_length=64)
    batch = models.ForeignKey(
        ImportBatch, null=True, blank=True, on_delete=models.CASCADE, related_name="incidents"
    )
    occurred_at = models.DateTimeField()
    precision = models.CharField(max_length=8, choices=PRECISIONS, default=EXACT)
    offense_raw = models.CharField(max_length=120)
    offense_code = models.CharField(max_length=64)
    group = models.CharField(max_length=32)
    origin = models.CharField(max_length=8, choices=ORIGINS, default=UNKNOWN)
    lat = models.FloatField()
    lon = models.FloatField()
    x = models.FloatField(help_text="metres east in BLUEBRIDGE_FORECAST_CRS")
    y = models.FloatField(help_text="metres north in BLUEBRIDGE_FORECAST_CRS")
    area = models.ForeignKey(
        Area, null=True, blank=True, on_delete=models.SET_NULL, related_name="incidents"
    )
    h3 = models.CharField(max_length=16, blank=True)

    objects: models.Manager[Incident] = models.Manager()

    class Meta:
        ordering = ["occurred_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["source", "source_id"], name="incident_source_id")
        ]
        indexes = [models.Index(fields=["group", "occurred_at"], name="incident_group_time")]

    def __str__(self) -> str:
        return f"{self.source}:{self.source_id} {self.group} {self.occurred_at:%Y-%m-%d}"


class ForecastRun(models.Model):
    """A forecast for one offense group, horizon, model and data scope, made at `origin`.

    `scores` holds float32 scores for every cell of the grid (row-major, `grid["ny"]` rows of
    `grid["nx"]` cells), `top_cells` the highest cells with their area, `backtest` the curves.
    """

    PUBLIC, ALL = "public", "all"
    SCOPES = [(PUBLIC, "Public-initiated incidents only"), (ALL, "All incidents")]
    QUEUED, DONE, FAILED = "queued", "done", "failed"
    STATUSES = [(QUEUED, "Queued"), (DONE, "Done"), (FAILED, "Failed")]

    group = models.CharField(max_length=32)
    horizon_days = models.PositiveSmallIntegerField()
    model = models.CharField(max_length=32)
    scope = models.CharField(max_length=8, choices=SCOPES, default=PUBLIC)
    origin = models.DateTimeField(help_text="Only incidents before this moment were used")
    cell_size = models.FloatField(help_text="metres")
    crs = models.CharField(max_length=32)
    status = models.CharField(max_length=8, choices=STATUSES, default=QUEUED)
    message = models.TextField(blank=True)
    events_used = models.PositiveIntegerField(default=0)
    grid = models.JSONField(default=dict, blank=True, help_text="x0, y0, nx, ny, cell_size")
    scores = models.BinaryField(default=b"", blank=True)
    top_cells = models.JSONField(default=list, blank=True)
    backtest = models.JSONField(default=dict, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)

    objects: models.Manager[ForecastRun] = models.Manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(
                fields=["group", "horizon_days", "model", "scope", "-created_at"],
                name="forecastrun_choice",
            )
        ]

    def __str__(self) -> str:
        return f"{self.group} {self.horizon_days}d {self.model} ({self.scope}) @ {self.origin:%Y-%m-%d}"
