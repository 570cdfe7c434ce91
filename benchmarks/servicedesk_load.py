"""Service-desk load benchmark: sustained Open311 request creation beside a bare Django view.

    .venv/bin/python -m benchmarks.servicedesk_load            # writes docs/benchmarks.md

What it does, all on this machine (loopback only):
1. creates a fresh PostgreSQL database (default bluebridge_bench), migrates it, loads a minimal
   city (areas + the standard catalogue) and issues an Open311 key with a very high rate limit;
2. for each target (the bare one-INSERT view, then `POST /open311/v2/requests.json`) starts the
   production web server (DEBUG off; `bluebridge serve` when it exists, else gunicorn with the
   same settings), checks one POST answers 201, runs a warm-up, then a measured closed-loop load
   with wrk (or a Python asyncio client when wrk is missing), counts the rows created in the
   database, and stops the server;
3. writes the results, their ratio, the machine and the exact settings to docs/benchmarks.md.

Needs PostgreSQL reachable with a role that may create databases (see --pg-url). Exits 1 when a
run had errors or created a different number of rows than the 201 answers say.
"""

from __future__ import annotations

import argparse
import os
import shlex
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks import cpu_accounting, loadgen, report  # noqa: E402
from benchmarks.harness import (  # noqa: E402
    BIN,
    count_rows,
    database_url,
    drop_database,
    gunicorn_line,
    have_serve,
    probe,
    production_workers,
    recreate_database,
    server_command,
    server_env,
    start_server,
    stop_server,
)

OPEN311_PATH = "/open311/v2/requests.json"
BARE_PATH = "/bench/bare/"
TARGETS = {
    # name: (path, settings module, table, extra SQL condition for rows that count)
    "bare": (BARE_PATH, "benchmarks.bareapp.settings", "bareapp_barereport", "TRUE"),
    "open311": (
        OPEN311_PATH,
        "bluebridge.settings",
        "servicedesk_servicerequest",
        "channel = 'open311'",
    ),
}
LABELS = {"bare": "Bare Django view (1 INSERT)", "open311": "Open311 create request"}


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument(
        "--pg-url",
        default=os.environ.get(
            "BENCH_PG_URL", "postgres://bluebridge:bluebridge@127.0.0.1:5432/postgres"
        ),
        help="PostgreSQL URL of a role that may create databases (its database is only used to "
        "create the benchmark one); env BENCH_PG_URL",
    )
    p.add_argument("--database", default="bluebridge_bench", help="database to (re)create")
    p.add_argument(
        "--workers", type=int, default=None, help="gunicorn workers (default: production's)"
    )
    p.add_argument("--concurrency", type=int, default=8, help="open connections (default 8)")
    p.add_argument("--warmup", type=int, default=20, help="warm-up seconds, not measured (20)")
    p.add_argument("--duration", type=int, default=30, help="measured seconds (30)")
    p.add_argument(
        "--rounds", type=int, default=1, help="take turns this many times; the median counts (1)"
    )
    p.add_argument("--client", choices=["auto", "wrk", "python"], default="auto")
    p.add_argument("--targets", default="bare,open311", help="comma-separated: bare,open311")
    p.add_argument("--port", type=int, default=8731, help="loopback port for the server")
    p.add_argument("--output", type=Path, default=ROOT / "docs" / "benchmarks.md")
    p.add_argument("--keep-db", action="store_true", help="leave the benchmark database behind")
    args = p.parse_args(argv)
    unknown = set(args.targets.split(",")) - set(TARGETS)
    if unknown:
        p.error(f"--targets: unknown {sorted(unknown)}; choose from {sorted(TARGETS)}")
    host = urlsplit(args.pg_url).hostname
    if host not in {"127.0.0.1", "localhost", "::1"}:
        p.error("--pg-url must point at a local PostgreSQL (127.0.0.1)")
    return args


# --- One target ------------------------------------------------------------------------------------


