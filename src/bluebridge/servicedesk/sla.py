"""Service-level clocks: when a first response and a resolution are due. No Django.

Business-hour clocks run only on business days, inside opening hours, never on holidays;
calendar-hour clocks run around the clock.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

DUE_SOON, OVERDUE, ON_TRACK, MET, MISSED = "due_soon", "overdue", "on_track", "met", "missed"


@dataclass(frozen=True)
class BusinessCalendar:
    opens: time = time(8, 0)
    closes: time = time(17, 0)
    days: frozenset[int] = frozenset({0, 1, 2, 3, 4})
    holidays: frozenset[date] = frozenset()

    @classmethod
    def parse(
        cls, hours: str, days: Collection[int], holidays: Collection[date] = ()
    ) -> BusinessCalendar:
        start, end = (time.fromisoformat(part.strip()) for part in hours.split("-"))
        if end <= start:
            raise ValueError("business hours must end after they start")
        return cls(start, end, frozenset(days), frozenset(holidays))

    def is_business_day(self, day: date) -> bool:
        return day.weekday() in self.days and day not in self.holidays


def add_business_hours(start: datetime, hours: float, calendar: BusinessCalendar) -> datetime:
    """`start` plus `hours` of open time. `start` must be an aware datetime in local time."""
    if hours < 0:
        raise ValueError("hours must not be negative")
    if not calendar.days:
        raise ValueError("a business calendar needs at least one business day")
    remaining = timedelta(hours=hours)
    tz = start.tzinfo
    cursor = start
    for _ in range(3700):  # ten years of days at most
        day = cursor.date()
        if calendar.is_business_day(day):
            opens = datetime.combine(day, calendar.opens, tz)
            closes = datetime.combine(day, calendar.closes, tz)
            begin = max(cursor, opens)
            if begin < closes:
                available = closes - begin
                if remaining <= available:
                    return begin + remaining
                remaining -= available
        cursor = datetime.combine(day + timedelta(days=1), time(0, 0), tz)
    raise ValueError("the business calendar has no open time in the next ten years")


def due_at(start: datetime, hours: float, clock: str, calendar: BusinessCalendar) -> datetime:
    if clock == "calendar":
        return start + timedelta(hours=hours)
    return add_business_hours(start, hours, calendar)


def state(due: datetime | None, done_at: datetime | None, now: datetime, soon: timedelta) -> str:
    """on_track, due_soon or overdue while the clock runs; met or missed once done."""
    if due is None:
        return ON_TRACK
    if done_at is not None:
        return MET if done_at <= due else MISSED
    if now > due:
        return OVERDUE
    if due - now <= soon:
        return DUE_SOON
    return ON_TRACK
