"""The staff work queue: which requests to show, in what order, and their SLA clocks in words.

Filtering and ordering happen in SQL (one query for the page, one for the counts); the clock of
each row shown comes from clocks.clock, so the queue and the request page always agree.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db.models import Case, Count, DateTimeField, F, Q, QuerySet, When
from django.utils import timezone

from bluebridge.core.models import Unit
from bluebridge.servicedesk import clocks, sla
from bluebridge.servicedesk.models import CLOSED_STATUSES, ServiceRequest, Status

PAGE_SIZE = 50
OPEN, CLOSED, ALL = "open", "closed", "all"
STATUS_CHOICES: list[tuple[str, str]] = [
    (OPEN, "Open (not closed)"),
    (CLOSED, "Closed"),
    (ALL, "Any status"),
    *[(value, label) for value, label in Status.choices],
]
SLA_CHOICES: list[tuple[str, str]] = [
    ("", "Any"),
    (sla.DUE_SOON, "Due soon"),
    (sla.OVERDUE, "Overdue"),
]
SYMBOLS = {
    sla.OVERDUE: "⚠",
    sla.DUE_SOON: "!",
    sla.ON_TRACK: "•",
    sla.MET: "✓",
    sla.MISSED: "✗",
}
_RANK = {sla.OVERDUE: 3, sla.DUE_SOON: 2, sla.ON_TRACK: 1}


@dataclass
class QueueFilters:
    unit: str = ALL  # a unit code, or "all"
    status: str = OPEN
    sla_state: str = ""
    page: int = 1
    errors: dict[str, str] = field(default_factory=dict)

    def querystring(self, **overrides: Any) -> str:
        """The filters as a query string (without the page unless given)."""
        from urllib.parse import urlencode

        params = {"unit": self.unit, "status": self.status, "sla": self.sla_state}
        params.update({k: str(v) for k, v in overrides.items()})
        return urlencode({k: v for k, v in params.items() if v != ""})


def default_unit(user: Any) -> str:
    """The code of the unit in the user's profile, or "all"."""
    profile = getattr(user, "profile", None) if user is not None else None
    unit = getattr(profile, "unit", None) if profile is not None else None
    return unit.code if unit is not None else ALL


def parse_filters(params: Mapping[str, str], user: Any) -> QueueFilters:
    """Read the queue's query parameters; unknown values fall back to defaults with an error."""
    filters = QueueFilters(unit=default_unit(user))
    unit = (params.get("unit") or "").strip()
    if unit:
        if unit == ALL or Unit.objects.filter(code=unit).exists():
            filters.unit = unit
        else:
            filters.errors["unit"] = f"unknown unit {unit!r}; showing {filters.unit}"
    status = (params.get("status") or "").strip()
    if status:
        if status in {value for value, _ in STATUS_CHOICES}:
            filters.status = status
        else:
            filters.errors["status"] = f"unknown status {status!r}; showing open requests"
    state = (params.get("sla") or "").strip()
    if state:
        if state in {sla.DUE_SOON, sla.OVERDUE}:
            filters.sla_state = state
        else:
            filters.errors["sla"] = f"unknown SLA state {state!r}; use due_soon or overdue"
    page = (params.get("page") or "1").strip()
    filters.page = int(page) if page.isdigit() and int(page) > 0 else 1
    return filters


def _open_q() -> Q:
    return ~Q(status__in=CLOSED_STATUSES)


def overdue_q(now: datetime) -> Q:
    """Open requests with a running clock past its due time (first response or resolution)."""
    first = Q(first_response_at__isnull=True, first_response_due__lt=now)
    return _open_q() & (first | Q(resolution_due__lt=now))


def due_soon_q(now: datetime, soon: timedelta | None = None) -> Q:
    """Open, not overdue, with a running clock due within the due-soon window."""
    soon = soon if soon is not None else timedelta(hours=settings.BLUEBRIDGE_DUE_SOON_HOURS)
    limit = now + soon
    first = Q(first_response_at__isnull=True, first_response_due__lte=limit)
    return _open_q() & (first | Q(resolution_due__lte=limit)) & ~overdue_q(now)


def _base(filters: QueueFilters) -> QuerySet[ServiceRequest]:
    qs = ServiceRequest.objects.all()
    if filters.unit != ALL:
        qs = qs.filter(unit__code=filters.unit)
    return qs


