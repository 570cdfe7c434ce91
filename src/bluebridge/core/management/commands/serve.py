"""`bluebridge serve`: the production web server (gunicorn) for this site."""

from __future__ import annotations

import os
import sys
from argparse import ArgumentParser
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError


def default_workers() -> int:
    return 2 * (os.cpu_count() or 1) + 1


class Command(BaseCommand):
    help = (
        "Run Bluebridge under gunicorn (bluebridge.wsgi:application) with production settings: "
        "workers default to 2 × CPU cores + 1, access log to standard output, a request timeout, "
        "and workers recycled now and then. Put a TLS-terminating proxy in front of it and run "
        "`bluebridge worker` beside it. Settings come from the environment (docs/configuration.md)."
    )
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "--bind",
            default="0.0.0.0:8000",
            help="address:port to listen on (default: %(default)s)",
        )
        parser.add_argument(
            "--workers",
            type=int,
            default=default_workers(),
            help="worker processes (default: 2 × cores + 1 = %(default)s)",
        )
        parser.add_argument(
            "--threads", type=int, default=1, help="threads per worker (default: %(default)s)"
        )
        parser.add_argument(
            "--timeout",
            type=int,
            default=60,
            help="seconds before a stuck request's worker is restarted (default: %(default)s)",
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="print the gunicorn command instead of running it",
        )

    def gunicorn_args(self, options: dict[str, Any]) -> list[str]:
        return [
            sys.executable,
            "-m",
            "gunicorn",
            "bluebridge.wsgi:application",
            "--bind",
            options["bind"],
            "--workers",
            str(options["workers"]),
            "--threads",
            str(options["threads"]),
            "--timeout",
            str(options["timeout"]),
            "--graceful-timeout",
            "30",
            "--keep-alive",
            "5",
            "--max-requests",
            "20000",
            "--max-requests-jitter",
            "2000",
            "--preload",
            "--access-logfile",
            "-",
            "--error-logfile",
            "-",
            "--forwarded-allow-ips",
            os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1"),
        ]

    def handle(self, *args: Any, **options: Any) -> None:
        if options["workers"] < 1:
            raise CommandError("--workers must be at least 1")
        if options["threads"] < 1:
            raise CommandError("--threads must be at least 1")
        if options["timeout"] < 1:
            raise CommandError("--timeout must be at least 1 second")
        if ":" not in options["bind"] and not options["bind"].startswith("unix:"):
            raise CommandError("--bind must look like HOST:PORT, e.g. 0.0.0.0:8000")
        argv = self.gunicorn_args(options)
        if options["dry_run"]:
            self.stdout.write(" ".join(argv))
            return
        try:
            import gunicorn  # noqa: F401
        except ImportError as exc:
            raise CommandError("gunicorn is not installed: pip install gunicorn") from exc
        if settings.DEBUG:
            self.stderr.write("Warning: DEBUG is on; turn it off in production (DEBUG=0).")
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bluebridge.settings")
        sys.stdout.flush()
        os.execv(sys.executable, argv)  # noqa: S606 (replace this process with gunicorn)
