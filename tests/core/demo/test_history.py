"""Two years of requests ending now: volumes, seasonality, timelines consistent with statuses."""

from __future__ import annotations

from collections import Counter
from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from bluebridge.core.demo.city import generate
from bluebridge.servicedesk import clocks, services, sla
from bluebridge.servicedesk.models import (
    CLOSED_STATUSES,
    RequestUpdate,
    ServiceRequest,
    Status,
)

from .conftest import FIXED_TODAY, SMALL


@pytest.fixture
def city_until_now(db: Any) -> None:
    generate(7, scale=0.15)


def test_it_spans_two_years_ending_today(city_until_now: None) -> None:
    now = timezone.now()
    first = ServiceRequest.objects.order_by("created_at").first()
    last = ServiceRequest.objects.order_by("-created_at").first()
    assert first is not None and last is not None
    assert now - timedelta(days=731) <= first.created_at <= now - timedelta(days=720)
    assert now - timedelta(hours=6) <= last.created_at <= now
    # the default 90-day Open311 window is full: requests in every week of it
    recent = ServiceRequest.objects.filter(created_at__gte=now - timedelta(days=90))
    weeks = Counter((now - sr.created_at).days // 7 for sr in recent)
    assert all(weeks[k] > 0 for k in range(12))
    assert recent.count() > 150


def test_it_has_a_tail_of_open_requests_overdue_and_due_soon(city_until_now: None) -> None:
    now = timezone.now()
    open_requests = ServiceRequest.objects.exclude(status__in=CLOSED_STATUSES)
    states = Counter()
    for sr in open_requests:
        clock = clocks.clock(sr, now)
        states[clock.first_response] += 1
        states[clock.resolution] += 1
    assert states[sla.OVERDUE] > 0
    assert states[sla.DUE_SOON] > 0
    assert 0 < open_requests.count() < ServiceRequest.objects.count() * 0.2
    closed = ServiceRequest.objects.filter(status__in=CLOSED_STATUSES).count()
    assert closed > ServiceRequest.objects.count() * 0.8


def test_it_keeps_statuses_consistent_with_timestamps(small_city: Any) -> None:
    calendar = services.business_calendar()
    checked = 0
    for sr in ServiceRequest.objects.select_related("category").prefetch_related("updates"):
        created = sr.created_at
        assert sr.first_response_due == sla.due_at(
            timezone.localtime(created),
            sr.category.first_response_hours,
            sr.category.clock,
            calendar,
        )
        assert sr.resolution_due is not None and sr.resolution_due >= sr.first_response_due
        if sr.status == Status.RECEIVED:
            assert sr.first_response_at is None
        else:
            assert sr.first_response_at is not None and sr.first_response_at >= created
        if sr.status in CLOSED_STATUSES:
            assert sr.closed_at is not None and sr.closed_at >= created
        else:
            assert sr.closed_at is None and sr.resolved_at is None
        if sr.status in {Status.RESOLVED, Status.CLOSED}:
            assert sr.resolved_at is not None and sr.first_response_at is not None
            assert sr.first_response_at <= sr.resolved_at <= sr.closed_at
            assert any(
                u.status_to == Status.RESOLVED and u.note and u.public for u in sr.updates.all()
            )
        if sr.status == Status.DUPLICATE:
            assert sr.duplicate_of is not None and sr.duplicate_of.created_at < created
            assert sr.duplicate_of.category_id == sr.category_id
        updates = list(sr.updates.all())
        assert updates[0].kind == RequestUpdate.CREATED and updates[0].created_at == created
        statuses = [u for u in updates if u.kind == RequestUpdate.STATUS]
        assert (statuses[-1].status_to if statuses else Status.RECEIVED) == sr.status
        assert sr.updated_at == max(u.created_at for u in updates)
        checked += 1
    assert checked > 500


def test_it_mixes_channels_categories_areas_and_seasons(small_city: Any) -> None:
    requests = ServiceRequest.objects.all()
    channels = Counter(requests.values_list("channel", flat=True))
    assert {"web", "open311", "staff"} <= set(channels)
    by_area = Counter(requests.exclude(area=None).values_list("area__code", flat=True))
    assert len(by_area) == 24 and max(by_area.values()) > 2 * min(by_area.values())
    noise = requests.filter(category__code="noise")
    summer = noise.filter(created_at__month__in=[6, 7, 8]).count()
    winter = noise.filter(created_at__month__in=[12, 1, 2]).count()
    assert summer > winter
    records = requests.filter(category__code="records-request")
    assert all(sr.area_id is None for sr in records)
    assert requests.filter(status=Status.DUPLICATE).exists()
    assert requests.filter(status=Status.REFERRED).exists()
    assert requests.filter(created_at__date__gt=FIXED_TODAY).count() == 0
    assert SMALL < 1
