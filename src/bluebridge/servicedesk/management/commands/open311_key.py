"""`bluebridge open311-key create NAME [--rate-limit N] | list | revoke HINT_OR_ID`."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from bluebridge.servicedesk.open311 import keys
from bluebridge.servicedesk.validation import InvalidRequest


class Command(BaseCommand):
    help = "Issue, list or revoke Open311 API keys. A new key is printed once and never stored."

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True)
        create = actions.add_parser("create", help="issue a key and print it (once)")
        create.add_argument("name", help="who will use it, e.g. 'City 311 app'")
        create.add_argument(
            "--rate-limit",
            type=int,
            default=None,
            help="requests per minute (default: site default)",
        )
        actions.add_parser("list", help="list keys (their hints, never the keys)")
        revoke = actions.add_parser("revoke", help="revoke a key")
        revoke.add_argument(
            "key", metavar="HINT_OR_ID", help="the key's id, or its first characters"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            if options["action"] == "create":
                key, secret = keys.issue(
                    options["name"], rate_limit=options["rate_limit"], actor_label="command line"
                )
                self.stderr.write(
                    f"Issued key {key.pk} for {key.name}. It is shown only now; copy it:"
                )
                self.stdout.write(secret)
            elif options["action"] == "list":
                rows = keys.all_keys()
                if not rows:
                    self.stdout.write("No keys.")
                for key in rows:
                    state = (
                        f"revoked {key.revoked_at:%Y-%m-%d %H:%M}" if key.revoked_at else "active"
                    )
                    limit = key.rate_limit_per_minute or "default"
                    self.stdout.write(f"{key.pk}\t{key.hint}…\t{key.name}\t{limit}/min\t{state}")
            else:
                key = keys.revoke(keys.find(options["key"]), actor_label="command line")
                self.stdout.write(f"Revoked key {key.pk} ({key.hint}…) of {key.name}.")
        except InvalidRequest as exc:
            raise CommandError("; ".join(f"{k}: {v}" for k, v in exc.errors.items())) from exc
