"""Searching the audit log: one set of filters for the staff page and the JSON API.

Each search is itself written to the audit log (action "view", object type "audit_log",
with the filters used), so that who looked at whose records can be traced too.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from django.db.models import Q, QuerySet
from django.http import HttpRequest
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime

from bluebridge.core import audit
from bluebridge.core.models import AuditEvent

ACTIONS = [code for code, _ in AuditEvent.ACTIONS]


class InvalidFilter(Exception):
    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__("; ".join(f"{k}: {v}" for k, v in errors.items()))
        self.errors = errors


@dataclass(frozen=True)
class AuditFilters:
    actor: str = ""
    action: str = ""
    object_type: str = ""
    object_ref: str = ""
    since: datetime | None = None
    until: datetime | None = None

    def described(self) -> dict[str, str]:
        return {
            k: v.isoformat() if isinstance(v, datetime) else v for k, v in asdict(self).items() if v
        }


def _moment(raw: str, field: str, errors: dict[str, str], *, end_of_day: bool) -> datetime | None:
    """An ISO date-time, or a date (the start of it, or for `until` its end), in local time."""
    text = raw.strip()
    if not text:
        return None
    try:
        moment = parse_datetime(
            text.replace("Z", "+00:00").replace(" ", "+", 1) if "T" in text else text
        )
    except ValueError:
        moment = None
    if moment is None:
        try:
            day: date | None = parse_date(text)
        except ValueError:
            day = None
        if day is None:
            errors[field] = f"{text!r} is not a date (YYYY-MM-DD) or date and time (ISO 8601)"
            return None
        moment = datetime.combine(day + timedelta(days=1) if end_of_day else day, time.min)
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    return moment


def parse_filters(params: Mapping[str, Any]) -> AuditFilters:
    """Read filters from query parameters; raises InvalidFilter naming each bad field."""
    errors: dict[str, str] = {}

    def text(name: str, limit: int) -> str:
        value = str(params.get(name) or "").strip()
        if len(value) > limit:
            errors[name] = f"must be at most {limit} characters"
        return value

    actor = text("actor", 150)
    action = text("action", 16)
    if action and action not in ACTIONS:
        errors["action"] = f"unknown action {action!r}; choose from {', '.join(ACTIONS)}"
    object_type = text("object_type", 64)
    object_ref = text("object_ref", 64)
    since = _moment(str(params.get("since") or ""), "since", errors, end_of_day=False)
    until = _moment(str(params.get("until") or ""), "until", errors, end_of_day=True)
    if since and until and since >= until:
        errors["until"] = "must be after the start of the time range"
    if errors:
        raise InvalidFilter(errors)
    return AuditFilters(actor, action, object_type, object_ref, since, until)


def search(filters: AuditFilters) -> QuerySet[AuditEvent]:
    events = AuditEvent.objects.all()
    if filters.actor:
        events = events.filter(
            Q(actor_label__iexact=filters.actor) | Q(actor__username__iexact=filters.actor)
        )
    if filters.action:
        events = events.filter(action=filters.action)
    if filters.object_type:
        events = events.filter(object_type=filters.object_type)
    if filters.object_ref:
        events = events.filter(object_ref__iexact=filters.object_ref)
    if filters.since:
        events = events.filter(at__gte=filters.since)
    if filters.until:
        events = events.filter(at__lt=filters.until)
    return events.order_by("-at", "-id")


def record_search(filters: AuditFilters, *, request: HttpRequest, channel: str) -> None:
    """Note in the audit log that someone searched it, and with which filters."""
    audit.record(
        AuditEvent.VIEW,
        "audit_log",
        "search",
        request=request,
        summary=f"audit log searched ({channel})",
        changes=filters.described(),
    )
