"""Checks for staff actions on a request that come in as form values (who, which reference).

They turn what a form sent into records, refuse what makes no sense with InvalidRequest (naming
the field), and then call the rules in services.py.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import Q
from django.http import HttpRequest

from bluebridge.core import roles
from bluebridge.servicedesk import duplicates, services
from bluebridge.servicedesk.models import ServiceRequest, Status
from bluebridge.servicedesk.validation import InvalidRequest

# Roles whose members can be given a request to work on.
ASSIGNABLE_ROLES = (roles.AGENT, roles.SUPERVISOR, roles.OFFICER, roles.ADMIN)
# Statuses staff can choose from the status form (duplicate only comes through a merge).
CHOOSABLE_STATUSES = [(v, label) for v, label in Status.choices if v != Status.DUPLICATE]


def assignable_staff(sr: ServiceRequest) -> list[Any]:
    """Active staff of the request's unit who can work on it, plus whoever has it now.

    When nobody has the unit in their profile yet, every active desk member is offered.
    """
    User = get_user_model()
    staff = User.objects.filter(is_active=True, groups__name__in=ASSIGNABLE_ROLES).distinct()
    of_unit = staff.filter(profile__unit=sr.unit)
    chosen = of_unit if of_unit.exists() else staff
    if sr.assigned_to_id:
        chosen = User.objects.filter(Q(pk__in=chosen.values("pk")) | Q(pk=sr.assigned_to_id))
    return list(chosen.order_by("first_name", "last_name", "username"))


def find_assignee(value: str, me: Any) -> Any | None:
    """The user a form names ("me", a user id, or empty for nobody); must be a staff member."""
    text = (value or "").strip()
    if not text:
        return None
    if text == "me":
        return me
    if not text.isdigit():
        raise InvalidRequest({"assignee": f"{text!r} is not a staff member"})
    user = get_user_model().objects.filter(pk=int(text), is_active=True).first()
    if user is None or not roles.has_role(user, *ASSIGNABLE_ROLES):
        raise InvalidRequest({"assignee": "choose a staff member who can work on requests"})
    return user


def assign(
    sr: ServiceRequest, value: str, *, user: services.User, request: HttpRequest | None = None
) -> Any | None:
    assignee = find_assignee(value, user)
    if (assignee.pk if assignee else None) == sr.assigned_to_id:
        raise InvalidRequest({"assignee": "the request is already assigned to that person"})
    services.assign(sr, assignee, user=user, request=request)
    return assignee


def merge_into(
    sr: ServiceRequest,
    reference: str,
    *,
    user: services.User,
    request: HttpRequest | None = None,
) -> ServiceRequest:
    """Merge `sr` into the request with `reference` (a duplicate is closed, its resident told)."""
    ref = (reference or "").strip().upper()
    if not ref:
        raise InvalidRequest({"into": "give the reference of the request to merge into"})
    into = ServiceRequest.objects.filter(reference=ref).first()
    if into is None:
        raise InvalidRequest({"into": f"there is no request with reference {ref}"})
    if into.pk == sr.pk:
        raise InvalidRequest({"into": "a request cannot be a duplicate of itself"})
    if sr.status == Status.DUPLICATE:
        raise InvalidRequest({"into": f"{sr.reference} is already merged into another request"})
    if into.status == Status.DUPLICATE and into.duplicate_of is not None:
        raise InvalidRequest(
            {"into": f"{ref} is itself a duplicate; merge into {into.duplicate_of.reference}"}
        )
    duplicates.merge(sr, into, user=user, request=request)
    return into
