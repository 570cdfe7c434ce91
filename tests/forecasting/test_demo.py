"""Demo incidents: deterministic, with hotspots, near-repeats, weekly cycles and both origins."""

from __future__ import annotations

from collections import Counter
from datetime import date, datetime, timedelta

import numpy as np
import pytest
from django.utils import timezone

from bluebridge.core.demo.extensions import DemoContext
from bluebridge.core.models import Area
from bluebridge.forecasting import demo
from bluebridge.forecasting.dbmodels import ForecastRun, ImportBatch, Incident

pytestmark = pytest.mark.django_db


def _context(seed: int = 7) -> DemoContext:
    now = timezone.make_aware(datetime(2025, 6, 30, 15, 30))
    return DemoContext(
        seed=seed,
        now=timezone.localtime(now),
        first_day=date(2025, 6, 30) - timedelta(days=demo.DAYS - 1),
        beats=list(Area.objects.filter(kind=Area.BEAT)),
        officers=[],
        accounts={},
        calendar=None,
        scale=0.25,
    )


def _fingerprint() -> list[tuple]:
    return list(
        Incident.objects.order_by("source_id").values_list("source_id", "occurred_at", "x", "y")
    )


def test_it_makes_the_same_incidents_from_the_same_seed(city):
    demo.populate(_context())
    first = _fingerprint()
    demo.wipe()
    assert not Incident.objects.exists() and not ImportBatch.objects.exists()
    demo.populate(_context())
    assert _fingerprint() == first and len(first) > 1000


def test_its_incidents_have_hotspots_cycles_and_both_origins(city):
    lines = demo.populate(_context())
    assert "incidents for forecasting" in lines[0]
    burglary = Incident.objects.filter(group="burglary")
    xy = np.array(list(burglary.values_list("x", "y")))
    cells = Counter(map(tuple, np.floor(xy / 150).astype(int)))
    counts = sorted(cells.values(), reverse=True)
    top = sum(counts[: max(1, len(counts) // 20)]) / sum(counts)
    assert top > 0.2  # the busiest 5 % of occupied cells hold over a fifth of burglaries
    days = Counter(
        timezone.localtime(t).weekday()
        for t in Incident.objects.filter(group="assault").values_list("occurred_at", flat=True)
    )
    assert (days[4] + days[5] + days[6]) / 3 > (days[0] + days[1] + days[2] + days[3]) / 4
    origins = Counter(Incident.objects.values_list("origin", flat=True))
    assert origins["public"] > origins["officer"] > 0
    assert set(Incident.objects.filter(group="drugs").values_list("origin", flat=True)) == {
        "officer"
    }
    assert Incident.objects.filter(area__isnull=False).count() == Incident.objects.count()
    assert Incident.objects.filter(occurred_at__gte=_context().now).count() == 0


def test_its_wipe_removes_forecasts_made_over_the_old_city(city):
    demo.populate(_context())
    ForecastRun.objects.create(
        group="burglary", horizon_days=7, model="naive", origin=timezone.now(), cell_size=150
    )
    demo.wipe()
    assert not ForecastRun.objects.exists()
