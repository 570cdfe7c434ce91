"""Import a generated million-row incident CSV on SQLite and PostgreSQL: rows/s and peak memory.

    python -m benchmarks.forecasting_import                  # 1,000,000 rows, both databases
    python -m benchmarks.forecasting_import --rows 200000 --no-postgres

The file is the common schema (`id,occurred_at,offense,lat,lon`, gzip), points inside the demo
city's 24 beats, so each row pays for parsing, projection (pyproj), classification,
point-in-area and H3. Each import runs in a fresh child process against a fresh database, so its
peak RSS (getrusage) is the importer's own; a second, smaller file shows whether memory grows
with the file. A re-import of the same file checks idempotency (nothing added). Writes section
`forecasting-import` of docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PG_URL = os.environ.get(
    "BENCH_POSTGRES_URL", "postgres://bluebridge:bluebridge@127.0.0.1:5432/bb_forecasting_bench"
)
OFFENSES = ("burglary", "motor_vehicle_theft", "robbery", "theft", "assault", "narcotics")


def generate(path: Path, rows: int, seed: int = 1) -> None:
    """A gzip common-schema file of `rows` incidents over two years, inside the demo city."""
    import numpy as np

    from bluebridge.core.demo.districts import build_map, city_bbox

    rng = np.random.default_rng(seed)
    lon0, lat0, lon1, lat1 = city_bbox(build_map(__import__("random").Random("7:map")))
    start = np.datetime64("2023-01-01T00:00:00")
    with gzip.open(path, "wt", encoding="utf-8", newline="") as out:
        out.write("id,occurred_at,offense,lat,lon\n")
        done = 0
        while done < rows:
            n = min(100_000, rows - done)
            secs = np.sort(rng.integers(0, 730 * 86400, n))
            when = (start + secs.astype("timedelta64[s]")).astype(str)
            lat = rng.uniform(lat0 + 0.01, lat1 - 0.01, n)
            lon = rng.uniform(lon0 + 0.01, lon1 - 0.01, n)
            kind = rng.integers(0, len(OFFENSES), n)
            out.writelines(
                f"{done + i},{when[i]},{OFFENSES[kind[i]]},{lat[i]:.6f},{lon[i]:.6f}\n"
                for i in range(n)
            )
            done += n


def child(database_url: str, path: Path, batch_size: int) -> None:
    """Run in a fresh process: migrate, load the demo map, import the file twice; print JSON."""
    import random

    import django
    from django.core.management import call_command

    django.setup()
    from bluebridge.core import areas
    from bluebridge.core.demo.districts import build_map, feature_collection
    from bluebridge.forecasting.dbmodels import Incident
    from bluebridge.forecasting.importers import import_file

    call_command("migrate", verbosity=0)
    districts = build_map(random.Random("7:map"))
    areas.load_geojson(feature_collection(districts), kind="district")
    beats = [b for d in districts for b in d.beats]
    areas.load_geojson(
        feature_collection(beats, parent=True), kind="beat", parent_property="parent"
    )
    areas.invalidate_cache()
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.perf_counter()
    batch = import_file(path, format="common", batch_size=batch_size)
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    again_started = time.perf_counter()
    again = import_file(path, format="common", batch_size=batch_size)
    again_seconds = time.perf_counter() - again_started
    result = {
        "rows": batch.rows_read,
        "loaded": batch.rows_loaded,
        "bad": batch.rows_bad,
        "seconds": seconds,
        "rss_before_mib": before / 1024,
        "rss_peak_mib": peak / 1024,
        "reimport_added": again.rows_loaded,
        "reimport_seconds": again_seconds,
        "stored": Incident.objects.count(),
        "with_area": Incident.objects.filter(area__isnull=False).count(),
    }
    print("RESULT " + json.dumps(result))


def run_child(database_url: str, path: Path, batch_size: int, data_dir: Path) -> dict:
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "DJANGO_SETTINGS_MODULE": "bluebridge.settings",
        "SECRET_KEY": "benchmark-secret-key-that-is-long-enough-0123456789",
        "BLUEBRIDGE_DATA_DIR": str(data_dir),
        "ALLOWED_HOSTS": "localhost",
        "LOG_LEVEL": "WARNING",
        "PYTHONPATH": str(Path(__file__).resolve().parent.parent / "src"),
    }
    cmd = [sys.executable, "-m", "benchmarks.forecasting_import", "--child", str(path)]
    cmd += ["--batch-size", str(batch_size), "--database-url", database_url]
    done = subprocess.run(cmd, env=env, capture_output=True, text=True, check=False)
    for line in done.stdout.splitlines():
        if line.startswith("RESULT "):
            return dict(json.loads(line[7:]))
    raise RuntimeError(f"child failed ({done.returncode}):\n{done.stdout}\n{done.stderr}")


def _fresh_postgres() -> None:
    import psycopg

    base, name = PG_URL.rsplit("/", 1)
    with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')


def _row(backend: str, r: dict) -> str:
    rate = r["rows"] / r["seconds"]
    growth = r["rss_peak_mib"] - r["rss_before_mib"]
    return (
        f"| {backend} | {r['rows']:,} | {r['seconds']:.0f} s | {rate:,.0f} | "
        f"{r['rss_before_mib']:.0f} MiB | {r['rss_peak_mib']:.0f} MiB (+{growth:.0f}) | "
        f"{r['reimport_added']} added in {r['reimport_seconds']:.0f} s |"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--small", type=int, default=100_000, help="rows of the comparison file")
    parser.add_argument("--batch-size", type=int, default=2000)
    parser.add_argument("--no-postgres", action="store_true")
    parser.add_argument("--no-write", action="store_true", help="print, do not write the docs")
    parser.add_argument("--child", metavar="FILE")
    parser.add_argument("--database-url")
    args = parser.parse_args()
    if args.child:
        child(args.database_url, Path(args.child), args.batch_size)
        return

    from benchmarks.sections import machine_lines, write_section

    started_lines = machine_lines()
    results: list[tuple[str, dict]] = []
    with tempfile.TemporaryDirectory(prefix="bb-fc-import-") as tmp:
        folder = Path(tmp)
        for rows in (args.small, args.rows):
            path = folder / f"incidents-{rows}.csv.gz"
            t0 = time.perf_counter()
            generate(path, rows)
            print(f"generated {rows:,} rows in {time.perf_counter() - t0:.0f} s", flush=True)
            sqlite = folder / f"sqlite-{rows}"
            sqlite.mkdir()
            url = f"sqlite:///{sqlite / 'bench.sqlite3'}"
            results.append(("SQLite", run_child(url, path, args.batch_size, sqlite)))
            print(_row("SQLite", results[-1][1]), flush=True)
            if not args.no_postgres and rows == args.rows:
                _fresh_postgres()
                results.append(("PostgreSQL", run_child(PG_URL, path, args.batch_size, sqlite)))
                print(_row("PostgreSQL", results[-1][1]), flush=True)
    lines = [
        "## Forecasting: importing incidents (`forecasting-import`)",
        "",
        *started_lines,
        f"- Command: `OMP_NUM_THREADS=2 nice -n 10 .venv/bin/python -m benchmarks.forecasting_import {' '.join(sys.argv[1:])}`".rstrip(),
        "",
        "A generated common-schema file (gzip; id, occurred_at, offense, lat, lon; points inside",
        "the demo city's 24 beats) imported with `bluebridge.forecasting.importers.import_file`,",
        f"batches of {args.batch_size:,} rows, into a fresh database in a fresh process. Each row",
        "is parsed, projected (pyproj, per batch), classified, placed in a beat and an H3 cell.",
        "Peak RSS is the child process's maximum (getrusage); 'before' is after Django setup,",
        "migrations and loading the areas. The same file is then imported again: nothing added.",
        "",
        "| database | rows | time | rows/s | RSS before | peak RSS | re-import |",
        "| --- | ---: | ---: | ---: | ---: | ---: | --- |",
        *(_row(backend, r) for backend, r in results),
    ]
    if args.no_write:
        print("\n".join(lines))
    else:
        write_section("forecasting-import", "\n".join(lines))
        print("wrote section forecasting-import of docs/benchmarks.md")


if __name__ == "__main__":
    main()
