"""One incident as read from a file, before projection and classification; value parsers. No Django.

Each format turns a CSV row (a dict) into a `Record` or raises `RowError` with a reason that
names the column and the value, so an analyst can fix the file.
"""

from __future__ import annotations

import hashlib
import math
from dataclasses import dataclass
from datetime import datetime

EXACT, DAY, MONTH = "exact", "day", "month"


class RowError(ValueError):
    """This row cannot be loaded; the message says why."""


@dataclass
class Record:
    source_id: str  # "" when the file has none (a content hash is used instead)
    occurred_at: datetime  # naive local time
    precision: str
    offense_raw: str
    lat: float | None = None
    lon: float | None = None
    x: float | None = None  # in the file's CRS, when it gives projected coordinates
    y: float | None = None
    origin: str = ""  # "public" | "officer" | "" (then the taxonomy decides)
    extra: str = ""  # more text that tells rows apart in the content hash (e.g. location)

    def content_key(self) -> str:
        text = "|".join(
            str(v)
            for v in (
                self.occurred_at.isoformat(),
                self.offense_raw,
                self.lat,
                self.lon,
                self.x,
                self.y,
                self.extra,
            )
        )
        return hashlib.blake2b(text.encode(), digest_size=12).hexdigest()


_DATE_FORMATS = (
    ("%m/%d/%Y %I:%M:%S %p", EXACT),  # Socrata CSV exports: 01/31/2016 11:05:00 PM
    ("%m/%d/%Y %H:%M:%S", EXACT),
    ("%m/%d/%Y %H:%M", EXACT),
    ("%m/%d/%Y", DAY),
    ("%d/%m/%Y %H:%M", EXACT),
)


def parse_when(value: str, column: str = "occurred_at") -> tuple[datetime, str]:
    """A date or date-time in the usual open-data spellings -> (naive datetime, precision)."""
    text = (value or "").strip()
    if not text:
        raise RowError(f"{column} is empty")
    if len(text) == 7 and text[4] == "-":  # YYYY-MM (police.uk)
        try:
            return datetime(int(text[:4]), int(text[5:7]), 1), MONTH
        except ValueError:
            raise RowError(f"{column} {text!r} is not a month (YYYY-MM)") from None
    try:
        parsed = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        parsed = None
    if parsed is not None:
        if parsed.tzinfo is not None:
            raise RowError(f"{column} {text!r} carries a UTC offset; give local time")
        return parsed, DAY if len(text) <= 10 else EXACT
    for fmt, precision in _DATE_FORMATS:
        try:
            return datetime.strptime(text, fmt), precision
        except ValueError:
            continue
    raise RowError(f"{column} {text!r} is not a date")


def parse_float(value: str | None, column: str) -> float | None:
    text = (value or "").strip()
    if not text:
        return None
    try:
        number = float(text)
    except ValueError:
        raise RowError(f"{column} {text!r} is not a number") from None
    if not math.isfinite(number):
        raise RowError(f"{column} {text!r} is not a finite number")
    return number


def parse_origin(value: str | None) -> str:
    """Free-text 'who initiated' values -> 'public' | 'officer' | '' (unknown)."""
    text = (value or "").strip().lower()
    if not text:
        return ""
    if any(w in text for w in ("officer", "self", "on-view", "onview", "on view", "proactive")):
        return "officer"
    if any(w in text for w in ("public", "citizen", "resident", "call", "911", "report")):
        return "public"
    return ""


def require(row: dict[str, str], column: str) -> str:
    if column not in row:
        raise RowError(f"column {column!r} is missing")
    return (row.get(column) or "").strip()
