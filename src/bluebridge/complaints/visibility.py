"""Who may see which complaint, commendation and recovery case; every look is audited.

* Conduct complaints: professional standards only. Nobody else sees their content: not the
  officer's supervisor, not front-desk agents, not administrators (who see counts only).
* Service-quality complaints: supervisors and professional standards; an agent who filed one on
  behalf of a resident may follow that one.
* Commendations: supervisors (of the officer's unit, or of every unit) and the officer.
* Recovery cases: supervisors.

A refused attempt raises 403 and writes an audit event ("refused: ..."), on the web and the API.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import HttpRequest

from bluebridge.complaints.models import Commendation, Complaint, Kind
from bluebridge.core import audit, roles
from bluebridge.core.models import AuditEvent

AnyUser = AbstractBaseUser | AnonymousUser | None

COMPLAINT_READERS = (roles.AGENT, roles.SUPERVISOR, roles.STANDARDS)
COMPLAINT_HANDLERS = (roles.SUPERVISOR, roles.STANDARDS)
INTAKE = (roles.AGENT, roles.SUPERVISOR, roles.STANDARDS)
COMMENDATION_READERS = (roles.SUPERVISOR, roles.OFFICER)
RECOVERY = (roles.SUPERVISOR,)
ANALYTICS = (roles.SUPERVISOR, roles.STANDARDS, roles.ANALYST)


def can_view(user: AnyUser, complaint: Complaint) -> bool:
    if roles.has_role(user, roles.STANDARDS):
        return True
    if complaint.kind != Kind.SERVICE:
        return False
    if roles.has_role(user, roles.SUPERVISOR):
        return True
    return roles.has_role(user, roles.AGENT) and complaint.created_by_id == getattr(user, "pk", -1)


def can_handle(user: AnyUser, complaint: Complaint) -> bool:
    if roles.has_role(user, roles.STANDARDS):
        return True
    return complaint.kind == Kind.SERVICE and roles.has_role(user, roles.SUPERVISOR)


def complaints_for(user: AnyUser) -> QuerySet[Complaint]:
    qs = Complaint.objects.select_related("type", "assigned_to")
    if roles.has_role(user, roles.STANDARDS):
        return qs
    if roles.has_role(user, roles.SUPERVISOR):
        return qs.filter(kind=Kind.SERVICE)
    if roles.has_role(user, roles.AGENT):
        return qs.filter(kind=Kind.SERVICE, created_by_id=getattr(user, "pk", None))
    return qs.none()


def _supervised_unit(user: AnyUser) -> Any:
    profile = getattr(user, "profile", None)
    return getattr(profile, "unit_id", None)


def commendations_for(user: AnyUser) -> QuerySet[Commendation]:
    qs = Commendation.objects.select_related("officer", "officer__unit")
    pk = getattr(user, "pk", None) or 0
    if roles.has_role(user, roles.SUPERVISOR):
        unit = _supervised_unit(user)
        if unit is None:
            return qs  # a supervisor of every unit
        return qs.filter(
            Q(officer__unit_id=unit) | Q(officer__isnull=True) | Q(officer__user_id=pk)
        )
    if roles.has_role(user, roles.OFFICER) and pk:
        return qs.filter(officer__user_id=pk)
    return qs.none()


def refuse(
    object_type: str, reference: str, *, request: HttpRequest | None, reason: str
) -> PermissionDenied:
    """Write the refused attempt to the audit log and return the exception to raise."""
    audit.record(
        AuditEvent.VIEW, object_type, reference, request=request, summary=f"refused: {reason}"
    )
    return PermissionDenied(reason)


def record_view(complaint: Complaint, request: HttpRequest | None, what: str = "") -> None:
    audit.record(
        AuditEvent.VIEW,
        "complaint",
        complaint.reference,
        request=request,
        summary=f"{complaint.kind} complaint{': ' + what if what else ''}",
    )


def audit_denials(object_type: str, param: str) -> Callable[[Any], Any]:
    """Around an @allow(...) view: a 403 (wrong role, or not this record) is also audited."""

    def decorate(view: Any) -> Any:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
            try:
                return view(request, *args, **kwargs)
            except PermissionDenied as exc:
                if request.user.is_authenticated and not _already_audited(exc):
                    refuse(
                        object_type,
                        str(kwargs.get(param, ""))[:64],
                        request=request,
                        reason=str(exc),
                    )
                raise

        wrapper.access_roles = view.access_roles  # type: ignore[attr-defined]
        return wrapper

    return decorate


def _already_audited(exc: PermissionDenied) -> bool:
    return getattr(exc, "audited", False)


def denied(object_type: str, reference: str, request: HttpRequest | None, reason: str) -> Exception:
    exc = refuse(object_type, reference, request=request, reason=reason)
    exc.audited = True  # type: ignore[attr-defined]
    return exc
