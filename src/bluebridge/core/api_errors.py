"""Errors of the JSON API, and the roles of each operation in its documentation.

Errors come back as `{"detail": ..., "errors": {field: message}}`.

Operations raise `ApiError` (or let a service's InvalidRequest / TokenError / InvalidFilter
through); `install(api)` turns them into responses with the right status. Call it after the
last add_router(): it also checks roles before input is read and documents them.
"""

from __future__ import annotations

import inspect
from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI


class ApiError(Exception):
    def __init__(self, status: int, errors: dict[str, str], detail: str = "") -> None:
        self.status = status
        self.errors = errors
        self.detail = detail or "; ".join(f"{k}: {v}" for k, v in errors.items())
        super().__init__(self.detail)


def error_response(status: int, errors: dict[str, str], detail: str = "") -> ApiError:
    """An ApiError to raise: `raise error_response(400, {"status": "unknown status"})`."""
    return ApiError(status, errors, detail)


def install(api: NinjaAPI) -> None:
    from bluebridge.core.audit_search import InvalidFilter
    from bluebridge.core.tokens import TokenError
    from bluebridge.servicedesk.validation import InvalidRequest

    def api_error(request: HttpRequest, exc: Any) -> HttpResponse:
        assert isinstance(exc, ApiError)
        return api.create_response(
            request, {"detail": exc.detail, "errors": exc.errors}, status=exc.status
        )

    def with_errors(request: HttpRequest, exc: Any) -> HttpResponse:
        errors: dict[str, str] = getattr(exc, "errors", {})
        status = getattr(exc, "status", 400)
        return api.create_response(request, {"detail": str(exc), "errors": errors}, status=status)

    api.add_exception_handler(ApiError, api_error)
    # Last: these bind the routers, after which no router can be added.
    describe_roles(api)
    check_roles_before_parsing(api)
    for kind in (InvalidRequest, TokenError, InvalidFilter):
        api.add_exception_handler(kind, with_errors)


def _operations(api: NinjaAPI) -> list[Any]:
    """The operations that serve requests (ninja binds copies of each router's operations).

    Binding freezes the API: call this after the last add_router().
    """
    found = []
    for bound in api._get_bound_routers():
        for path_view in bound.path_operations.values():
            found.extend(path_view.operations)
    return found


def check_roles_before_parsing(api: NinjaAPI) -> None:
    """Refuse callers without the role (403) before their parameters or body are read.

    @roles(...) checks when the operation runs, which is after ninja validated the input: a
    caller without the role would otherwise learn about bad input (422) instead of getting 403.
    """
    from ninja.errors import HttpError

    from bluebridge.core.roles import has_role

    for operation in _operations(api):
        allowed = getattr(operation.view_func, "access_roles", None)
        if allowed is None or inspect.iscoroutinefunction(operation._run_checks):
            continue
        original = operation._run_checks

        def run_checks(
            request: HttpRequest, _original: Any = original, _allowed: Any = allowed
        ) -> HttpResponse | None:
            error = _original(request)
            if error is not None:
                return error
            if not has_role(getattr(request, "user", None), *_allowed):
                denied = HttpError(403, "your role does not give access to this endpoint")
                return api.on_exception(request, denied)
            return None

        operation._run_checks = run_checks


def describe_roles(api: NinjaAPI) -> None:
    """Start each operation's description with the roles its @roles(...) allows (for /api/docs)."""
    from bluebridge.core.roles import ROLES

    for operation in _operations(api):
        allowed = getattr(operation.view_func, "access_roles", None)
        text = operation.description or ""
        if allowed is None or text.startswith("**Roles:**"):
            continue
        names = ", ".join(ROLES.get(r, r) for r in sorted(allowed))
        operation.description = f"**Roles:** {names}.\n\n{text}".strip()
