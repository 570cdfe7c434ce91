"""Helpers for the benchmarks: the benchmark database and the production web server."""

from __future__ import annotations

import os
import secrets
import shlex
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlencode, urlsplit, urlunsplit

import psycopg

from benchmarks.bench_city import LAT_RANGE, LON_RANGE

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


# --- Database ------------------------------------------------------------------------------------


def database_url(admin_url: str, name: str) -> str:
    parts = urlsplit(admin_url)
    return urlunsplit((parts.scheme, parts.netloc, "/" + name, parts.query, ""))


def recreate_database(admin_url: str, name: str) -> str:
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
        version = conn.execute("SHOW server_version").fetchone()
    return str(version[0]) if version else "unknown"


def drop_database(admin_url: str, name: str) -> None:
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def count_rows(url: str, table: str, condition: str) -> int:
    with psycopg.connect(url) as conn:
        row = conn.execute(f"SELECT count(*) FROM {table} WHERE {condition}").fetchone()  # noqa: S608
    return int(row[0]) if row else 0


# --- Server --------------------------------------------------------------------------------------


def server_env(db_url: str, data_dir: str, settings_module: str) -> dict[str, str]:
    keep = {k: v for k, v in os.environ.items() if k in {"PATH", "HOME", "LANG", "LC_ALL", "TZ"}}
    return {
        **keep,
        "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), str(ROOT)]),
        "DJANGO_SETTINGS_MODULE": settings_module,
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DATABASE_URL": db_url,
        "BLUEBRIDGE_DATA_DIR": data_dir,
        "BLUEBRIDGE_RATE_LIMIT_KEY": "10000000/m",
        "BLUEBRIDGE_RATE_LIMIT_PUBLIC": "10000000/m",
        "LOG_LEVEL": "WARNING",
    }


def have_serve() -> bool:
    """Whether this tree has `bluebridge serve` (else gunicorn runs with the same arguments)."""
    return (ROOT / "src/bluebridge/core/management/commands/serve.py").exists()


def production_workers() -> int:
    """What `bluebridge serve` chooses for this machine: gunicorn's (2 x cores) + 1."""
    if have_serve():
        from bluebridge.core.management.commands.serve import default_workers

        return default_workers()
    return 2 * (os.cpu_count() or 1) + 1


def server_command(port: int, workers: int | None) -> list[str]:
    if have_serve():
        extra = ["--workers", str(workers)] if workers else []
        return [str(BIN / "bluebridge"), "serve", "--bind", f"127.0.0.1:{port}", *extra]
    return [
        str(BIN / "python"),
        "-m",
        "gunicorn",
        "bluebridge.wsgi:application",
        f"--bind=127.0.0.1:{port}",
        f"--workers={workers or production_workers()}",
        "--worker-class=sync",
        "--keep-alive=5",
        "--timeout=60",
        "--access-logfile=-",
        "--error-logfile=-",
    ]


def gunicorn_line(port: int, workers: int | None, env: dict[str, str]) -> str:
    """The exact gunicorn command the server runs (from `bluebridge serve --dry-run`)."""
    command = server_command(port, workers)
    if not have_serve():
        return shlex.join(command[1:])
    out = subprocess.run(
        [*command, "--dry-run"], env=env, cwd=ROOT, capture_output=True, text=True, check=True
    )
    return out.stdout.strip().replace(str(BIN) + "/", "")


def start_server(command: list[str], env: dict[str, str], log: Path) -> subprocess.Popen[bytes]:
    handle = log.open("wb")
    return subprocess.Popen(
        command, env=env, cwd=ROOT, stdout=handle, stderr=subprocess.STDOUT, start_new_session=True
    )


def stop_server(proc: subprocess.Popen[bytes]) -> None:
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()


def probe(url: str, api_key: str, proc: subprocess.Popen[bytes], log: Path) -> None:
    """Wait until the server answers one real POST with 201."""
    body = urlencode(
        {
            "service_code": "graffiti",
            "lat": f"{sum(LAT_RANGE) / 2:.6f}",
            "long": f"{sum(LON_RANGE) / 2:.6f}",
            "description": "Probe before the load benchmark",
            "api_key": api_key,
        }
    ).encode()
    parts = urlsplit(url)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"server exited early:\n{log.read_text(errors='replace')[-3000:]}")
        try:
            with socket.create_connection((parts.hostname, parts.port or 80), timeout=1):
                pass
        except OSError:
            time.sleep(0.2)
            continue
        request = urllib.request.Request(url, data=body, method="POST")  # noqa: S310
        request.add_header("Content-Type", "application/x-www-form-urlencoded")
        try:
            with urllib.request.urlopen(request, timeout=10) as answer:  # noqa: S310
                status, text = answer.status, answer.read().decode(errors="replace")
        except urllib.error.HTTPError as exc:
            status, text = exc.code, exc.read().decode(errors="replace")
        if status == 201:
            return
        raise SystemExit(f"POST {url} answered {status}, not 201:\n{text[:2000]}")
    raise SystemExit(
        f"server did not answer within 60 s:\n{log.read_text(errors='replace')[-3000:]}"
    )
