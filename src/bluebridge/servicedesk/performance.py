"""Service-level performance by unit over a period: how often and how fast we responded and resolved.

Plain functions over querysets: one query reads the period's requests (only the timestamp
columns), one counts what is open and overdue now; the rest is arithmetic in Python.

Definitions (calendar time, as residents experience it):
- received: requests created in the period (merged duplicates included);
- first response met %: of the period's requests whose first-response clock is decided (they were
  answered, or are past due unanswered), the share answered by the due time;
- resolution met %: likewise for resolution, counting resolved or closed requests, but leaving out
  merged duplicates (their work is counted on the request they were merged into);
- medians: time from creation to first response / to resolution, over the requests that got one.
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from django.db.models import Count, QuerySet
from django.utils import timezone

from bluebridge.core.models import Unit
from bluebridge.servicedesk.models import CLOSED_STATUSES, ServiceRequest, Status
from bluebridge.servicedesk.queue import duration_words, overdue_q

PERIODS = (7, 30, 90)
DEFAULT_DAYS = 30
ALL_UNITS = 0  # key of the all-units tally (no unit has id 0)


@dataclass
class _Tally:
    received: int = 0
    first_met: int = 0
    first_decided: int = 0
    first_times: list[float] = field(default_factory=list)
    resolution_met: int = 0
    resolution_decided: int = 0
    resolution_times: list[float] = field(default_factory=list)


@dataclass(frozen=True)
class UnitPerformance:
    unit_code: str
    unit_name: str
    received: int
    first_response_met_pct: float | None
    median_first_response: timedelta | None
    resolution_met_pct: float | None
    median_resolution: timedelta | None
    open_now: int
    overdue_now: int

    @property
    def median_first_response_words(self) -> str:
        return (
            duration_words(self.median_first_response)
            if self.median_first_response is not None
            else "—"
        )

    @property
    def median_resolution_words(self) -> str:
        return duration_words(self.median_resolution) if self.median_resolution is not None else "—"


def _pct(met: int, decided: int) -> float | None:
    return round(100 * met / decided, 1) if decided else None


def _median(seconds: list[float]) -> timedelta | None:
    return timedelta(seconds=statistics.median(seconds)) if seconds else None


def _tally(rows: Iterable[Mapping[str, Any]], now: datetime) -> dict[int, _Tally]:
    """Tallies per unit id, and for all units together under ALL_UNITS."""
    tallies: dict[int, _Tally] = defaultdict(_Tally)
    for row in rows:
        for key in (row["unit_id"], ALL_UNITS):
            _count(tallies[key], row, now)
    return tallies


def _count(t: _Tally, row: Mapping[str, Any], now: datetime) -> None:
    t.received += 1
    created = row["created_at"]
    first_at, first_due = row["first_response_at"], row["first_response_due"]
    if first_at is not None:
        t.first_times.append((first_at - created).total_seconds())
        if first_due is not None:
            t.first_decided += 1
            t.first_met += first_at <= first_due
    elif first_due is not None and now > first_due:
        t.first_decided += 1
    if row["status"] == Status.DUPLICATE:
        return
    done, due = row["resolved_at"] or row["closed_at"], row["resolution_due"]
    if done is not None:
        t.resolution_times.append((done - created).total_seconds())
        if due is not None:
            t.resolution_decided += 1
            t.resolution_met += done <= due
    elif due is not None and now > due:
        t.resolution_decided += 1


def _performance(
    code: str, name: str, t: _Tally, open_now: int, overdue_now: int
) -> UnitPerformance:
    return UnitPerformance(
        unit_code=code,
        unit_name=name,
        received=t.received,
        first_response_met_pct=_pct(t.first_met, t.first_decided),
        median_first_response=_median(t.first_times),
        resolution_met_pct=_pct(t.resolution_met, t.resolution_decided),
        median_resolution=_median(t.resolution_times),
        open_now=open_now,
        overdue_now=overdue_now,
    )


def period_requests(since: datetime, until: datetime) -> QuerySet[ServiceRequest]:
    return ServiceRequest.objects.filter(created_at__gte=since, created_at__lt=until)


@dataclass(frozen=True)
class Report:
    days: int
    since: datetime
    until: datetime
    units: list[UnitPerformance]
    total: UnitPerformance


def by_unit(
    days: int = DEFAULT_DAYS, now: datetime | None = None, units: Iterable[Unit] | None = None
) -> Report:
    """Performance of every active unit (or of `units`) over the last `days` days, by unit name."""
    now = now or timezone.now()
    since = now - timedelta(days=days)
    rows = period_requests(since, now).values(
        "unit_id",
        "status",
        "created_at",
        "first_response_due",
        "first_response_at",
        "resolution_due",
        "resolved_at",
        "closed_at",
    )
    tallies = _tally(rows, now)
    current = {
        row["unit_id"]: (row["open"], row["overdue"])
        for row in ServiceRequest.objects.exclude(status__in=CLOSED_STATUSES)
        .values("unit_id")
        .annotate(open=Count("id"), overdue=Count("id", filter=overdue_q(now)))
        .order_by()
    }
    chosen = list(units) if units is not None else list(Unit.objects.filter(active=True))
    result = [
        _performance(
            unit.code, unit.name, tallies.get(unit.pk, _Tally()), *current.get(unit.pk, (0, 0))
        )
        for unit in sorted(chosen, key=lambda u: u.name)
    ]
    total = _performance(
        "",
        "All units",
        tallies.get(ALL_UNITS, _Tally()),
        sum(o for o, _ in current.values()),
        sum(d for _, d in current.values()),
    )
    return Report(days, since, now, result, total)


def parse_days(value: str | None) -> tuple[int, str]:
    """The period in days from ?days=, and an error message when it was not 7, 30 or 90."""
    text = (value or "").strip()
    if not text:
        return DEFAULT_DAYS, ""
    if text.isdigit() and int(text) in PERIODS:
        return int(text), ""
    return DEFAULT_DAYS, f"days must be 7, 30 or 90 (not {text!r}); showing the last 30 days"
