"""The `bluebridge` command: Bluebridge's own commands plus every Django management command."""

from __future__ import annotations

import os
import sys

COMMANDS: dict[str, tuple[str, str]] = {
    # name shown to people: (management command, one-line help)
    "demo": (
        "demo",
        "Migrate, load the demo city, write demo logins and serve with a worker beside it",
    ),
    "demo-city": ("demo_city", "Generate the synthetic demo city (--seed N) into the database"),
    "serve": ("serve", "Run the production web server (gunicorn) for this site"),
    "worker": ("worker", "Run background tasks: notifications and scheduled jobs"),
    "migrate": ("migrate", "Create or update the database tables"),
    "load-areas": ("load_areas", "Load districts or beats from a GeoJSON file"),
    "api-token": ("api_token", "Create, list or revoke a staff member's API tokens"),
    "open311-key": ("open311_key", "Issue, list or revoke Open311 API keys"),
    "assistant": ("assistant", "Citizen assistant: ask questions, benchmark the intent engine"),
    "forecast": ("forecast", "Crime forecasts: import incidents, predict, backtest, report"),
    "feedback": ("feedback", "Feedback text: sentiment, recurring themes, benchmarks"),
    "createsuperuser": ("createsuperuser", "Create an administrator account"),
}

USAGE = """usage: bluebridge [--data-dir DIR] <command> [options]

Bluebridge: a community-service platform for police departments.

Commands:
{commands}

Every Django management command works too (`bluebridge help --all` lists them);
`bluebridge <command> --help` explains one command.

Settings come from environment variables (see docs/configuration.md), among them:
  BLUEBRIDGE_DATA_DIR  where state lives: SQLite file, uploads, models (default ./var)
  DATABASE_URL         postgres://user:pass@host:5432/name (default: SQLite in the data directory)
  DEBUG, SECRET_KEY, ALLOWED_HOSTS
"""


def _usage() -> str:
    width = max(len(n) for n in COMMANDS)
    lines = [f"  {name.ljust(width)}  {text}" for name, (_, text) in COMMANDS.items()]
    return USAGE.format(commands="\n".join(lines))


def _pop_data_dir(argv: list[str]) -> list[str]:
    """Take --data-dir DIR (anywhere) into BLUEBRIDGE_DATA_DIR, before settings load."""
    out: list[str] = []
    i = 0
    while i < len(argv):
        arg = argv[i]
        if arg == "--data-dir" and i + 1 < len(argv):
            os.environ["BLUEBRIDGE_DATA_DIR"] = argv[i + 1]
            i += 2
            continue
        if arg.startswith("--data-dir="):
            os.environ["BLUEBRIDGE_DATA_DIR"] = arg.split("=", 1)[1]
            i += 1
            continue
        out.append(arg)
        i += 1
    return out


def main(argv: list[str] | None = None) -> None:
    args = _pop_data_dir(list(sys.argv[1:] if argv is None else argv))
    if not args or args[0] in {"-h", "--help"} or args == ["help"]:
        sys.stdout.write(_usage())
        return
    if args[:2] == ["help", "--all"]:
        args = ["help"]
    name = args[0]
    command = COMMANDS.get(name, (name, ""))[0]
    if command == "demo":
        # The demo is a development server: debug pages on, e-mail written to files.
        os.environ.setdefault("DEBUG", "1")
    elif any(a in {"-h", "--help"} for a in args[1:]):
        # Printing a command's help starts nothing, so it needs no production settings.
        os.environ.setdefault("DEBUG", "1")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bluebridge.settings")
    from django.core.exceptions import ImproperlyConfigured
    from django.core.management import execute_from_command_line

    try:
        execute_from_command_line(["bluebridge", command, *args[1:]])
    except ImproperlyConfigured as exc:
        # Unsafe or missing settings: say what to set, without a traceback.
        sys.stderr.write(f"bluebridge: {exc}\n(see docs/configuration.md)\n")
        raise SystemExit(2) from None


if __name__ == "__main__":
    main()
