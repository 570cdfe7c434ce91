from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from bluebridge.servicedesk import sla

TZ = ZoneInfo("America/Chicago")
CAL = sla.BusinessCalendar.parse("08:00-17:00", [0, 1, 2, 3, 4], [date(2026, 11, 26)])


def at(y: int, m: int, d: int, h: int, mi: int = 0) -> datetime:
    return datetime(y, m, d, h, mi, tzinfo=TZ)


def test_it_counts_hours_inside_opening_hours():
    # Monday 2026-11-16 10:00 + 4 business hours = 14:00 the same day
    assert sla.add_business_hours(at(2026, 11, 16, 10), 4, CAL) == at(2026, 11, 16, 14)


def test_it_carries_over_to_the_next_business_day():
    # Monday 15:00 + 4 h: 2 h on Monday, 2 h on Tuesday from 08:00
    assert sla.add_business_hours(at(2026, 11, 16, 15), 4, CAL) == at(2026, 11, 17, 10)


def test_it_skips_weekends_and_holidays():
    # Wednesday 2026-11-25 16:00 + 3 h: 1 h Wed, Thursday is a holiday, 2 h Friday
    assert sla.add_business_hours(at(2026, 11, 25, 16), 3, CAL) == at(2026, 11, 27, 10)
    # Friday 16:00 + 2 h: 1 h Friday, then Monday 09:00
    assert sla.add_business_hours(at(2026, 11, 27, 16), 2, CAL) == at(2026, 11, 30, 9)


def test_it_starts_the_clock_at_opening_when_reported_at_night():
    assert sla.add_business_hours(at(2026, 11, 16, 22), 1, CAL) == at(2026, 11, 17, 9)


def test_it_runs_calendar_clocks_around_the_clock():
    start = at(2026, 11, 21, 23)  # a Saturday night
    assert sla.due_at(start, 4, "calendar", CAL) == start + timedelta(hours=4)


def test_it_tells_the_state_of_a_clock():
    due = at(2026, 11, 16, 12)
    soon = timedelta(hours=2)
    assert sla.state(due, None, at(2026, 11, 16, 8), soon) == sla.ON_TRACK
    assert sla.state(due, None, at(2026, 11, 16, 11), soon) == sla.DUE_SOON
    assert sla.state(due, None, at(2026, 11, 16, 13), soon) == sla.OVERDUE
    assert sla.state(due, at(2026, 11, 16, 11), at(2026, 11, 16, 13), soon) == sla.MET
    assert sla.state(due, at(2026, 11, 16, 13), at(2026, 11, 16, 14), soon) == sla.MISSED


def test_it_refuses_bad_calendars():
    with pytest.raises(ValueError):
        sla.BusinessCalendar.parse("17:00-08:00", [0])
    with pytest.raises(ValueError):
        sla.add_business_hours(
            at(2026, 11, 16, 10), 1, sla.BusinessCalendar(time(8), time(17), frozenset())
        )
    with pytest.raises(ValueError):
        sla.add_business_hours(at(2026, 11, 16, 10), -1, CAL)
