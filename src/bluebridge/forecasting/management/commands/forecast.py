"""`bluebridge forecast`: crime forecasts over incident files.

    bluebridge forecast predict  --incidents FILE --crs EPSG:N --cell-size M --from D --to D \
        --every 1d --horizon 7d --model best --out forecast.csv
    bluebridge forecast backtest ... --json results.json
    bluebridge forecast report   ... --out report.html

One small function per subcommand; `add_arguments` builds argparse subparsers, so further
subcommands (e.g. `import`) slot in beside these.
"""

from __future__ import annotations

import argparse
import csv
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from bluebridge.forecasting import cli_import
from bluebridge.forecasting.files import IncidentFileError, read_boundary, read_incidents
from bluebridge.forecasting.models import (
    CLASSICS,
    MODELS,
    SQUARE_MILE_M2,
    BacktestResult,
    Events,
    Grid,
    backtest,
    forecast,
)
from bluebridge.forecasting.models.calendar import parse_date, parse_step, windows

COLUMNS = ["origin", "horizon_end", "cell_id", "x_min", "y_min", "x_max", "y_max", "score"]


@dataclass
class Setup:
    events: Events
    grid: Grid
    windows: list[tuple[Any, Any, float, float]]


def _floats(text: str, what: str) -> list[float]:
    try:
        values = [float(v) for v in text.split(",") if v.strip()]
    except ValueError:
        raise CommandError(f"{what} must be numbers separated by commas, not {text!r}") from None
    if not values or any(v <= 0 for v in values):
        raise CommandError(f"{what} must be positive numbers")
    return values


def add_common(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--incidents",
        action="append",
        required=True,
        metavar="FILE",
        help="common-schema CSV or CSV.gz (repeat for more files)",
    )
    p.add_argument(
        "--offense",
        action="append",
        metavar="LABEL",
        help="keep only this offense label (repeatable; default: all)",
    )
    p.add_argument("--crs", required=True, help="projected CRS in metres, e.g. EPSG:32618")
    p.add_argument("--cell-size", type=float, required=True, metavar="METRES")
    p.add_argument(
        "--boundary",
        metavar="GEOJSON",
        help="region outline (WGS84); default: the cells that hold incidents",
    )
    p.add_argument(
        "--from", dest="start", required=True, metavar="DATE", help="first origin, YYYY-MM-DD"
    )
    p.add_argument(
        "--to", dest="end", required=True, metavar="DATE", help="origins stop before this date"
    )
    p.add_argument("--every", default="1d", help="step between origins: 1d, 7d, 1m ...")
    p.add_argument("--horizon", required=True, help="forecast window: 1d, 7d, 31d, 1m ...")
    p.add_argument("--model", default="best", choices=list(MODELS), help="default: best")


def load(options: dict[str, Any]) -> Setup:
    if not options["cell_size"] or options["cell_size"] <= 0:
        raise CommandError("--cell-size must be a positive number of metres")
    try:
        start = parse_date(options["start"], "--from")
        end = parse_date(options["end"], "--to")
        every = parse_step(options["every"], "--every")
        horizon = parse_step(options["horizon"], "--horizon")
        wins = windows(start, end, every, horizon)
        events = read_incidents(options["incidents"], options["crs"], options.get("offense"))
        if options.get("boundary"):
            grid = Grid.from_polygons(
                read_boundary(options["boundary"], options["crs"]), options["cell_size"]
            )
        else:
            grid = Grid.from_events(events, options["cell_size"])
    except (IncidentFileError, ValueError) as exc:
        raise CommandError(str(exc)) from None
    if grid.n_region == 0:
        raise CommandError("the region holds no cell; check --boundary and --crs")
    return Setup(events=events, grid=grid, windows=wins)


def run_predict(options: dict[str, Any], out: Any) -> str:
    s = load(options)
    ids = s.grid.region_ids
    x0, y0, x1, y1 = s.grid.bounds(ids)
    path = Path(options["out"])
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(COLUMNS)
        for day, stop, t0, h in s.windows:
            scores = forecast(options["model"], s.events, s.grid, t0, h)[ids]
            for i, cell in enumerate(ids):
                writer.writerow(
                    [
                        day.isoformat(),
                        stop.isoformat(),
                        int(cell),
                        f"{x0[i]:.2f}",
                        f"{y0[i]:.2f}",
                        f"{x1[i]:.2f}",
                        f"{y1[i]:.2f}",
                        f"{scores[i]:.6g}",
                    ]
                )
    return (
        f"wrote {len(s.windows)} origin(s) x {len(ids)} cells of model {options['model']} to {path}"
    )


