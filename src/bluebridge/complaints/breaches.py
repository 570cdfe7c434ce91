"""The periodic scan for service requests past their due time: one recovery case per request."""

from __future__ import annotations

from datetime import datetime

from django.db.models import Q
from django.utils import timezone

from bluebridge.complaints import recovery
from bluebridge.complaints.recovery_models import RecoveryCase, Trigger
from bluebridge.servicedesk import clocks, sla
from bluebridge.servicedesk.models import CLOSED_STATUSES, ServiceRequest

BATCH = 500


def breached_requests(now: datetime) -> list[ServiceRequest]:
    """Open requests whose first response or resolution clock is overdue, without a case yet."""
    handled = RecoveryCase.objects.filter(trigger=Trigger.SLA_BREACH).values("source_reference")
    candidates = (
        ServiceRequest.objects.select_related("category", "unit")
        .exclude(status__in=CLOSED_STATUSES)
        .filter(
            Q(resolution_due__lt=now)
            | Q(first_response_at__isnull=True, first_response_due__lt=now)
        )
        .exclude(reference__in=handled)
        .order_by("resolution_due")[:BATCH]
    )
    found = []
    for sr in candidates:
        clock = clocks.clock(sr, now)
        if sla.OVERDUE in (clock.first_response, clock.resolution):
            found.append(sr)
    return found


def scan(now: datetime | None = None) -> int:
    """Open a recovery case for each newly breached request; returns how many were opened."""
    now = now or timezone.now()
    opened = 0
    for sr in breached_requests(now):
        _case, created = recovery.open_case(
            Trigger.SLA_BREACH,
            source_kind="request",
            source_reference=sr.reference,
            email=sr.email,
            phone=sr.phone,
            language=sr.language,
            category=sr.category.code,
            unit=sr.unit,
            sensitive=sr.category.sensitive or sr.contact_preference == "none",
            summary=f"{sr.category.name}: past its due time",
        )
        opened += created
    return opened
