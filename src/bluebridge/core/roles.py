"""The roles people hold in Bluebridge, kept as Django groups.

Every page and API endpoint declares which of these roles may use it (see access.py).
"""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

RESIDENT = "resident"
AGENT = "agent"
SUPERVISOR = "supervisor"
STANDARDS = "professional_standards"
ANALYST = "analyst"
WELLNESS = "wellness_coordinator"
OFFICER = "officer"
ADMIN = "administrator"

# Anyone, signed in or not (residents mostly use Bluebridge without an account).
PUBLIC = "public"

ROLES: dict[str, str] = {
    RESIDENT: "Resident with an account",
    AGENT: "Front-desk agent",
    SUPERVISOR: "Supervisor",
    STANDARDS: "Professional standards investigator",
    ANALYST: "Analyst",
    WELLNESS: "Wellness coordinator",
    OFFICER: "Officer",
    ADMIN: "Administrator",
}
STAFF_ROLES = frozenset(ROLES) - {RESIDENT}

# Model permissions each role's group holds (app_label.codename).
GROUP_PERMISSIONS: dict[str, list[str]] = {
    RESIDENT: [],
    AGENT: [
        "servicedesk.view_servicerequest",
        "servicedesk.change_servicerequest",
        "servicedesk.add_requestupdate",
    ],
    SUPERVISOR: [
        "servicedesk.view_servicerequest",
        "servicedesk.change_servicerequest",
        "servicedesk.add_requestupdate",
        "servicedesk.view_sla_performance",
    ],
    STANDARDS: ["servicedesk.view_servicerequest"],
    ANALYST: ["servicedesk.view_sla_performance"],
    WELLNESS: [],
    OFFICER: ["servicedesk.view_servicerequest"],
    ADMIN: [
        "core.view_auditevent",
        "core.add_area",
        "core.change_area",
        "servicedesk.add_open311apikey",
        "servicedesk.change_open311apikey",
        "servicedesk.view_open311apikey",
        "servicedesk.view_servicerequest",
        "servicedesk.change_servicerequest",
        "servicedesk.add_servicecategory",
        "servicedesk.change_servicecategory",
        "servicedesk.view_sla_performance",
    ],
}


def user_roles(user: AbstractBaseUser | AnonymousUser | None) -> frozenset[str]:
    """Role names a user holds; superusers hold the administrator role."""
    if user is None or not user.is_authenticated:
        return frozenset()
    cached = getattr(user, "_bluebridge_roles", None)
    if cached is not None:
        return cached
    names = set(user.groups.values_list("name", flat=True))  # type: ignore[union-attr,attr-defined]
    if getattr(user, "is_superuser", False):
        names.add(ADMIN)
    roles = frozenset(names & set(ROLES))
    user._bluebridge_roles = roles  # type: ignore[union-attr,attr-defined]
    return roles


def has_role(user: AbstractBaseUser | AnonymousUser | None, *roles: str) -> bool:
    if PUBLIC in roles:
        return True
    return bool(user_roles(user) & set(roles))


def is_staff_member(user: AbstractBaseUser | AnonymousUser | None) -> bool:
    return bool(user_roles(user) & STAFF_ROLES)
