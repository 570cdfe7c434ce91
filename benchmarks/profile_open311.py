"""Where the time of one Open311 POST goes: queries per request and a cProfile summary.

    .venv/bin/python -m benchmarks.profile_open311 --requests 300

Creates a fresh PostgreSQL database (like servicedesk_load.py), then sends the POSTs in this
process through Django's test client with production settings (DEBUG off), counting the SQL
statements of one request and profiling all of them. No server and no network.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import secrets
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.harness import (  # noqa: E402
    BIN,
    database_url,
    drop_database,
    recreate_database,
    server_env,
)
from benchmarks.servicedesk_load import BARE_PATH, OPEN311_PATH  # noqa: E402

ROUNDS = 5


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument(
        "--pg-url",
        default=os.environ.get(
            "BENCH_PG_URL", "postgres://bluebridge:bluebridge@127.0.0.1:5432/postgres"
        ),
    )
    p.add_argument("--database", default="bluebridge_profile")
    p.add_argument("--requests", type=int, default=300)
    p.add_argument("--top", type=int, default=35)
    args = p.parse_args()

    db_url = database_url(args.pg_url, args.database)
    recreate_database(args.pg_url, args.database)
    env = server_env(
        db_url, tempfile.mkdtemp(prefix="bluebridge-profile-"), "benchmarks.bareapp.settings"
    )
    env["ALLOWED_HOSTS"] = "testserver,127.0.0.1"
    try:
        subprocess.run([str(BIN / "bluebridge"), "migrate", "-v", "0"], env=env, check=True)
        out = subprocess.run(
            [str(BIN / "python"), "-m", "benchmarks.bench_city"],
            env=env,
            check=True,
            capture_output=True,
            text=True,
        )
        api_key = out.stdout.strip().splitlines()[-1]
        os.environ.update(env)
        return profile(api_key, args.requests, args.top)
    finally:
        from django.db import connections

        connections.close_all()
        drop_database(args.pg_url, args.database)


def _server_side(connection: Any) -> tuple[float, int]:
    """CPU seconds of this connection's PostgreSQL backend so far (read from /proc, so only for
    a local server; 0 elsewhere) and the WAL insert position in bytes."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid(), pg_current_wal_insert_lsn() - '0/0'::pg_lsn")
        pid, lsn = cursor.fetchone()
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        seconds = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except OSError:
        seconds = 0.0
    return seconds, int(lsn)


def profile(api_key: str, count: int, top: int) -> int:
    import django

    django.setup()
    from django.core.handlers.wsgi import WSGIHandler
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    # Django's WSGI handler called directly, as gunicorn calls it (the test client would add
    # its own request building and signal handling to every POST).
    handler = WSGIHandler()

    def post(n: int, path: str = OPEN311_PATH) -> int:
        body = urlencode(
            {
                "service_code": "graffiti",
                "lat": f"{40.001 + (n % 97) * 0.0001:.6f}",
                "long": f"{-90.019 + (n % 89) * 0.0002:.6f}",
                "description": f"Profile {n} {secrets.token_hex(4)}",
                "api_key": api_key,
            }
        ).encode()
        environ = {
            "REQUEST_METHOD": "POST",
            "PATH_INFO": path,
            "QUERY_STRING": "",
            "SERVER_NAME": "127.0.0.1",
            "SERVER_PORT": "8731",
            "SERVER_PROTOCOL": "HTTP/1.1",
            "REMOTE_ADDR": "127.0.0.1",
            "CONTENT_TYPE": "application/x-www-form-urlencoded",
            "CONTENT_LENGTH": str(len(body)),
            "HTTP_HOST": "127.0.0.1",
            "HTTP_USER_AGENT": "wrk",
            "wsgi.input": io.BytesIO(body),
            "wsgi.url_scheme": "http",
            "wsgi.errors": sys.stderr,
            "wsgi.version": (1, 0),
            "wsgi.multithread": False,
            "wsgi.multiprocess": True,
            "wsgi.run_once": False,
        }
        status: list[str] = []
        response = handler(environ, lambda s, headers, exc_info=None: status.append(s))
        b"".join(response)
        response.close()
        return int(status[0].split()[0])

    for n in range(20):  # warm caches: catalogue, areas, calendar, URL resolver
        assert post(n) == 201
    with CaptureQueriesContext(connection) as queries:
        assert post(10_000) == 201
    print(f"SQL statements in one POST: {len(queries.captured_queries)}")
    for q in queries.captured_queries:
        print(f"  {q['time']}s  {q['sql'][:160]}")

    for n in range(20):
        assert post(n, BARE_PATH) == 201
    if os.environ.get("PROFILE_GC") == "off":
        import gc

        gc.disable()
    print(
        "\nWithout the profiler (CPU = this process only; the rest of wall is PostgreSQL), "
        f"{ROUNDS} alternating rounds; the least CPU per round is the least disturbed one:"
    )
    cpu_ms: dict[str, list[float]] = {"bare view": [], "Open311": []}
    pg_ms: dict[str, list[float]] = {"bare view": [], "Open311": []}
    wal: dict[str, list[float]] = {"bare view": [], "Open311": []}
    for _ in range(ROUNDS):
        for label, path in (("bare view", BARE_PATH), ("Open311", OPEN311_PATH)):
            pg, lsn = _server_side(connection)
            cpu = time.process_time()
            for n in range(count):
                post(30_000 + n, path)
            cpu_ms[label].append((time.process_time() - cpu) / count * 1000)
            pg_after, lsn_after = _server_side(connection)
            pg_ms[label].append((pg_after - pg) / count * 1000)
            wal[label].append((lsn_after - lsn) / count)
    for label, found in cpu_ms.items():
        rounds = ", ".join(f"{ms:.2f}" for ms in found)
        print(f"  {label:10} least {min(found):.2f} ms CPU per POST (rounds: {rounds})")
        print(
            f"  {'':10} PostgreSQL backend, least {min(pg_ms[label]):.2f} ms CPU per POST; "
            f"WAL written {min(wal[label]):.0f} bytes per POST"
        )
    print(
        f"  Open311 / bare view, least CPU: {min(cpu_ms['Open311']) / min(cpu_ms['bare view']):.2f}"
    )

    profiler = cProfile.Profile()
    started = time.perf_counter()
    profiler.enable()
    for n in range(count):
        post(20_000 + n)
    profiler.disable()
    elapsed = time.perf_counter() - started
    print(f"\n{count} POSTs in {elapsed:.2f} s: {elapsed / count * 1000:.2f} ms each (profiled)")
    text = io.StringIO()
    stats = pstats.Stats(profiler, stream=text).sort_stats("cumulative")
    stats.print_stats(os.environ.get("PROFILE_FILTER", ""), top)
    print(text.getvalue())
    text = io.StringIO()
    pstats.Stats(profiler, stream=text).sort_stats("tottime").print_stats(top)
    print(text.getvalue())
    return 0


if __name__ == "__main__":
    sys.exit(main())