def requests_for(filters: QueueFilters, now: datetime | None = None) -> QuerySet[ServiceRequest]:
    """The queue's requests, nearest due time first (closed requests, without a clock, last)."""
    now = now or timezone.now()
    qs = _base(filters)
    if filters.status == OPEN:
        qs = qs.filter(_open_q())
    elif filters.status == CLOSED:
        qs = qs.filter(status__in=CLOSED_STATUSES)
    elif filters.status != ALL:
        qs = qs.filter(status=filters.status)
    if filters.sla_state == sla.OVERDUE:
        qs = qs.filter(overdue_q(now))
    elif filters.sla_state == sla.DUE_SOON:
        qs = qs.filter(due_soon_q(now))
    next_due = Case(
        When(status__in=CLOSED_STATUSES, then=None),
        When(first_response_at__isnull=True, then=F("first_response_due")),
        default=F("resolution_due"),
        output_field=DateTimeField(),
    )
    return (
        qs.annotate(next_due=next_due)
        .select_related("category", "area", "assigned_to", "unit")
        .order_by(F("next_due").asc(nulls_last=True), "created_at", "id")
    )


def counts(filters: QueueFilters, now: datetime | None = None) -> dict[str, int]:
    """Due-soon, overdue and open counts for the chosen unit (whatever the other filters)."""
    now = now or timezone.now()
    return _base(filters).aggregate(
        open=Count("id", filter=_open_q()),
        due_soon=Count("id", filter=due_soon_q(now)),
        overdue=Count("id", filter=overdue_q(now)),
    )


def duration_words(delta: timedelta) -> str:
    """A short, readable length of time: "45 min", "3 h 10 min", "2 d 4 h"."""
    minutes = max(0, int(delta.total_seconds() // 60))
    days, rest = divmod(minutes, 24 * 60)
    hours, mins = divmod(rest, 60)
    if days:
        return f"{days} d {hours} h" if hours else f"{days} d"
    if hours:
        return f"{hours} h {mins} min" if mins else f"{hours} h"
    return f"{mins} min"


@dataclass(frozen=True)
class ClockView:
    """One SLA clock, ready to show: its state, a symbol and words that don't depend on colour."""

    state: str
    due: datetime | None
    done_at: datetime | None
    words: str

    @property
    def symbol(self) -> str:
        return SYMBOLS.get(self.state, "")


def describe(
    state: str, due: datetime | None, done_at: datetime | None, now: datetime
) -> ClockView:
    if due is None:
        return ClockView(state, due, done_at, "No target")
    if state == sla.OVERDUE:
        words = f"Overdue by {duration_words(now - due)}"
    elif state == sla.DUE_SOON:
        words = f"Due soon: in {duration_words(due - now)}"
    elif state == sla.ON_TRACK:
        words = f"On track: due in {duration_words(due - now)}"
    elif state == sla.MET:
        words = f"Met ({duration_words(due - done_at)} early)" if done_at else "Met"
    else:
        words = f"Missed by {duration_words(done_at - due)}" if done_at else "Missed"
    return ClockView(state, due, done_at, words)


@dataclass(frozen=True)
class Clocks:
    first_response: ClockView
    resolution: ClockView
    current: ClockView  # the one to show in a list: the most urgent running clock


def clocks_for(sr: ServiceRequest, now: datetime | None = None) -> Clocks:
    now = now or timezone.now()
    clock = clocks.clock(sr, now)
    first = describe(clock.first_response, sr.first_response_due, sr.first_response_at, now)
    done = sr.resolved_at or sr.closed_at
    resolution = describe(clock.resolution, sr.resolution_due, done, now)
    if not sr.is_open:
        current = resolution
    else:
        running = [c for c in (first, resolution) if c.done_at is None]
        current = max(running, key=lambda c: _RANK.get(c.state, 0)) if running else resolution
        if current.state == sla.ON_TRACK and first.done_at is None:
            current = first  # the next deadline is the first response
    return Clocks(first, resolution, current)


@dataclass(frozen=True)
class QueueRow:
    request: ServiceRequest
    clocks: Clocks
    age: str


def rows(requests: list[ServiceRequest], now: datetime | None = None) -> list[QueueRow]:
    now = now or timezone.now()
    return [
        QueueRow(sr, clocks_for(sr, now), duration_words(now - sr.created_at)) for sr in requests
    ]
