"""The trust index: weighting matters, small areas are suppressed, pooled or shrunk, trends."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from bluebridge.feedback.services.periods import month_of, shift_month
from bluebridge.feedback.services.trust import trend, trust_index

from .helpers import community, margins


def _row(rows: list, code: str):  # type: ignore[no-untyped-def]
    return next(r for r in rows if r.area == code)


def test_it_weights_responses_to_the_population(city: None) -> None:
    margins("B1", young_share=0.5)
    community("B1", 200)  # 80% old respondents who say 8; the young say 4
    rows = trust_index(month_of(timezone.now()), small_areas="suppress")
    b1 = _row(rows, "B1")
    assert b1.published and b1.weighted and b1.method == "direct"
    assert b1.n == 200
    # Unweighted the mean would be about 72; weighted to a half-young population, about 60
    # (a little under: the race margins and the weight caps move it too).
    assert 55 < b1.trust.mean < 63
    assert b1.n_eff < 200
    assert b1.trust.low < b1.trust.mean < b1.trust.high


def test_it_does_not_publish_an_area_with_effective_n_under_50(city: None) -> None:
    margins("B2")
    community("B2", 30)
    rows = trust_index(month_of(timezone.now()), small_areas="suppress")
    b2 = _row(rows, "B2")
    assert not b2.published and b2.method == "suppressed"
    assert b2.as_dict()["trust"] is None
    assert b2.note == "not enough responses"


def test_it_pools_a_small_area_over_three_months_with_a_label(city: None) -> None:
    now = timezone.now()
    community("B2", 30, when=now, old_share=0.5)
    community("B2", 40, when=now - timedelta(days=35), old_share=0.5, seed=2)
    rows = trust_index(month_of(now), small_areas="pool")
    b2 = _row(rows, "B2")
    assert b2.method == "pooled" and b2.published
    assert b2.note.startswith("pooled over the 3 months")
    assert b2.n == 70


def test_it_shrinks_a_small_area_toward_the_city_value(city: None) -> None:
    community("B1", 200, old_share=1.0)  # city mostly says 8
    community("B2", 20, old_share=0.0, seed=3)  # B2 says 4
    rows = trust_index(month_of(timezone.now()), small_areas="shrink")
    b2 = _row(rows, "B2")
    assert b2.method == "shrunk" and b2.note == "shrunk toward the city value"
    assert 40 < b2.trust.mean < rows[0].trust.mean


def test_it_rolls_beats_up_into_districts(city: None) -> None:
    community("B1", 40)
    community("B2", 40, seed=5)
    rows = trust_index(month_of(timezone.now()), kind="district")
    assert _row(rows, "D1").n == 80


def test_it_says_whether_a_change_is_beyond_noise(city: None) -> None:
    now = timezone.now()
    this = month_of(now)
    community(None, 300, when=now, old_share=0.0, trust_young=4.0)
    last = shift_month(this, -1)
    community(None, 300, when=now - timedelta(days=32), old_share=1.0, seed=9)
    points = trend("city", this, months=2)
    assert [p.row.period for p in points] == [last, this]
    assert points[1].change is not None and points[1].change.significant
    assert points[1].change.difference < -30


def test_it_tests_changes_in_safety_as_well_as_trust(city: None) -> None:
    now = timezone.now()
    this = month_of(now)
    community("B1", 200, when=now, old_share=0.0, trust_young=3.0)
    community("B1", 200, when=now - timedelta(days=32), old_share=1.0, seed=4)
    points = trend("B1", this, months=2)
    assert [p.row.area for p in points] == ["B1", "B1"]
    assert points[0].safety_change is None  # nothing before the first month
    safety = points[1].safety_change
    assert safety is not None and safety.significant and safety.difference < -30


def test_it_steps_the_trend_by_quarters_that_do_not_overlap(city: None) -> None:
    from bluebridge.feedback.services.periods import (
        parse,
        quarter_of_month,
        shift_quarter,
    )

    assert quarter_of_month("2025-03") == "2025-Q1" and quarter_of_month("2025-04") == "2025-Q2"
    assert shift_quarter("2025-Q1", -1) == "2024-Q4" and shift_quarter("2024-Q4", 1) == "2025-Q1"
    now = timezone.now()
    this = month_of(now)
    this_quarter = parse(quarter_of_month(this))
    earlier = this_quarter.start - timedelta(days=40)  # inside the quarter before
    community("B1", 30, when=now, old_share=0.0, trust_young=3.0)
    community("B1", 30, when=now - timedelta(minutes=1), old_share=0.0, trust_young=3.0, seed=6)
    community("B1", 60, when=earlier, old_share=1.0, seed=7)
    points = trend("B1", this, months=2, step="quarter")
    assert [p.row.period for p in points] == [
        shift_quarter(this_quarter.label, -1),
        this_quarter.label,
    ]
    assert points[1].change is not None and points[1].change.significant
    assert points[1].row.n == 60
