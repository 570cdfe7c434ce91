"""Fresh demo logins: a new password and API token for every demo account, an Open311 key,
all written to demo-credentials.json (readable by its owner only)."""

from __future__ import annotations

import json
import os
import secrets
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone

from bluebridge.core import audit, roles
from bluebridge.core.demo.people import DEMO_ACCOUNTS, ROLE_ABILITIES, ensure_accounts
from bluebridge.core.models import ApiToken, AuditEvent, hash_secret
from bluebridge.servicedesk.models import Open311ApiKey
from bluebridge.servicedesk.open311 import keys as open311_keys

FILENAME = "demo-credentials.json"
TOKEN_NAME = "demo"  # noqa: S105 (a label, not a secret)
OPEN311_KEY_NAME = "Demo Open311 client"
ACTOR = "bluebridge demo"


@dataclass(frozen=True)
class Login:
    role: str
    role_name: str
    username: str
    password: str
    api_token: str | None  # staff only
    can: str


@dataclass(frozen=True)
class Credentials:
    base_url: str
    logins: list[Login]
    open311_api_key: str

    def urls(self) -> dict[str, str]:
        base = self.base_url
        return {
            "site": f"{base}/",
            "report_an_issue": f"{base}/report/",
            "staff_login": f"{base}/accounts/login/",
            "staff_home": f"{base}/staff/",
            "api_docs": f"{base}/api/docs",
            "openapi_schema": f"{base}/api/openapi.json",
            "open311_discovery": f"{base}/open311/v2/discovery.json",
            "open311_services": f"{base}/open311/v2/services.json",
        }

    def as_json(self) -> dict[str, Any]:
        return {
            "note": (
                "Synthetic demo data for the made-up city of Riverton. These logins work only "
                "against this demo database; `bluebridge demo` replaces them every time it runs."
            ),
            "generated_at": timezone.now().isoformat(timespec="seconds"),
            "urls": self.urls(),
            "accounts": [asdict(login) for login in self.logins],
            "open311": {
                "name": OPEN311_KEY_NAME,
                "api_key": self.open311_api_key,
                "how": "send it as the api_key parameter when you POST /open311/v2/requests.json",
            },
            "api": {
                "how": "send a token as the header  Authorization: Bearer <api_token>",
                "try": f"curl -H 'Authorization: Bearer <api_token>' {self.base_url}/api/me",
            },
        }


def _new_token(user: User, now: Any) -> str:
    ApiToken.objects.filter(user=user, name=TOKEN_NAME, revoked_at__isnull=True).update(
        revoked_at=now
    )
    secret = ApiToken.generate()
    token = ApiToken.objects.create(
        user=user, name=TOKEN_NAME, token_hash=hash_secret(secret), hint=secret[:8], created_at=now
    )
    audit.record(
        AuditEvent.CREATE,
        "api_token",
        str(token.pk),
        summary=f"demo token for {user.username}",
        actor_label=ACTOR,
    )
    return secret


def _new_open311_key() -> str:
    """Revoke the previous demo key (if any) and issue a new one, through the key service."""
    old = Open311ApiKey.objects.filter(name=OPEN311_KEY_NAME, revoked_at__isnull=True)
    for key in old:
        open311_keys.revoke(key, actor_label=ACTOR)
    _, secret = open311_keys.issue(OPEN311_KEY_NAME, actor_label=ACTOR)
    return secret


@transaction.atomic
def issue(base_url: str) -> Credentials:
    """(Re)set every demo account's password, give each a fresh API token, and a new Open311 key."""
    users = ensure_accounts()
    now = timezone.now()
    logins = []
    for username, role, *_ in DEMO_ACCOUNTS:
        user = users[role]
        assert user.username == username
        password = secrets.token_urlsafe(12)
        user.set_password(password)
        user.save(update_fields=["password"])
        token = _new_token(user, now) if role in roles.STAFF_ROLES else None
        logins.append(
            Login(
                role=role,
                role_name=roles.ROLES[role],
                username=username,
                password=password,
                api_token=token,
                can=ROLE_ABILITIES[role],
            )
        )
    return Credentials(base_url.rstrip("/"), logins, _new_open311_key())


def write(credentials: Credentials, directory: Path) -> Path:
    """Write demo-credentials.json, readable and writable by its owner only (mode 0600)."""
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / FILENAME
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        json.dump(credentials.as_json(), handle, indent=2)
        handle.write("\n")
    os.chmod(path, 0o600)
    return path


def table(credentials: Credentials) -> list[str]:
    """The logins as a plain-text table, one role per line."""
    header = ("Role", "Login", "Password", "What they can do")
    rows = [(lg.role_name, lg.username, lg.password, lg.can) for lg in credentials.logins]
    widths = [max(len(r[k]) for r in [header, *rows]) for k in range(3)]
    lines = []
    for row in [header, (*("-" * w for w in widths), "-" * 16), *rows]:
        lines.append(
            "  ".join(cell.ljust(widths[k]) for k, cell in enumerate(row[:3])) + "  " + row[3]
        )
    return lines
