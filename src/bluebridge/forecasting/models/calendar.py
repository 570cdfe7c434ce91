"""Origins and horizons as the CLI spells them: `1d`, `7d`, `31d`, `1m` (calendar months)."""

from __future__ import annotations

import re
from datetime import date, timedelta

from .events import to_days

_STEP = re.compile(r"^\s*(\d+)\s*([dwm])\s*$")


def parse_step(text: str, what: str = "step") -> tuple[int, str]:
    """'7d' -> (7, 'd'); '2w' -> (14, 'd'); '1m' -> (1, 'm')."""
    m = _STEP.match(text or "")
    if not m or int(m.group(1)) == 0:
        raise ValueError(
            f"{what} {text!r} is not a positive number of days, weeks or months such as "
            "1d, 7d, 2w or 1m"
        )
    n, unit = int(m.group(1)), m.group(2)
    if unit == "w":
        return n * 7, "d"
    return n, unit


def parse_date(text: str, what: str = "date") -> date:
    try:
        return date.fromisoformat(text)
    except (TypeError, ValueError):
        raise ValueError(f"{what} {text!r} is not a date like 2016-07-01") from None


def add(day: date, step: tuple[int, str]) -> date:
    n, unit = step
    if unit == "d":
        return day + timedelta(days=n)
    month = day.month - 1 + n
    year = day.year + month // 12
    month = month % 12 + 1
    # Clamp to the month's last day (31 Jan + 1m = 28/29 Feb).
    for d in (day.day, 30, 29, 28):
        try:
            return date(year, month, min(day.day, d))
        except ValueError:
            continue
    raise ValueError("impossible date")


def origin_dates(start: date, end: date, every: tuple[int, str]) -> list[date]:
    """Every origin in [start, end) stepping by `every` from `start`."""
    if end <= start:
        raise ValueError("--to must be after --from")
    out, day, i = [], start, 0
    while day < end:
        out.append(day)
        i += 1
        day = add(start, (every[0] * i, every[1]))
    return out


def windows(
    start: date, end: date, every: tuple[int, str], horizon: tuple[int, str]
) -> list[tuple[date, date, float, float]]:
    """(origin, horizon end, origin in days, horizon in days) for each origin."""
    out = []
    for day in origin_dates(start, end, every):
        stop = add(day, horizon)
        t0 = to_days(day.isoformat())
        out.append((day, stop, t0, to_days(stop.isoformat()) - t0))
    return out