def run_models(options: dict[str, Any], names: list[str]) -> tuple[Setup, list[BacktestResult]]:
    s = load(options)
    coverages = [c / 100 for c in _floats(options["coverage"], "--coverage")]
    if any(c > 100 for c in coverages):
        raise CommandError("--coverage is in percent, between 0 and 100")
    areas = (
        [a * SQUARE_MILE_M2 for a in _floats(options["area"], "--area")] if options["area"] else []
    )
    origins = [w[2] for w in s.windows]
    horizons = [w[3] for w in s.windows]
    try:
        results = [
            backtest(n, s.events, s.grid, origins, horizons, coverages, areas) for n in names
        ]
    except ValueError as exc:
        raise CommandError(str(exc)) from None
    return s, results


def table(results: list[BacktestResult]) -> str:
    lines = [
        f"{'model':14s} {'level':>10s} {'hit rate':>9s} {'PAI':>7s} {'PAI 95% interval':>17s} "
        f"{'PEI':>6s} {'seconds':>8s}"
    ]
    for r in results:
        for m in r.metrics():
            lo, hi = m.get("pai_interval", [m["pai"], m["pai"]])
            lines.append(
                f"{r.model:14s} {m['level']:>10s} {m['hit_rate']:9.4f} {m['pai']:7.2f} "
                f"{f'{lo:.2f}–{hi:.2f}':>17s} {m['pei']:6.3f} {r.seconds:8.1f}"
            )
    return "\n".join(lines)


def names_with_naive(model: str) -> list[str]:
    return [model] if model == "naive" else ["naive", model]


def run_backtest(options: dict[str, Any], out: Any) -> str:
    _, results = run_models(options, names_with_naive(options["model"]))
    text = table(results)
    if options.get("json"):
        payload = {
            "options": {
                k: options[k]
                for k in (
                    "incidents",
                    "offense",
                    "crs",
                    "cell_size",
                    "start",
                    "end",
                    "every",
                    "horizon",
                )
            },
            "results": [r.to_dict() for r in results],
        }
        Path(options["json"]).write_text(json.dumps(payload, indent=1), encoding="utf-8")
        text += f"\nwrote {options['json']}"
    return text


def run_report(options: dict[str, Any], out: Any) -> str:
    from bluebridge.forecasting.report_html import render_report

    names = [n.strip() for n in options["models"].split(",") if n.strip()]
    unknown = [n for n in names if n not in MODELS]
    if unknown:
        raise CommandError(
            f"unknown model(s) {', '.join(unknown)}; choose from {', '.join(MODELS)}"
        )
    for n in names_with_naive(options["model"]):
        if n not in names:
            names.insert(0 if n == "naive" else len(names), n)
    s, results = run_models(options, names)
    last = s.windows[-1]
    scores = forecast(options["model"], s.events, s.grid, last[2], last[3])
    html = render_report(
        results,
        s.grid,
        scores,
        s.events.between(last[2], last[2] + last[3]),
        title=options["title"],
        subtitle=f"{options['crs']}, {options['cell_size']:g} m cells, "
        f"origins {options['start']} to {options['end']} every {options['every']}, "
        f"horizon {options['horizon']}; map: {options['model']} at {last[0]}",
    )
    Path(options["out"]).write_text(html, encoding="utf-8")
    return table(results) + f"\nwrote {options['out']}"


class Command(BaseCommand):
    help = "Crime forecasts over incident files: predict, backtest, report."

    def add_arguments(self, parser: argparse.ArgumentParser) -> None:
        sub = parser.add_subparsers(dest="subcommand", required=True, metavar="SUBCOMMAND")
        p = sub.add_parser("predict", help="write one score per region cell for each origin")
        add_common(p)
        p.add_argument("--out", required=True, metavar="FORECAST.csv")
        for name, text in (
            ("backtest", "score forecasts against what happened; print a table"),
            ("report", "backtest several models and render an HTML report"),
        ):
            p = sub.add_parser(name, help=text)
            add_common(p)
            p.add_argument("--coverage", default="1,5,10", help="percent of region cells (1,5,10)")
            p.add_argument("--area", default="", help="fixed areas in square miles, e.g. 0.25,0.75")
            if name == "backtest":
                p.add_argument("--json", metavar="OUT.json", help="write all numbers as JSON")
            else:
                p.add_argument(
                    "--models",
                    default=",".join([*CLASSICS, "best"]),
                    help="comma-separated models to compare",
                )
                p.add_argument("--title", default="Crime forecast evaluation")
                p.add_argument("--out", required=True, metavar="REPORT.html")
        cli_import.add_subcommands(sub)  # import, refresh: the Django side (cli_import.py)

    def handle(self, *args: Any, **options: Any) -> None:
        handlers = {"predict": run_predict, "backtest": run_backtest, "report": run_report}
        handlers.update(cli_import.HANDLERS)
        self.stdout.write(handlers[options["subcommand"]](options, self.stdout))
