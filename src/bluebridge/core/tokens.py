"""Personal API tokens for staff: creating, listing and revoking them (each change is audited).

A person manages their own tokens; an administrator manages anyone's. The token itself is
returned once, by `create_token`; only its hash is kept.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db import transaction
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone

from bluebridge.core import audit, roles
from bluebridge.core.models import ApiToken, AuditEvent, hash_secret

Actor = AbstractBaseUser | AnonymousUser
MAX_ACTIVE_TOKENS = 20


class TokenError(Exception):
    """A request about tokens that cannot be done; `errors` maps field -> message."""

    def __init__(self, errors: dict[str, str], status: int = 400) -> None:
        super().__init__("; ".join(f"{k}: {v}" for k, v in errors.items()))
        self.errors = errors
        self.status = status


def is_admin(actor: Actor) -> bool:
    return roles.has_role(actor, roles.ADMIN)


def can_manage(actor: Actor, token: ApiToken) -> bool:
    return token.user_id == actor.pk or is_admin(actor)


def resolve_owner(actor: Actor, username: str | None) -> Any:
    """Whose tokens `actor` means: their own, or (administrators only) the named person's."""
    if not username or username == actor.get_username():
        return actor
    if not is_admin(actor):
        raise TokenError({"user": "only an administrator can manage another person's tokens"}, 403)
    owner = get_user_model().objects.filter(username=username).first()
    if owner is None:
        raise TokenError({"user": f"no user named {username!r}"}, 404)
    return owner


def tokens_of(owner: Any) -> QuerySet[ApiToken]:
    return ApiToken.objects.filter(user=owner).select_related("revoked_by", "created_by")


def create_token(
    actor: Actor, name: str, *, owner: Any = None, request: HttpRequest | None = None
) -> tuple[ApiToken, str]:
    """Create a token for `owner` (default: the actor). Returns (token, secret shown once)."""
    owner = owner or actor
    if owner.pk != actor.pk and not is_admin(actor):
        raise TokenError(
            {"user": "only an administrator can create a token for another person"}, 403
        )
    if not owner.is_active:
        raise TokenError({"user": "this account is disabled"})
    if not roles.is_staff_member(owner):
        raise TokenError({"user": "API tokens are for staff members only"})
    clean = (name or "").strip()
    if not clean:
        raise TokenError({"name": "give the token a name, such as the script that will use it"})
    if len(clean) > 100:
        raise TokenError({"name": "must be at most 100 characters"})
    if ApiToken.objects.filter(user=owner, revoked_at__isnull=True).count() >= MAX_ACTIVE_TOKENS:
        raise TokenError({"name": f"at most {MAX_ACTIVE_TOKENS} active tokens; revoke one first"})
    secret = ApiToken.generate()
    with transaction.atomic():
        token = ApiToken.objects.create(
            user=owner,
            name=clean,
            token_hash=hash_secret(secret),
            hint=secret[:8],
            created_by=actor,  # type: ignore[misc]
        )
        audit.record(
            AuditEvent.CREATE,
            "api_token",
            str(token.pk),
            user=actor,
            request=request,
            summary=f"API token {clean!r} for {owner.get_username()}",
            changes={"user": owner.get_username(), "name": clean, "hint": token.hint},
        )
    return token, secret


def find_token(actor: Actor, token_id: int) -> ApiToken:
    """The token with this id, if the actor may manage it (404 otherwise, so ids do not leak)."""
    token = ApiToken.objects.select_related("user").filter(pk=token_id).first()
    if token is None or not can_manage(actor, token):
        raise TokenError({"id": f"no token {token_id} that you can manage"}, 404)
    return token


def revoke_token(actor: Actor, token: ApiToken, *, request: HttpRequest | None = None) -> ApiToken:
    """Revoke at once; revoking a revoked token changes nothing and is not an error."""
    if not can_manage(actor, token):
        raise TokenError({"id": f"no token {token.pk} that you can manage"}, 404)
    if token.revoked_at is not None:
        return token
    with transaction.atomic():
        token.revoked_at = timezone.now()
        token.revoked_by = actor if actor.is_authenticated else None  # type: ignore[assignment]
        token.save(update_fields=["revoked_at", "revoked_by"])
        audit.record(
            AuditEvent.REVOKE,
            "api_token",
            str(token.pk),
            user=actor,
            request=request,
            summary=f"API token {token.name!r} of {token.user.get_username()}",
            changes={"user": token.user.get_username(), "hint": token.hint},
        )
    return token
