"""`bluebridge feedback ...`: subcommands registered by modules listed in SUBCOMMAND_MODULES.

To add a subcommand, write a module with `register(subparsers)` that adds parsers and sets
`handler=` (a function taking the options dict and returning (payload, text)); raise
`bluebridge.feedback.text.cli.InputError` (or ValueError) for bad input. Then list the module here.
"""

from __future__ import annotations

import json
from importlib import import_module
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

SUBCOMMAND_MODULES = ["bluebridge.feedback.text.cli"]


class Command(BaseCommand):
    help = "Feedback text: sentiment, recurring themes, benchmarks"
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        subparsers = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
        for name in SUBCOMMAND_MODULES:
            import_module(name).register(subparsers)

    def handle(self, *args: Any, **options: Any) -> None:
        handler = options.get("handler")
        if handler is None:
            raise CommandError("choose an action; see `bluebridge feedback --help`")
        try:
            payload, text = handler(options)
        except ValueError as error:
            raise CommandError(str(error)) from error
        if options.get("json"):
            self.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2))
        else:
            self.stdout.write(text)
