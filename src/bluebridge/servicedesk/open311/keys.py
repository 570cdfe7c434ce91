"""Open311 API keys: issuing, revoking, listing, and finding the key a client sent (cached)."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.cache import cache
from django.db import transaction
from django.db.models import Q
from django.http import HttpRequest
from django.utils import timezone

from bluebridge.core import audit
from bluebridge.core.models import AuditEvent, hash_secret
from bluebridge.servicedesk.models import Open311ApiKey
from bluebridge.servicedesk.validation import InvalidRequest

User = AbstractBaseUser | AnonymousUser | None

CACHE_SECONDS = 60
MAX_RATE_LIMIT = 1_000_000
_MISSING = "-"


def _cache_key(key_hash: str) -> str:
    return f"o311key:{key_hash}"


@dataclass(frozen=True)
class ActiveKey:
    """What a request needs to know about the key it came with (kept in the cache)."""

    id: int
    name: str
    rate_limit_per_minute: int | None


def find_active(secret: str) -> ActiveKey | None:
    """The active key with this secret, or None. One query per key per minute at most."""
    if not secret or len(secret) > 200:
        return None
    key_hash = hash_secret(secret)
    cached = cache.get(_cache_key(key_hash))
    if cached == _MISSING:
        return None
    if isinstance(cached, tuple):
        return ActiveKey(*cached)
    row = (
        Open311ApiKey.objects.filter(key_hash=key_hash, revoked_at__isnull=True)
        .values_list("id", "name", "rate_limit_per_minute")
        .first()
    )
    cache.set(_cache_key(key_hash), tuple(row) if row else _MISSING, CACHE_SECONDS)
    return ActiveKey(*row) if row else None


def _check(name: str, rate_limit: int | None) -> dict[str, str]:
    problems = {}
    if not name.strip():
        problems["name"] = "say who will use this key"
    elif len(name.strip()) > 100:
        problems["name"] = "must be at most 100 characters"
    if rate_limit is not None and not (1 <= rate_limit <= MAX_RATE_LIMIT):
        problems["rate_limit"] = f"must be a whole number from 1 to {MAX_RATE_LIMIT}"
    return problems


def issue(
    name: str,
    *,
    rate_limit: int | None = None,
    user: User = None,
    request: HttpRequest | None = None,
    actor_label: str = "system",
) -> tuple[Open311ApiKey, str]:
    """Create a key. Returns (key, secret): the secret is shown once and never stored."""
    problems = _check(name, rate_limit)
    if problems:
        raise InvalidRequest(problems)
    secret = Open311ApiKey.generate()
    user = user if user is not None or request is None else getattr(request, "user", None)
    creator = user if user is not None and user.is_authenticated else None
    with transaction.atomic():
        key = Open311ApiKey.objects.create(
            name=name.strip(),
            key_hash=hash_secret(secret),
            hint=secret[:8],
            rate_limit_per_minute=rate_limit,
            created_by=creator,  # type: ignore[misc]
        )
        audit.record(
            AuditEvent.CREATE,
            "open311_key",
            str(key.pk),
            user=user,
            request=request,
            summary=f"issued Open311 key {key.hint}… for {key.name}",
            changes={"name": key.name, "hint": key.hint, "rate_limit_per_minute": rate_limit},
            actor_label=actor_label,
        )
    return key, secret


def revoke(
    key: Open311ApiKey,
    *,
    user: User = None,
    request: HttpRequest | None = None,
    actor_label: str = "system",
) -> Open311ApiKey:
    if key.revoked_at is not None:
        raise InvalidRequest(
            {"key": f"key {key.hint}… was already revoked on {key.revoked_at:%Y-%m-%d}"}
        )
    user = user if user is not None or request is None else getattr(request, "user", None)
    with transaction.atomic():
        key.revoked_at = timezone.now()
        key.revoked_by = user if user is not None and user.is_authenticated else None  # type: ignore[assignment]
        key.save(update_fields=["revoked_at", "revoked_by"])
        audit.record(
            AuditEvent.REVOKE,
            "open311_key",
            str(key.pk),
            user=user,
            request=request,
            summary=f"revoked Open311 key {key.hint}… of {key.name}",
            actor_label=actor_label,
        )
        # Forget the cached lookup now, and again after commit (a lookup in between may re-cache it).
        cache.delete(_cache_key(key.key_hash))
        transaction.on_commit(lambda: cache.delete(_cache_key(key.key_hash)))
    return key


def find(hint_or_id: str) -> Open311ApiKey:
    """One key by its id or the start of the key (its hint); InvalidRequest when none or several match."""
    text = hint_or_id.strip()
    query = Q(hint__startswith=text) if text else Q(pk=None)
    if text.isdigit():
        query |= Q(pk=int(text))
    matches = list(Open311ApiKey.objects.filter(query)[:2])
    if not matches:
        raise InvalidRequest({"key": f"no key has the id or hint {text!r}"})
    if len(matches) > 1:
        raise InvalidRequest(
            {"key": f"several keys match {text!r}; give more of the key or its id"}
        )
    return matches[0]


def all_keys() -> list[Open311ApiKey]:
    return list(
        Open311ApiKey.objects.select_related("created_by", "revoked_by").order_by("-created_at")
    )
