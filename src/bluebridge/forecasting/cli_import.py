"""`bluebridge forecast import` and `bluebridge forecast refresh` (subcommands of forecast.py).

    bluebridge forecast import FILE [FILE ...] --format common|csv|socrata|policeuk \
        [--map COLUMN=FIELD ...] [--crs EPSG:N] [--offense-map FILE] [--source NAME]
    bluebridge forecast refresh [--group G ...] [--horizon 7] [--model prospective] [--scope public]

import loads incident files into the database (bad rows are listed with their line and reason;
good rows still load; importing the same file again adds nothing). refresh makes and stores
forecasts now, as the nightly job does.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import CommandError

from bluebridge.forecasting import importers, services
from bluebridge.forecasting.dbmodels import ForecastRun, ImportBatch
from bluebridge.forecasting.taxonomy import GROUPS, OffenseMapError, Taxonomy

SHOW_ERRORS = 20


def add_subcommands(sub: Any) -> None:
    p = sub.add_parser("import", help="load incident files into the database")
    p.add_argument("files", nargs="+", metavar="FILE", help="CSV or CSV.gz")
    p.add_argument("--format", required=True, choices=importers.FORMATS)
    p.add_argument(
        "--map",
        action="append",
        default=[],
        metavar="COLUMN=FIELD",
        help="for --format csv: which column holds id, occurred_at (or date and time), "
        "offense, lat, lon, x, y, origin; repeat",
    )
    p.add_argument("--crs", default="", help="CRS of the file's x, y columns, e.g. EPSG:3435")
    p.add_argument("--offense-map", metavar="FILE", help="CSV raw,code,group[,origin]")
    p.add_argument(
        "--source",
        default="",
        help="dataset name (ids are unique within it); "
        "default: the file name (police.uk: policeuk)",
    )
    p.add_argument("--batch-size", type=int, default=importers.loader.BATCH_SIZE)
    r = sub.add_parser("refresh", help="make and store forecasts now (as the nightly job does)")
    r.add_argument(
        "--group",
        action="append",
        choices=list(GROUPS),
        help="offense group (repeat); default: BLUEBRIDGE_FORECAST_GROUPS",
    )
    r.add_argument(
        "--horizon", type=int, default=services.DEFAULT_HORIZON, choices=list(services.HORIZONS)
    )
    r.add_argument("--model", default=services.DEFAULT_MODEL, choices=list(services.MODEL_CHOICES))
    r.add_argument(
        "--scope", default=ForecastRun.PUBLIC, choices=[ForecastRun.PUBLIC, ForecastRun.ALL]
    )


def run_import(options: dict[str, Any], out: Any) -> str:
    taxonomy = None
    if options.get("offense_map"):
        try:
            taxonomy = Taxonomy.from_file(options["offense_map"])
        except (OSError, OffenseMapError) as exc:
            raise CommandError(str(exc)) from None
    try:
        mapping = importers.parse_mapping(options.get("map") or [])
    except importers.MappingError as exc:
        raise CommandError(str(exc)) from None
    lines = []
    for name in options["files"]:
        path = Path(name)
        if not path.is_file():
            raise CommandError(f"{path}: no such file")
        try:
            batch = importers.import_file(
                path,
                format=options["format"],
                source=options.get("source") or "",
                mapping=mapping,
                crs=options.get("crs") or "",
                taxonomy=taxonomy,
                batch_size=max(1, options.get("batch_size") or importers.loader.BATCH_SIZE),
            )
        except importers.MappingError as exc:
            raise CommandError(f"{path}: {exc}") from None
        lines.append(
            f"{path.name}: {batch.rows_read} rows read, {batch.rows_loaded} loaded, "
            f"{batch.rows_duplicate} already there, {batch.rows_bad} refused "
            f"(import batch {batch.pk}, source {batch.source!r})"
        )
        for error in batch.errors[:SHOW_ERRORS]:
            lines.append(f"  line {error['line']}: {error['reason']}")
        if batch.rows_bad > SHOW_ERRORS:
            lines.append(f"  ... and {batch.rows_bad - SHOW_ERRORS} more refused rows")
        if batch.status == ImportBatch.FAILED:
            lines.append(f"  the import stopped: {batch.message}")
    return "\n".join(lines)


def run_refresh(options: dict[str, Any], out: Any) -> str:
    from bluebridge.forecasting import conf

    lines = []
    for group in options.get("group") or conf.groups():
        choice = services.Choice.parse(
            {
                "group": group,
                "horizon": options["horizon"],
                "model": options["model"],
                "scope": options["scope"],
            },
            strict=True,
        )[0]
        run = services.compute(services.new_run(choice))
        state = "done" if run.status == ForecastRun.DONE else f"failed: {run.message}"
        lines.append(f"{group}: forecast run {run.pk} from {run.events_used} incidents, {state}")
    return "\n".join(lines)


HANDLERS = {"import": run_import, "refresh": run_refresh}
