"""Forecasting validation suite: every protocol x every model on /work/shared/data/crime.

    nice -n 10 env OMP_NUM_THREADS=2 .venv/bin/python -m benchmarks.forecasting_protocols
    ... --only chicago,houston --models naive,best --no-write   (iterate on a subset)

Writes section `forecasting-protocols` of docs/benchmarks.md: per protocol a table of model,
hit rate / PAI / PEI at 1, 5 and 10 % coverage and run time; the Portland table at 0.25 and
0.75 square miles per horizon; the one-origin timing of `best` on 100,000 incidents.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import numpy as np

from bluebridge.forecasting.files import read_incidents
from bluebridge.forecasting.models import (
    CLASSICS,
    SQUARE_MILE_M2,
    Events,
    Grid,
    backtest,
    forecast,
)
from bluebridge.forecasting.models.calendar import parse_step, windows

DATA = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "crime"
if not DATA.exists():
    DATA = Path("/work/shared/data/crime")
MODELS = (*CLASSICS, "learned", "ensemble", "best")


@dataclass
class Protocol:
    key: str
    file: str
    crs: str
    cell: float
    start: str
    end: str  # exclusive
    every: str
    horizons: tuple[str, ...]
    target: float | None = None  # PAI@1% that best must reach
    open_cp: str = ""
    areas_sq_mi: tuple[float, ...] = ()
    # Origins before the evaluation window, same file, same rules: the only period on which
    # our models' choices (candidates, windows, guard) were compared (`--period tuning`).
    tuning: tuple[str, str] | None = None


PROTOCOLS = [
    Protocol(
        "chicago_burglary_2016",
        "chicago_burglary_2016.csv.gz",
        "EPSG:26971",
        150,
        "2016-07-01",
        "2016-10-01",
        "1d",
        ("1d",),
        3.80,
        "1.99 / 3.16 / 2.89 / 3.30 / 2.13, best 3.30",
        tuning=("2016-04-01", "2016-07-01"),
    ),
    Protocol(
        "nyc_vehicle_thefts",
        "nyc_vehicle_thefts.csv.gz",
        "EPSG:32618",
        150,
        "2016-01-04",
        "2017-01-01",
        "7d",
        ("7d",),
        8.12,
        "6.72 / – / 3.72 / 4.97 / 7.06, best 7.06",
        tuning=("2015-01-05", "2016-01-04"),
    ),
    Protocol(
        "nyc_shootings",
        "nyc_shootings.csv.gz",
        "EPSG:32618",
        250,
        "2018-01-01",
        "2020-01-01",
        "1m",
        ("1m",),
        5.34,
        "4.64 / 3.00 / 1.89 / 3.40 / 3.46, best 4.64",
        tuning=("2016-01-01", "2018-01-01"),
    ),
    Protocol(
        "houston_2010",
        "houston_2010.csv.gz",
        "EPSG:32615",
        150,
        "2010-05-03",
        "2010-07-01",
        "7d",
        ("7d",),
        18.38,
        "15.98 / 9.46 / 5.73 / 11.05 / 15.41, best 15.98",
        tuning=("2010-03-01", "2010-05-03"),
    ),
    Protocol(
        "portland_burglary",
        "portland_burglary.csv.gz",
        "EPSG:32610",
        182.88,
        "2016-03-01",
        "2016-03-02",
        "1d",
        ("7d", "14d", "31d", "61d", "92d"),
        areas_sq_mi=(0.25, 0.75),
    ),
    Protocol(
        "portland_vehicle_theft",
        "portland_vehicle_theft.csv.gz",
        "EPSG:32610",
        182.88,
        "2016-03-01",
        "2016-03-02",
        "1d",
        ("7d", "14d", "31d", "61d", "92d"),
        areas_sq_mi=(0.25, 0.75),
    ),
]


def run_protocol(p: Protocol, models: tuple[str, ...], tuning: bool = False) -> list[dict]:
    events = read_incidents([DATA / p.file], p.crs)
    grid = Grid.from_events(events, p.cell)
    start, end = p.tuning if tuning and p.tuning else (p.start, p.end)
    rows = []
    for horizon in p.horizons:
        win = windows(
            date.fromisoformat(start),
            date.fromisoformat(end),
            parse_step(p.every),
            parse_step(horizon),
        )
        origins = [w[2] for w in win]
        horizons = [w[3] for w in win]
        for name in models:
            result = backtest(
                name,
                events,
                grid,
                origins,
                horizons,
                areas_m2=[a * SQUARE_MILE_M2 for a in p.areas_sq_mi],
            )
            rows.append(
                {
                    "protocol": p.key,
                    "horizon": horizon,
                    "model": name,
                    "n_ref": grid.n_region,
                    "origins": len(origins),
                    "seconds": result.seconds,
                    "metrics": result.metrics(),
                }
            )
            m = {r["level"]: r for r in rows[-1]["metrics"]}
            print(
                f"{p.key:24s} {horizon:>4s} {name:14s} PAI@1% {m['1%']['pai']:6.2f} "
                f"@5% {m['5%']['pai']:5.2f} @10% {m['10%']['pai']:5.2f} "
                f"PEI@1% {m['1%']['pei']:.3f}  {result.seconds:6.1f}s",
                flush=True,
            )
    return rows


def timing_100k() -> dict:
    """`best` for one origin on 100,000 synthetic incidents over a 30 x 30 km city."""
    rng = np.random.default_rng(7)
    n = 100_000
    centres = rng.uniform(0, 30_000, size=(400, 2))
    pick = rng.integers(0, 400, size=n)
    xy = centres[pick] + rng.normal(0, 400, size=(n, 2))
    t = np.sort(rng.uniform(0, 730, size=n))
    events = Events(t=t, x=np.clip(xy[:, 0], 0, 30_000), y=np.clip(xy[:, 1], 0, 30_000))
    grid = Grid.from_events(events, 150.0)
    started = time.perf_counter()
    forecast("best", events, grid, origin=700.0, horizon_days=7.0)
    cold = time.perf_counter() - started
    started = time.perf_counter()
    forecast("best", events, grid, origin=701.0, horizon_days=7.0)
    warm = time.perf_counter() - started
    return {"cells": grid.n_region, "cold_s": cold, "next_origin_s": warm}


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--only", default="", help="comma-separated protocol keys (prefixes)")
    ap.add_argument("--models", default=",".join(MODELS))
    ap.add_argument("--no-write", action="store_true", help="print only")
    ap.add_argument("--json", default="", help="also write all numbers to this JSON file")
    ap.add_argument(
        "--period",
        choices=("evaluation", "tuning"),
        default="evaluation",
        help="tuning: origins before each protocol's window (where model choices are made); "
        "never written to docs/benchmarks.md",
    )
    args = ap.parse_args(argv)
    tuning = args.period == "tuning"
    wanted = [w for w in args.only.split(",") if w]
    protocols = [p for p in PROTOCOLS if not wanted or any(p.key.startswith(w) for w in wanted)]
    if tuning:
        protocols = [p for p in protocols if p.tuning]
    models = tuple(m for m in args.models.split(",") if m)
    started = time.perf_counter()
    rows = []
    for p in protocols:
        rows.extend(run_protocol(p, models, tuning))
    total = time.perf_counter() - started
    timing = timing_100k() if not wanted and not tuning else None
    if timing:
        print(f"best, one origin, 100k incidents: {timing}")
    print(f"total {total:.1f}s")
    if args.json:
        Path(args.json).write_text(json.dumps({"rows": rows, "total_s": total, "timing": timing}))
    if not args.no_write and not tuning:
        from benchmarks.forecasting_report import write_markdown

        write_markdown(protocols, rows, total, timing, " ".join(sys.argv[1:]))


if __name__ == "__main__":
    main()
