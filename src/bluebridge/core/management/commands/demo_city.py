"""`bluebridge demo-city`: generate the synthetic demo city of Riverton into the database."""

from __future__ import annotations

from argparse import ArgumentParser
from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from bluebridge.core.demo.city import DEFAULT_SEED, DemoCityError, generate


def _date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise ValueError(f"--today must be a date like 2025-06-30, not {value!r}") from exc


class Command(BaseCommand):
    help = (
        "Generate Riverton, a synthetic demo city: 6 districts and 24 beats with population "
        "margins, patrol units, about 150 officers, US federal holidays, one account per role, "
        "the standard catalogue and two years of service requests ending today. The same seed "
        "gives the same city. All names, places and reports are made up."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "--seed", type=int, default=DEFAULT_SEED, help="random seed (default: %(default)s)"
        )
        parser.add_argument(
            "--replace",
            action="store_true",
            help="delete the areas, officers and service requests already in the database first",
        )
        parser.add_argument(
            "--today",
            type=_date,
            default=None,
            help="pretend today is this date (YYYY-MM-DD); default: the real today",
        )
        parser.add_argument(
            "--scale",
            type=float,
            default=1.0,
            help="multiply request volumes (default 1.0: about 12,000 requests over two years)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["scale"] <= 0:
            raise CommandError("--scale must be more than 0")
        try:
            summary = generate(
                options["seed"],
                today=options["today"],
                replace=options["replace"],
                scale=options["scale"],
            )
        except DemoCityError as exc:
            raise CommandError(str(exc)) from exc
        for line in summary.lines():
            self.stdout.write(line)
        self.stdout.write(
            "Demo accounts have no password yet: `bluebridge demo` sets fresh ones and writes "
            "them to demo-credentials.json."
        )
