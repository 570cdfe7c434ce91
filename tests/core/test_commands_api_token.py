"""`bluebridge api-token create|list|revoke`: the token is printed once and works; all audited."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command
from django.test import Client

from bluebridge.core import roles
from bluebridge.core.models import ApiToken, AuditEvent


def _me(token: str) -> int:
    return Client().get("/api/me", headers={"authorization": f"Bearer {token}"}).status_code


def test_it_creates_lists_and_revokes_tokens(make_user: Callable[..., User], capsys: Any) -> None:
    make_user(roles.ANALYST, username="ana")
    call_command("api_token", "create", "ana", "--name", "dashboard")
    out = capsys.readouterr().out
    secret = out.strip().splitlines()[-1]
    assert secret.startswith("bbt_") and "shown only this once" in out
    assert _me(secret) == 200
    token = ApiToken.objects.get(user__username="ana")
    assert token.name == "dashboard" and token.token_hash != secret

    call_command("api_token", "list", "ana")
    listing = capsys.readouterr().out
    assert "dashboard" in listing and secret[:8] in listing and "active" in listing
    assert secret not in listing

    call_command("api_token", "revoke", str(token.pk))
    assert "Revoked" in capsys.readouterr().out
    assert _me(secret) == 401
    call_command("api_token", "list")
    assert "revoked" in capsys.readouterr().out
    actions = list(
        AuditEvent.objects.filter(object_type="api_token", object_ref=str(token.pk))
        .order_by("id")
        .values_list("action", "actor_label")
    )
    assert actions == [("create", "command line"), ("revoke", "command line")]


def test_it_explains_bad_requests(make_user: Callable[..., User], capsys: Any) -> None:
    make_user(roles.RESIDENT, username="rita")
    make_user(roles.AGENT, username="alex")
    with pytest.raises(CommandError, match="username: no account called 'ghost'"):
        call_command("api_token", "create", "ghost")
    with pytest.raises(CommandError, match="no staff role"):
        call_command("api_token", "create", "rita")
    with pytest.raises(CommandError, match="--name"):
        call_command("api_token", "create", "alex", "--name", " ")
    with pytest.raises(CommandError, match="id: no API token with ID 999"):
        call_command("api_token", "revoke", "999")
    assert not ApiToken.objects.exists()
    call_command("api_token", "create", "alex")
    token = ApiToken.objects.get()
    call_command("api_token", "revoke", str(token.pk))
    with pytest.raises(CommandError, match="already revoked"):
        call_command("api_token", "revoke", str(token.pk))
    call_command("api_token", "list", "rita")
    assert "No API tokens." in capsys.readouterr().out
