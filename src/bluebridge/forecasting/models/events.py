"""Incidents as arrays: time in days since an epoch, position in metres of a projected CRS."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

EPOCH = np.datetime64("1970-01-01T00:00:00", "s")
SECONDS_PER_DAY = 86400.0


def to_days(when: object) -> float:
    """A date, datetime, ISO string or numpy datetime64 as float days since 1970-01-01 (local)."""
    if isinstance(when, int | float | np.floating | np.integer):
        return float(when)
    text = (
        str(np.datetime_as_string(when, unit="s")) if isinstance(when, np.datetime64) else str(when)
    )
    value = np.datetime64(text, "s")
    return float((value - EPOCH) / np.timedelta64(1, "s")) / SECONDS_PER_DAY


def from_days(days: float) -> np.datetime64:
    """Float days since the epoch back to a numpy datetime64 (seconds)."""
    return EPOCH + np.timedelta64(round(days * SECONDS_PER_DAY), "s")


@dataclass
class Events:
    """Events sorted by time. `t` in days since 1970-01-01 local time; `x`, `y` in metres."""

    t: np.ndarray
    x: np.ndarray
    y: np.ndarray
    offense: np.ndarray | None = None
    public_initiated: np.ndarray | None = None
    _sorted: bool = field(default=False, repr=False)

    def __post_init__(self) -> None:
        self.t = np.asarray(self.t, dtype=np.float64)
        self.x = np.asarray(self.x, dtype=np.float64)
        self.y = np.asarray(self.y, dtype=np.float64)
        n = self.t.shape[0]
        if self.x.shape != (n,) or self.y.shape != (n,):
            raise ValueError("t, x and y must be one-dimensional arrays of the same length")
        if self.offense is not None:
            self.offense = np.asarray(self.offense)
            if self.offense.shape != (n,):
                raise ValueError("offense must have one entry per event")
        if self.public_initiated is not None:
            self.public_initiated = np.asarray(self.public_initiated, dtype=bool)
            if self.public_initiated.shape != (n,):
                raise ValueError("public_initiated must have one entry per event")
        if not np.all(np.isfinite(self.t)) or not np.all(np.isfinite(self.x + self.y)):
            raise ValueError("event times and coordinates must be finite numbers")
        if n and np.any(np.diff(self.t) < 0):
            order = np.argsort(self.t, kind="stable")
            self._take(order)

    def _take(self, index: np.ndarray) -> None:
        self.t, self.x, self.y = self.t[index], self.x[index], self.y[index]
        if self.offense is not None:
            self.offense = self.offense[index]
        if self.public_initiated is not None:
            self.public_initiated = self.public_initiated[index]

    def __len__(self) -> int:
        return int(self.t.shape[0])

    def subset(self, index: np.ndarray | slice) -> Events:
        return Events(
            t=self.t[index],
            x=self.x[index],
            y=self.y[index],
            offense=None if self.offense is None else self.offense[index],
            public_initiated=None
            if self.public_initiated is None
            else self.public_initiated[index],
        )

    def before(self, origin: float) -> Events:
        """Only the events strictly before `origin`: what a forecast made at `origin` may use."""
        return self.subset(slice(0, int(np.searchsorted(self.t, origin, side="left"))))

    def between(self, start: float, end: float) -> Events:
        """Events with start <= t < end."""
        lo = int(np.searchsorted(self.t, start, side="left"))
        hi = int(np.searchsorted(self.t, end, side="left"))
        return self.subset(slice(lo, hi))

    def where_offense(self, labels: list[str] | tuple[str, ...] | set[str]) -> Events:
        if self.offense is None:
            raise ValueError("these events carry no offense labels")
        return self.subset(np.isin(self.offense, list(labels)))

    @staticmethod
    def concatenate(parts: list[Events]) -> Events:
        if not parts:
            return Events(t=np.empty(0), x=np.empty(0), y=np.empty(0))
        offense = None
        if all(p.offense is not None for p in parts):
            offense = np.concatenate([np.asarray(p.offense, dtype=object) for p in parts])
        pub = None
        if all(p.public_initiated is not None for p in parts):
            pub = np.concatenate([p.public_initiated for p in parts])  # type: ignore[misc]
        return Events(
            t=np.concatenate([p.t for p in parts]),
            x=np.concatenate([p.x for p in parts]),
            y=np.concatenate([p.y for p in parts]),
            offense=offense,
            public_initiated=pub,
        )
