"""Authentication and role checks for the JSON API (django-ninja).

Staff authenticate with a personal token (`Authorization: Bearer bbt_...`) or with their web session.
Each operation declares its roles with @roles(...); a caller without one gets 403.
"""

from __future__ import annotations

import contextlib
import inspect
from collections.abc import Callable
from datetime import timedelta
from functools import wraps
from typing import Any, TypeVar

from django.http import HttpRequest
from django.utils import timezone
from ninja.errors import HttpError
from ninja.security import APIKeyCookie, HttpBearer

from bluebridge.core.models import ApiToken, hash_secret
from bluebridge.core.roles import PUBLIC, ROLES, has_role

F = TypeVar("F", bound=Callable[..., Any])


class BearerToken(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> Any:
        found = (
            ApiToken.objects.select_related("user")
            .filter(token_hash=hash_secret(token), revoked_at__isnull=True, user__is_active=True)
            .first()
        )
        if found is None:
            return None
        now = timezone.now()
        if found.last_used_at is None or now - found.last_used_at > timedelta(minutes=1):
            ApiToken.objects.filter(pk=found.pk).update(last_used_at=now)
        request.user = found.user
        request.api_token = found  # type: ignore[attr-defined]
        return found.user


class SessionAuth(APIKeyCookie):
    """The web session (with Django's CSRF check on unsafe methods)."""

    param_name = "sessionid"

    def authenticate(self, request: HttpRequest, key: str | None) -> Any:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            return user
        return None


STAFF_AUTH = [BearerToken(), SessionAuth()]


def roles(*names: str) -> Callable[[F], F]:
    unknown = set(names) - set(ROLES) - {PUBLIC}
    if unknown:
        raise ValueError(f"unknown roles: {sorted(unknown)}")

    def decorate(func: F) -> F:
        @wraps(func)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
            if not has_role(request.user, *names):
                raise HttpError(403, "your role does not give access to this endpoint")
            return func(request, *args, **kwargs)

        wrapper.access_roles = frozenset(names)  # type: ignore[attr-defined]
        # Resolve the view's string annotations (PEP 563) in the view's own module: ninja would
        # otherwise look the names up in this module, where the wrapper was defined.
        with contextlib.suppress(NameError):
            wrapper.__signature__ = inspect.signature(func, eval_str=True)  # type: ignore[attr-defined]
        return wrapper  # type: ignore[return-value]

    return decorate
