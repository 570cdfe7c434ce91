"""A request's two SLA clocks (first response, resolution) as the queue and pages show them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.utils import timezone

from bluebridge.servicedesk import sla
from bluebridge.servicedesk.models import ServiceRequest


@dataclass(frozen=True)
class Clock:
    first_response: str
    resolution: str
    due: datetime | None


def clock(sr: ServiceRequest, now: datetime | None = None) -> Clock:
    now = now or timezone.now()
    soon = timedelta(hours=settings.BLUEBRIDGE_DUE_SOON_HOURS)
    first = sla.state(sr.first_response_due, sr.first_response_at, now, soon)
    done = sr.resolved_at or sr.closed_at
    resolution = sla.state(sr.resolution_due, done, now, soon)
    due = sr.first_response_due if sr.first_response_at is None else sr.resolution_due
    return Clock(first, resolution, due)
