"""Emerging concerns: a theme that jumps in one area is flagged; a stable one is not."""

from __future__ import annotations

import pytest

from bluebridge.feedback.text import count_rows, emerging_concerns

MONTHS = ["2025-01", "2025-02", "2025-03", "2025-04"]


def _usual(group: str, noise: int, parking: int, other: int) -> dict[tuple[str, str, str], int]:
    table = {}
    for month in MONTHS[:3]:
        table[(group, month, "noise")] = noise
        table[(group, month, "parking")] = parking
        table[(group, month, "other")] = other
    return table


def test_a_theme_that_jumps_in_one_area_is_flagged_and_a_stable_one_is_not() -> None:
    counts = {**_usual("B1", 5, 10, 15), **_usual("B2", 5, 10, 15)}
    counts |= {("B1", "2025-04", "noise"): 20, ("B1", "2025-04", "parking"): 10}
    counts |= {("B1", "2025-04", "other"): 15}
    counts |= {("B2", "2025-04", "noise"): 5, ("B2", "2025-04", "parking"): 10}
    counts |= {("B2", "2025-04", "other"): 15}
    alerts = emerging_concerns(counts, "2025-04")
    assert [(a.group, a.theme) for a in alerts] == [("B1", "noise")]
    alert = alerts[0]
    assert alert.count == 20 and alert.period == "2025-04"
    assert alert.expected == pytest.approx(45 * 15.5 / 91, rel=1e-3)
    assert alert.p_value < 0.01
    assert "noise" in alert.message and "B1" in alert.message


def test_more_comments_on_everything_raise_no_alert() -> None:
    counts = _usual("B1", 5, 10, 15)
    counts |= {("B1", "2025-04", "noise"): 15, ("B1", "2025-04", "parking"): 30}
    counts |= {("B1", "2025-04", "other"): 45}
    assert emerging_concerns(counts, "2025-04") == []


def test_a_small_count_is_not_an_alert_however_unusual() -> None:
    counts = _usual("B1", 0, 10, 15)
    counts |= {("B1", "2025-04", "noise"): 4, ("B1", "2025-04", "parking"): 10}
    assert emerging_concerns(counts, "2025-04", min_count=5) == []
    assert [a.theme for a in emerging_concerns(counts, "2025-04", min_count=4)] == ["noise"]


def test_a_new_area_is_compared_with_the_city_wide_share() -> None:
    counts = _usual("B1", 5, 10, 15)
    counts |= {("B9", "2025-04", "noise"): 12, ("B9", "2025-04", "parking"): 3}
    alerts = emerging_concerns(counts, "2025-04")
    assert [(a.group, a.theme) for a in alerts] == [("B9", "noise")]


def test_without_any_history_nothing_is_flagged() -> None:
    counts = {("B1", "2025-04", "noise"): 50, ("B1", "2025-04", "parking"): 1}
    assert emerging_concerns(counts, "2025-04") == []


def test_only_the_last_history_periods_count_when_asked() -> None:
    counts = {("B1", "2025-01", "noise"): 40, ("B1", "2025-01", "other"): 10}
    counts |= {("B1", "2025-02", "noise"): 2, ("B1", "2025-02", "other"): 28}
    counts |= {("B1", "2025-03", "noise"): 15, ("B1", "2025-03", "other"): 15}
    assert emerging_concerns(counts, "2025-03") == []
    assert [a.theme for a in emerging_concerns(counts, "2025-03", history=1)] == ["noise"]


def test_rows_can_be_counted_into_the_table() -> None:
    rows = [("B1", "2025-04", "noise"), ("B1", "2025-04", "noise"), ("B2", "2025-04", "parking")]
    assert count_rows(rows) == {("B1", "2025-04", "noise"): 2, ("B2", "2025-04", "parking"): 1}


def test_negative_counts_are_refused() -> None:
    with pytest.raises(ValueError, match="negative count"):
        emerging_concerns({("B1", "2025-04", "noise"): -1}, "2025-04")
