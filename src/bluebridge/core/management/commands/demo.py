"""`bluebridge demo`: everything needed to try Bluebridge on one machine, then serve it.

Migrates the database, loads the synthetic city of Riverton if no city is loaded, gives every
demo account a fresh password and API token, issues an Open311 key, writes them all to
DATA_DIR/demo-credentials.json (mode 0600), prints the logins, then runs the development server
with `bluebridge worker` beside it (the worker stops when the server does).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from argparse import ArgumentParser
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from bluebridge.core.demo import credentials
from bluebridge.core.demo.city import DEFAULT_SEED, DemoCityError, generate, is_loaded


def _display_host(host: str) -> str:
    if host in {"0.0.0.0", "::", ""}:  # noqa: S104 (only used to print a URL)
        return "127.0.0.1"
    return f"[{host}]" if ":" in host else host


def _interrupt(signum: int, frame: Any) -> None:
    raise KeyboardInterrupt


class Command(BaseCommand):
    help = (
        "Migrate, load the demo city if none is loaded, (re)set the demo logins and API tokens, "
        "write them to DATA_DIR/demo-credentials.json, and serve the site on HOST:PORT with a "
        "background worker beside it. Stop with Ctrl-C. For trying Bluebridge out, not for "
        "production (use `bluebridge serve` and `bluebridge worker` there)."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--host", default="127.0.0.1", help="address to listen on")
        parser.add_argument("--port", type=int, default=8000, help="port to listen on")
        parser.add_argument(
            "--seed", type=int, default=DEFAULT_SEED, help="demo city seed (default: %(default)s)"
        )
        parser.add_argument(
            "--scale", type=float, default=1.0, help="multiply demo request volumes (default 1.0)"
        )
        parser.add_argument(
            "--no-serve",
            action="store_true",
            help="prepare everything and write the credentials, but do not start the server",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        host, port = options["host"], options["port"]
        if not 0 < port < 65536:
            raise CommandError(f"--port must be between 1 and 65535, not {port}")
        self.stdout.write("Preparing the database (migrate)...")
        call_command("migrate", interactive=False, verbosity=0)
        if is_loaded():
            self.stdout.write("A city is already loaded; keeping it.")
        else:
            self.stdout.write("Generating the synthetic demo city of Riverton...")
            try:
                summary = generate(options["seed"], scale=options["scale"])
            except DemoCityError as exc:
                raise CommandError(str(exc)) from exc
            for line in summary.lines():
                self.stdout.write(line)
        base_url = f"http://{_display_host(host)}:{port}"
        creds = credentials.issue(base_url)
        path = credentials.write(creds, settings.DATA_DIR)
        self._welcome(creds, path)
        if options["no_serve"]:
            return
        self._serve(host, port)

    def _welcome(self, creds: credentials.Credentials, path: os.PathLike[str]) -> None:
        urls = creds.urls()
        out = self.stdout.write
        out("")
        out(self.style.SUCCESS("Bluebridge demo: Riverton Police Department (all data made up)"))
        out("")
        for line in credentials.table(creds):
            out("  " + line)
        out("")
        out(f"  Site for residents   {urls['site']}")
        out(f"  Staff sign-in        {urls['staff_login']}")
        out(f"  API docs (OpenAPI)   {urls['api_docs']}")
        out(f"  Open311 discovery    {urls['open311_discovery']}")
        out("")
        out(f"  Passwords, API tokens and the Open311 key are in {path} (mode 0600).")
        out("  They change every time `bluebridge demo` runs.")
        out("")

    def _serve(self, host: str, port: int) -> None:
        env = dict(os.environ)
        env["BLUEBRIDGE_DATA_DIR"] = str(settings.DATA_DIR)
        env.setdefault("DEBUG", "1" if settings.DEBUG else "0")
        worker_cmd = [sys.executable, "-m", "bluebridge.cli", "worker", "--no-reload"]
        self.stdout.write("Starting the background worker: " + " ".join(worker_cmd[2:]))
        worker = subprocess.Popen(worker_cmd, env=env)  # noqa: S603
        addrport = f"[{host}]:{port}" if ":" in host else f"{host}:{port}"
        # Ctrl-C and SIGTERM both stop the server cleanly, and with it the worker.
        signal.signal(signal.SIGINT, signal.default_int_handler)
        signal.signal(signal.SIGTERM, _interrupt)
        try:
            call_command(
                "runserver", addrport, use_reloader=False, use_ipv6=":" in host, skip_checks=False
            )
        except KeyboardInterrupt:
            pass
        finally:
            if worker.poll() is None:
                worker.terminate()
                try:
                    worker.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    worker.kill()
                    worker.wait()
            self.stdout.write("Stopped the server and the worker.")
