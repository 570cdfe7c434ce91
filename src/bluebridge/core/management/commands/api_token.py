"""`bluebridge api-token`: create, list or revoke a staff member's personal API tokens."""

from __future__ import annotations

from argparse import ArgumentParser
from typing import Any

from django.contrib.auth.models import User
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from bluebridge.core import audit
from bluebridge.core.models import ApiToken, AuditEvent, hash_secret
from bluebridge.core.roles import is_staff_member

ACTOR = "command line"


class Command(BaseCommand):
    help = (
        "Manage staff API tokens (sent as `Authorization: Bearer <token>`). "
        "`create USERNAME [--name N]` prints a new token once (only its hash is kept); "
        "`list [USERNAME]` shows tokens without their secrets; `revoke ID` stops one working. "
        "Every change is written to the audit log."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        actions = parser.add_subparsers(dest="action", metavar="create|list|revoke")
        actions.required = True
        create = actions.add_parser("create", help="create a token and print it once")
        create.add_argument("username")
        create.add_argument("--name", default="command line", help="what the token is for")
        listing = actions.add_parser("list", help="list tokens, of everyone or of one person")
        listing.add_argument("username", nargs="?")
        revoke = actions.add_parser("revoke", help="revoke a token by its ID (see list)")
        revoke.add_argument("id", type=int)

    def handle(self, *args: Any, **options: Any) -> None:
        action = options["action"]
        if action == "create":
            self._create(options["username"], options["name"])
        elif action == "list":
            self._list(options.get("username"))
        else:
            self._revoke(options["id"])

    def _user(self, username: str) -> User:
        user = User.objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"username: no account called {username!r}")
        if not user.is_active:
            raise CommandError(f"username: the account {username!r} is deactivated")
        return user

    @transaction.atomic
    def _create(self, username: str, name: str) -> None:
        user = self._user(username)
        name = name.strip()
        if not name or len(name) > 100:
            raise CommandError("--name: give a name of 1 to 100 characters")
        if not is_staff_member(user):
            raise CommandError(
                f"username: {username!r} holds no staff role; API tokens are for staff"
            )
        secret = ApiToken.generate()
        token = ApiToken.objects.create(
            user=user, name=name, token_hash=hash_secret(secret), hint=secret[:8]
        )
        audit.record(
            AuditEvent.CREATE,
            "api_token",
            str(token.pk),
            summary=f"token {name!r} for {username}",
            actor_label=ACTOR,
        )
        self.stdout.write(f"Token {token.pk} ({name}) for {username}. It is shown only this once:")
        self.stdout.write(secret)

    def _list(self, username: str | None) -> None:
        tokens = ApiToken.objects.select_related("user").order_by("user__username", "id")
        if username:
            tokens = tokens.filter(user=self._user(username))
        rows = [
            (
                str(t.pk),
                t.user.username,
                t.name,
                t.hint + "…",
                f"{timezone.localtime(t.created_at):%Y-%m-%d %H:%M}",
                f"{timezone.localtime(t.last_used_at):%Y-%m-%d %H:%M}" if t.last_used_at else "-",
                "active" if t.active else f"revoked {timezone.localtime(t.revoked_at):%Y-%m-%d}",
            )
            for t in tokens
        ]
        if not rows:
            self.stdout.write("No API tokens.")
            return
        header = ("ID", "User", "Name", "Starts", "Created", "Last used", "State")
        widths = [max(len(r[k]) for r in [header, *rows]) for k in range(len(header))]
        for row in [header, *rows]:
            self.stdout.write("  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)))

    @transaction.atomic
    def _revoke(self, token_id: int) -> None:
        token = ApiToken.objects.select_for_update().filter(pk=token_id).first()
        if token is None:
            raise CommandError(f"id: no API token with ID {token_id}")
        if token.revoked_at is not None:
            raise CommandError(f"id: token {token_id} was already revoked")
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        audit.record(
            AuditEvent.REVOKE,
            "api_token",
            str(token.pk),
            summary=f"token {token.name!r} of {token.user.username}",
            actor_label=ACTOR,
        )
        self.stdout.write(f"Revoked token {token_id} ({token.name}) of {token.user.username}.")
