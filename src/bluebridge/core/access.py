"""Who may use each page: every view declares its roles with @allow(...).

Anonymous visitors to a staff page are sent to the login page; signed-in people without one of
the roles get 403. The declared roles are kept on the view (`view.access_roles`) so the test of
the role × endpoint matrix can read them.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponseBase

from bluebridge.core.roles import PUBLIC, ROLES, has_role

View = TypeVar("View", bound=Callable[..., HttpResponseBase])


def allow(*roles: str) -> Callable[[View], View]:
    unknown = set(roles) - set(ROLES) - {PUBLIC}
    if unknown:
        raise ValueError(f"unknown roles: {sorted(unknown)}")

    def decorate(view: View) -> View:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
            if PUBLIC not in roles:
                if not request.user.is_authenticated:
                    return redirect_to_login(request.get_full_path())
                if not has_role(request.user, *roles):
                    raise PermissionDenied("your role does not give access to this page")
            return view(request, *args, **kwargs)

        wrapper.access_roles = frozenset(roles)  # type: ignore[attr-defined]
        return wrapper  # type: ignore[return-value]

    return decorate
