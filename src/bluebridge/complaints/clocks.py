"""Statutory clocks counted in working days or calendar days. No Django.

"Within N working days" means by the close of business of the Nth working day after the day of
receipt: a complaint received on a Friday, a weekend or a holiday starts counting on the next
working day. "Within N calendar days" means by the end of the Nth day after the day of receipt.
Working days come from the service desk's business calendar (weekdays and holidays).
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any

WORKING, CALENDAR = "business", "calendar"


def add_working_days(start: date, days: int, calendar: Any) -> date:
    """The Nth working day after `start` (never `start` itself)."""
    if days < 0:
        raise ValueError("days must not be negative")
    if not calendar.days:
        raise ValueError("a business calendar needs at least one business day")
    day, counted = start, 0
    while counted < days:
        day += timedelta(days=1)
        if calendar.is_business_day(day):
            counted += 1
    return day


def due(received: datetime, days: int, clock: str, calendar: Any) -> datetime:
    """When a clock of `days` started at `received` (aware, local time) runs out."""
    tz = received.tzinfo
    start = received.date()
    if clock == CALENDAR:
        return datetime.combine(start + timedelta(days=days), time(23, 59, 59), tz)
    day = add_working_days(start, days, calendar)
    return datetime.combine(day, calendar.closes, tz)


def working_days_between(start: date, end: date, calendar: Any) -> int:
    """Working days after `start` up to and including `end` (0 when end <= start)."""
    count, day = 0, start
    while day < end:
        day += timedelta(days=1)
        if calendar.is_business_day(day):
            count += 1
    return count
