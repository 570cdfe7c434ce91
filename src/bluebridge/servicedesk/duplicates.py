"""Duplicate reports: finding likely duplicates of a request and merging one into another."""

from __future__ import annotations

import math
from datetime import timedelta

from django.db import transaction
from django.http import HttpRequest

from bluebridge.core import geography
from bluebridge.servicedesk.models import RequestUpdate, ServiceRequest, Status
from bluebridge.servicedesk.services import User, _label, change_status
from bluebridge.servicedesk.validation import InvalidRequest


def merge(
    duplicate: ServiceRequest,
    into: ServiceRequest,
    *,
    user: User,
    request: HttpRequest | None = None,
) -> None:
    """Close `duplicate` as a duplicate of `into`; its resident is told where to follow it."""
    if duplicate.pk == into.pk:
        raise InvalidRequest({"into": "a request cannot be a duplicate of itself"})
    if into.duplicate_of_id == duplicate.pk:
        raise InvalidRequest(
            {"into": f"{into.reference} is already a duplicate of {duplicate.reference}"}
        )
    with transaction.atomic():
        duplicate.duplicate_of = into
        duplicate.save(update_fields=["duplicate_of"])
        change_status(
            duplicate,
            Status.DUPLICATE,
            user=user,
            request=request,
            public_note=f"This is being handled together with {into.reference}. "
            f"We will keep you posted here.",
        )
        RequestUpdate.objects.create(
            request=into,
            kind=RequestUpdate.MERGE,
            note=f"{duplicate.reference} merged into this request",
            public=False,
            author=duplicate.updated_by,
            author_label=_label(user),
        )


def suggest_duplicates(
    sr: ServiceRequest, radius_m: float = 250, days: int = 14
) -> list[ServiceRequest]:
    """Open requests of the same category reported nearby in the last `days` days, nearest first."""
    if sr.lat is None or sr.lon is None:
        return []
    dlat = radius_m / 111_000
    dlon = radius_m / (111_000 * max(0.1, abs(math.cos(math.radians(sr.lat)))))
    since = sr.created_at - timedelta(days=days)
    candidates = (
        ServiceRequest.objects.filter(
            category=sr.category,
            lat__range=(sr.lat - dlat, sr.lat + dlat),
            lon__range=(sr.lon - dlon, sr.lon + dlon),
            created_at__gte=since,
            duplicate_of__isnull=True,
        )
        .exclude(pk=sr.pk)
        .exclude(status__in=[Status.DUPLICATE])
    )
    scored = []
    for other in candidates[:50]:
        distance = geography.distance_m(sr.lat, sr.lon, other.lat or 0, other.lon or 0)
        if distance <= radius_m:
            other.distance_m = round(distance)  # type: ignore[attr-defined]
            scored.append((distance, other))
    return [o for _, o in sorted(scored, key=lambda pair: pair[0])]