def measure(
    name: str,
    args: argparse.Namespace,
    db_url: str,
    api_key: str,
    workdir: Path,
    notes: list[str],
    tag: str = "",
) -> tuple[report.Run, list[str], str]:
    """Serve one target, load it, and return the run, any problems and a line on the server."""
    who = f"{name}{tag}"
    path, settings_module, table, condition = TARGETS[name]
    command = server_command(args.port, args.workers)
    env = server_env(db_url, str(workdir / "data"), settings_module)
    log = workdir / f"server-{name}.log"
    url = f"http://127.0.0.1:{args.port}{path}"
    print(f"[{name}] starting: {shlex.join(command)}", flush=True)
    proc = start_server(command, env, log)
    try:
        probe(url, api_key, proc, log)
        print(f"[{name}] warm-up {args.warmup}s at concurrency {args.concurrency}", flush=True)
        loadgen.run_load(
            url,
            api_key=api_key,
            concurrency=args.concurrency,
            seconds=args.warmup,
            client=args.client,
        )
        time.sleep(1.0)  # let answers still in flight from the warm-up land before counting
        before = count_rows(db_url, table, condition)
        print(f"[{name}] measuring {args.duration}s", flush=True)
        cpu_before = cpu_accounting.snapshot()
        result = loadgen.run_load(
            url,
            api_key=api_key,
            concurrency=args.concurrency,
            seconds=args.duration,
            client=args.client,
        )
        time.sleep(1.0)  # answers still in flight when the client stopped
        cpu = cpu_accounting.spent(cpu_before, cpu_accounting.snapshot())
        created = count_rows(db_url, table, condition) - before
    finally:
        stop_server(proc)
    ok = result.count(201)
    print(
        f"[{name}] {result.per_second:.1f} req/s, p50 {result.p50_ms:.1f} ms, "
        f"p99 {result.p99_ms:.1f} ms, {result.requests} answers, {ok} x 201, "
        f"{result.errors} errors, {created} rows",
        flush=True,
    )
    problems = []
    if result.errors:
        problems.append(
            f"{who}: {result.errors} errors (statuses {result.statuses}, socket {result.socket_errors})"
        )
    if not ok <= created <= ok + args.concurrency:
        problems.append(f"{who}: {ok} answers were 201 but {created} rows were created")
    log_text = log.read_text(errors="replace")
    boots = log_text.count("Booting worker with pid")
    workers = args.workers or production_workers()
    if boots > workers:
        notes.append(
            f"{who}: gunicorn booted {boots} workers for {workers} slots: {boots - workers} "
            "were recycled (`--max-requests`) during the run, each re-importing Django"
        )
    errors_seen = log_text.count("Traceback")
    if errors_seen:
        notes.append(f"{who}: the server log shows {errors_seen} tracebacks")
    server = (
        f"- {LABELS[name]}: `{shlex.join([Path(command[0]).name, *command[1:]])}` with "
        f"DJANGO_SETTINGS_MODULE={settings_module}, which runs "
        f"`{gunicorn_line(args.port, args.workers, env)}`"
    )
    per_request = ", ".join(
        f"{group} {seconds * 1000 / max(result.requests, 1):.2f}" for group, seconds in cpu.items()
    )
    print(f"[{name}] CPU ms per request: {per_request}", flush=True)
    return report.Run(LABELS[name], path, result, created, cpu), problems, server


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    started = datetime.now(UTC)
    load_before = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    db_url = database_url(args.pg_url, args.database)
    pg_version = recreate_database(args.pg_url, args.database)
    print(f"PostgreSQL {pg_version}: database {args.database} created", flush=True)
    workdir = Path(tempfile.mkdtemp(prefix="bluebridge-bench-"))
    setup_env = server_env(db_url, str(workdir / "data"), "benchmarks.bareapp.settings")
    try:
        subprocess.run(
            [str(BIN / "bluebridge"), "migrate", "--noinput", "-v", "0"],
            env=setup_env,
            cwd=ROOT,
            check=True,
        )
        out = subprocess.run(
            [str(BIN / "python"), "-m", "benchmarks.bench_city"],
            env=setup_env,
            cwd=ROOT,
            check=True,
            capture_output=True,
            text=True,
        )
        api_key = out.stdout.strip().splitlines()[-1]
        runs: dict[str, list[report.Run]] = {}
        problems: list[str] = []
        server_lines: dict[str, str] = {}
        notes: list[str] = []
        # Targets take turns, round after round, so a busy moment on the machine hits both.
        for number in range(1, args.rounds + 1):
            for name in args.targets.split(","):
                tag = f", round {number}" if args.rounds > 1 else ""
                run, found, line = measure(name, args, db_url, api_key, workdir, notes, tag)
                run.name += tag
                runs.setdefault(name, []).append(run)
                problems += found
                server_lines[name] = line
    finally:
        if not args.keep_db:
            drop_database(args.pg_url, args.database)

    workers = args.workers or production_workers()
    client = next(iter(runs.values()))[0].result.client
    middle = {name: report.median_run(found) for name, found in runs.items()}
    client_version = (
        loadgen.wrk_version()
        if client == "wrk"
        else "Python asyncio client (wrk missing or --client python)"
    )
    argv_text = shlex.join(sys.argv[1:] if argv is None else argv)
    command = f".venv/bin/python -m benchmarks.servicedesk_load {argv_text}".rstrip()
    chosen = "given with --workers" if args.workers else "production's default: 2 x cores + 1"
    server = [
        f"- gunicorn ({'via `bluebridge serve`' if have_serve() else 'run directly'}), "
        f"{workers} sync workers ({chosen}), 1 thread each, "
        "bound to 127.0.0.1, access log on (written to a file)",
        "- Settings: DEBUG=0, a random SECRET_KEY, ALLOWED_HOSTS=127.0.0.1, DATABASE_URL to the "
        f"fresh `{args.database}` database (CONN_MAX_AGE 60 s), local-memory cache, "
        "rate limits raised to 10,000,000/min so they count but never refuse",
        *server_lines.values(),
        "- The server, PostgreSQL and the load generator share this machine's cores.",
    ]
    load = [
        f"- Client: {client}, {args.concurrency} connections, closed loop (each connection "
        "sends its next request when the answer arrives); gunicorn's sync workers close the "
        "connection after each answer, so every request opens a new TCP connection, as it "
        "would from a proxy without upstream keep-alive",
        f"- Warm-up {args.warmup} s (not counted), then {args.duration} s measured, per target "
        f"and round; {args.rounds} round(s), the targets taking turns; with several rounds the "
        "targets and ratio below the table use each target's median round (by requests/s)",
        "- Body: `service_code=graffiti&lat=..&long=..&description=..&api_key=..` "
        "(form-encoded, about 150 bytes, a random point inside the city, no e-mail so no "
        "notification is queued)",
        "- Rows created are counted in the database before and after the measured window; "
        "errors are answers other than 201 plus socket errors and timeouts.",
    ]
    text = report.render(
        date=started.strftime("%Y-%m-%d %H:%M UTC"),
        command=command,
        machine=report.machine_lines(pg_version, client_version, load_before),
        server=server,
        load=load,
        runs=[run for found in runs.values() for run in found],
        open311=middle.get("open311"),
        bare=middle.get("bare"),
        notes=problems + notes,
    )
    report.write(args.output, text)
    print(f"wrote {args.output}")
    for problem in problems:
        print(f"PROBLEM: {problem}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
