"""Reporting periods: calendar months ("2025-03") and quarters ("2025-Q1"), in local time."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime

from django.utils import timezone

_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_QUARTER = re.compile(r"^(\d{4})-Q([1-4])$")


class PeriodError(ValueError):
    pass


@dataclass(frozen=True)
class Period:
    label: str
    first: date  # first month's first day
    months: int

    @property
    def start(self) -> datetime:
        return timezone.make_aware(datetime(self.first.year, self.first.month, 1))

    @property
    def end(self) -> datetime:
        year, month = divmod(self.first.month - 1 + self.months, 12)
        return timezone.make_aware(datetime(self.first.year + year, month + 1, 1))

    def month_labels(self) -> list[str]:
        return [shift_month(f"{self.first:%Y-%m}", k) for k in range(self.months)]


def shift_month(label: str, by: int) -> str:
    year, month = int(label[:4]), int(label[5:7])
    year, month0 = divmod(month - 1 + by, 12)[0] + year, (month - 1 + by) % 12
    return f"{year:04d}-{month0 + 1:02d}"


def quarter_of_month(label: str) -> str:
    """The quarter ("2025-Q1") that holds a month ("2025-03")."""
    return f"{label[:4]}-Q{(int(label[5:7]) - 1) // 3 + 1}"


def shift_quarter(label: str, by: int) -> str:
    year, index = divmod(int(label[:4]) * 4 + int(label[-1]) - 1 + by, 4)
    return f"{year:04d}-Q{index + 1}"


def month_of(moment: datetime) -> str:
    return f"{timezone.localtime(moment):%Y-%m}"


def parse(label: str) -> Period:
    text = (label or "").strip()
    if m := _MONTH.match(text):
        year, month = int(m.group(1)), int(m.group(2))
        if not 1 <= month <= 12:
            raise PeriodError(f"no month {month} in {text!r}")
        return Period(text, date(year, month, 1), 1)
    if m := _QUARTER.match(text):
        year, quarter = int(m.group(1)), int(m.group(2))
        return Period(text, date(year, 3 * quarter - 2, 1), 3)
    raise PeriodError(f"period {text!r}: write a month as 2025-03 or a quarter as 2025-Q1")


def pooled(period: Period, months: int) -> Period:
    """The `months` months ending with the last month of `period`."""
    last = period.month_labels()[-1]
    first = shift_month(last, -(months - 1))
    return Period(f"{first}..{last}", date(int(first[:4]), int(first[5:]), 1), months)


def recent_months(now: datetime, count: int) -> list[str]:
    current = month_of(now)
    return [shift_month(current, -k) for k in range(count - 1, -1, -1)]
