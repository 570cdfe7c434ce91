"""Writing to the append-only audit log."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser, User
from django.http import HttpRequest

from bluebridge.core.clients import client_ip
from bluebridge.core.models import AuditEvent


def _actor_label(user: AbstractBaseUser | AnonymousUser | None, fallback: str) -> str:
    if user is not None and user.is_authenticated:
        return user.get_username()
    return fallback


def build(
    action: str,
    object_type: str,
    object_ref: str,
    *,
    user: AbstractBaseUser | AnonymousUser | None = None,
    request: HttpRequest | None = None,
    summary: str = "",
    changes: dict[str, Any] | None = None,
    actor_label: str = "public",
) -> AuditEvent:
    """An unsaved event (see `record`), for callers that write it together with other rows."""
    if user is None and request is not None:
        user = getattr(request, "user", None)
    ip = client_ip(request) if request is not None else None
    agent = request.META.get("HTTP_USER_AGENT", "")[:300] if request is not None else ""
    return AuditEvent(
        actor=user if isinstance(user, User) else None,
        actor_label=_actor_label(user, actor_label)[:150],
        action=action,
        object_type=object_type,
        object_ref=str(object_ref)[:64],
        summary=summary[:300],
        changes=changes or {},
        ip=ip or None,
        user_agent=agent,
    )


def diff(before: dict[str, Any], after: dict[str, Any]) -> dict[str, list[Any]]:
    """Fields whose values differ, as field -> [old, new]."""
    return {k: [before.get(k), v] for k, v in after.items() if before.get(k) != v}


def record(
    action: str,
    object_type: str,
    object_ref: str,
    *,
    user: AbstractBaseUser | AnonymousUser | None = None,
    request: HttpRequest | None = None,
    summary: str = "",
    changes: dict[str, Any] | None = None,
    actor_label: str = "public",
) -> AuditEvent:
    """Append one event. `changes` maps field -> [old, new] for changes, field -> value for creations."""
    event = build(
        action,
        object_type,
        object_ref,
        user=user,
        request=request,
        summary=summary,
        changes=changes,
        actor_label=actor_label,
    )
    event.save(force_insert=True)
    return event
