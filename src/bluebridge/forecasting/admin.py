"""Django admin for forecasting: import batches (with their refused rows), incidents, runs."""

from __future__ import annotations

from django.contrib import admin

from bluebridge.forecasting.dbmodels import ForecastRun, ImportBatch, Incident


@admin.register(ImportBatch)
class ImportBatchAdmin(admin.ModelAdmin):
    list_display = (
        "created_at",
        "file_name",
        "format",
        "source",
        "status",
        "rows_read",
        "rows_loaded",
        "rows_duplicate",
        "rows_bad",
    )
    list_filter = ("format", "status")
    search_fields = ("file_name", "source")
    readonly_fields = [f.name for f in ImportBatch._meta.fields]


@admin.register(Incident)
class IncidentAdmin(admin.ModelAdmin):
    list_display = ("occurred_at", "group", "offense_code", "origin", "area", "source", "source_id")
    list_filter = ("group", "origin", "precision")
    search_fields = ("source_id", "offense_raw")
    raw_id_fields = ("batch", "area")
    list_select_related = ("area",)


@admin.register(ForecastRun)
class ForecastRunAdmin(admin.ModelAdmin):
    list_display = ("origin", "group", "horizon_days", "model", "scope", "status", "events_used")
    list_filter = ("group", "model", "scope", "status")
    exclude = ("scores",)
    readonly_fields = ("grid", "top_cells", "backtest", "message")
