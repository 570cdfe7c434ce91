"""Two years of service requests ending now, with timelines that make sense.

Everything random comes from one seeded generator, so the same seed and the same `now` give the
same requests. SLA dues come from bluebridge.servicedesk.sla with the department's calendar.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from django.contrib.auth.models import User
from django.db import connection
from django.db.models import Prefetch

from bluebridge.core import geography
from bluebridge.core.demo.names import FIRST_NAMES, LAST_NAMES, STREETS
from bluebridge.core.demo.patterns import CHANNELS, GROWTH_PER_YEAR, Pattern, pattern_for
from bluebridge.core.models import Area, Officer
from bluebridge.servicedesk import sla
from bluebridge.servicedesk.models import (
    CROCKFORD,
    CategoryAttribute,
    RequestUpdate,
    ServiceCategory,
    ServiceRequest,
    Status,
)

DAYS = 730
BATCH = 1000
AUTO_CLOSE = timedelta(days=7)  # resolved requests close after a week without a reply


@dataclass
class Beat:
    area: Area
    weight_by_category: dict[str, float] = field(default_factory=dict)


@dataclass
class Planned:
    sr: ServiceRequest
    updates: list[RequestUpdate]
    last_event: datetime
    duplicate_of: Planned | None = None


def _poisson(rng: random.Random, lam: float) -> int:
    if lam <= 0:
        return 0
    limit, k, p = math.exp(-lam), 0, 1.0
    while True:
        p *= rng.random()
        if p <= limit:
            return k
        k += 1


def _weighted(rng: random.Random, items: list[tuple[Any, float]]) -> Any:
    total = sum(w for _, w in items)
    x = rng.random() * total
    for item, w in items:
        x -= w
        if x <= 0:
            return item
    return items[-1][0]


class HistoryGenerator:
    def __init__(
        self,
        rng: random.Random,
        now: datetime,
        calendar: sla.BusinessCalendar,
        beats: list[Area],
        activity: dict[str, float],
        centrality: dict[str, float],
        agent: User,
        scale: float = 1.0,
    ) -> None:
        self.rng = rng
        self.now = now
        self.tz = now.tzinfo
        self.calendar = calendar
        self.agent = agent
        self.agent_label = agent.get_full_name() or agent.get_username()
        self.scale = scale
        self.categories = list(
            ServiceCategory.objects.filter(active=True)
            .select_related("routing_unit")
            .prefetch_related(Prefetch("attributes", queryset=CategoryAttribute.objects.all()))
            .order_by("order", "code")
        )
        self.beats = beats
        self.beat_weights: dict[str, list[tuple[Area, float]]] = {}
        for category in self.categories:
            downtown = pattern_for(category.code).downtown
            self.beat_weights[category.code] = [
                (b, b.population * activity[b.code] * max(0.1, 1 + downtown * centrality[b.code]))
                for b in beats
            ]
        self.officers: dict[int, list[Officer]] = {}
        for officer in Officer.objects.order_by("badge"):
            self.officers.setdefault(officer.unit_id, []).append(officer)
        self.district_unit = {b.pk: b.unit_id for b in beats}
        self.references: set[str] = set()
        self.recent: dict[tuple[str, int], list[Planned]] = {}
        self.planned: list[Planned] = []

    # -- one request -------------------------------------------------------------------------

    def _reference(self) -> str:
        while True:
            chars = "".join(self.rng.choice(CROCKFORD) for _ in range(8))
            ref = f"BB-{chars[:4]}-{chars[4:]}"
            if ref not in self.references:
                self.references.add(ref)
                return ref

    def _point(self, beat: Area) -> tuple[float, float]:
        for _ in range(200):
            lon = self.rng.uniform(beat.min_lon, beat.max_lon)
            lat = self.rng.uniform(beat.min_lat, beat.max_lat)
            if geography.contains(beat.geometry, lon, lat):
                return round(lat, 6), round(lon, 6)
        lat, lon = geography.centroid(beat.geometry)
        return round(lat, 6), round(lon, 6)

    def _attributes(self, category: ServiceCategory, created: datetime) -> dict[str, Any]:
        values: dict[str, Any] = {}
        for attr in category.attributes.all():
            if not attr.required and self.rng.random() < 0.4:
                continue
            if attr.datatype == CategoryAttribute.SINGLE and attr.values:
                values[attr.code] = self.rng.choice(attr.values)["key"]
            elif attr.datatype == CategoryAttribute.MULTI and attr.values:
                keys = [v["key"] for v in attr.values]
                values[attr.code] = sorted(self.rng.sample(keys, self.rng.randint(1, len(keys))))
            elif attr.datatype == CategoryAttribute.NUMBER:
                values[attr.code] = self.rng.randint(1, 900)
            elif attr.datatype == CategoryAttribute.DATETIME:
                when = created - timedelta(hours=self.rng.uniform(1, 72))
                values[attr.code] = when.replace(microsecond=0).isoformat()
            elif attr.code == "plate":
                letters = "".join(self.rng.choice("ABCDEFGHJKLMNPRSTUVWXYZ") for _ in range(3))
                values[attr.code] = f"{letters} {self.rng.randint(100, 999)}"
            else:
                values[attr.code] = "Weekday evenings after 6 pm" if "time" in attr.code else "Yes"
        return values

    def _person(self, sr: ServiceRequest, category: ServiceCategory) -> None:
        if category.allow_anonymous and self.rng.random() < 0.25:
            return
        first, last = self.rng.choice(FIRST_NAMES), self.rng.choice(LAST_NAMES)
        sr.first_name, sr.last_name = first, last
        sr.email = f"{first}.{last}{self.rng.randint(1, 99)}@example.com".lower()
        sr.phone = f"(217) 555-01{self.rng.randint(0, 99):02d}"
        if category.sensitive:
            sr.email, sr.contact_preference = "", "none"
            return
        sr.contact_preference = _weighted(self.rng, [("email", 0.6), ("sms", 0.15), ("none", 0.25)])

    def _staff_label(self, unit_id: int) -> str:
        people = self.officers.get(unit_id)
        if not people:
            return self.agent_label
        o = self.rng.choice(people)
        return f"{o.rank} {o.last_name} #{o.badge}"

    def request(
        self, category: ServiceCategory, created: datetime, outcome: str | None = None
    ) -> Planned:
        rng, pattern = self.rng, pattern_for(category.code)
        sr = ServiceRequest(
            reference=self._reference(),
            category=category,
            description=rng.choice(pattern.descriptions),
            unit=category.routing_unit,
            created_at=created,
            language="es" if rng.random() < 0.15 else "en",
        )
        sr.attributes = self._attributes(category, created)
        beat = None
        if rng.random() < pattern.located or category.requires_location:
            beat = _weighted(rng, self.beat_weights[category.code])
            sr.lat, sr.lon = self._point(beat)
            sr.area_id = beat.pk
            sr.h3_cell = geography.h3_cell(sr.lat, sr.lon)
            sr.address = f"{rng.randint(1, 49) * 100 + rng.randint(0, 99)} {rng.choice(STREETS)}"
        self._person(sr, category)
        sr.channel = _weighted(rng, CHANNELS)
        if sr.channel == "open311":
            sr.client_key = "open311:demo-city-app"
            sr.device_id = f"device-{rng.randint(1000, 9999)}"
        elif sr.channel == "staff":
            sr.created_by = self.agent
        sr.first_response_due = sla.due_at(
            created, category.first_response_hours, category.clock, self.calendar
        )
        sr.resolution_due = sla.due_at(
            created, category.resolution_hours, category.clock, self.calendar
        )
        planned = Planned(sr=sr, updates=[], last_event=created)
        self._timeline(planned, beat, pattern, outcome)
        if beat is not None:
            self.recent.setdefault((category.code, beat.pk), []).append(planned)
        self.planned.append(planned)
        return planned

    # -- what happened next --------------------------------------------------------------------

    def _at(self, start: datetime, hours: float, clock: str) -> datetime:
        return sla.due_at(start, hours, clock, self.calendar).replace(microsecond=0)

    def _original(self, sr: ServiceRequest, beat: Area | None) -> Planned | None:
        if beat is None:
            return None
        for other in reversed(self.recent.get((sr.category.code, beat.pk), [])):
            age = sr.created_at - other.sr.created_at
            if timedelta(0) < age <= timedelta(days=14) and other.duplicate_of is None:
                return other
        return None

    def _timeline(
        self, p: Planned, beat: Area | None, pattern: Pattern, outcome: str | None
    ) -> None:
        rng, sr, category = self.rng, p.sr, p.sr.category
        clock, first_h, res_h = (
            category.clock,
            category.first_response_hours,
            category.resolution_hours,
        )
        events: list[tuple[datetime, str, str, str, str, bool, str]] = []
        created = sr.created_at
        events.append((created, RequestUpdate.CREATED, "", Status.RECEIVED, "", True, ""))
        if outcome is None:
            u = rng.random()
            recent = self.now - created < timedelta(days=120)
            if u < 0.04:
                outcome = "referred"
            elif u < 0.08:
                outcome = "duplicate"
            elif u < 0.11 and recent:
                outcome = "stuck"
            elif u < 0.12:
                outcome = "reopened"
            else:
                outcome = "resolved"
        late_first = rng.random() < 0.15
        ff = rng.uniform(1.05, 3.0) if late_first else rng.uniform(0.05, 0.9)
        first = self._at(created, ff * first_h, clock)
        if outcome == "waiting":
            first = self.now + timedelta(days=365)
        unit_label = self._staff_label(self.district_unit.get(sr.area_id or 0) or sr.unit_id)
        original = self._original(sr, beat) if outcome == "duplicate" else None
        if outcome == "duplicate" and original is None:
            outcome = "resolved"
        if outcome == "referred":
            note = "This is handled by the City's Public Works department; we have passed it on."
            events.append(
                (
                    first,
                    RequestUpdate.STATUS,
                    Status.RECEIVED,
                    Status.REFERRED,
                    note,
                    True,
                    self.agent_label,
                )
            )
        elif outcome == "duplicate" and original is not None:
            p.duplicate_of = original
            note = (
                f"This is being handled together with {original.sr.reference}. "
                "We will keep you posted here."
            )
            events.append(
                (
                    first,
                    RequestUpdate.STATUS,
                    Status.RECEIVED,
                    Status.DUPLICATE,
                    note,
                    True,
                    self.agent_label,
                )
            )
        else:
            ack = "Thank you. We have your report and someone from our team is looking at it."
            events.append(
                (
                    first,
                    RequestUpdate.STATUS,
                    Status.RECEIVED,
                    Status.ACKNOWLEDGED,
                    ack,
                    True,
                    self.agent_label,
                )
            )
            late = rng.random() < 0.22
            floor = min(0.9, ff * first_h / res_h + 0.05)
            rf = rng.uniform(1.05, 2.5) if late else rng.uniform(floor, 0.95)
            resolved = max(self._at(created, rf * res_h, clock), first + timedelta(minutes=30))
            middle = first + (resolved - first) * rng.uniform(0.2, 0.6)
            step = Status.ACTION_SCHEDULED if rng.random() < 0.3 else Status.IN_PROGRESS
            events.append(
                (
                    middle.replace(microsecond=0),
                    RequestUpdate.STATUS,
                    Status.ACKNOWLEDGED,
                    step,
                    "",
                    True,
                    unit_label,
                )
            )
            if rng.random() < 0.3:
                internal = rng.choice(
                    [
                        "Called the resident for more details.",
                        "Checked the location on patrol; will follow up.",
                        "Passed to the day shift.",
                    ]
                )
                when = first + (middle - first) / 2
                events.append(
                    (
                        when.replace(microsecond=0),
                        RequestUpdate.NOTE,
                        "",
                        "",
                        internal,
                        False,
                        unit_label,
                    )
                )
            if outcome in {"resolved", "reopened"}:
                note = rng.choice(pattern.resolutions)
                events.append(
                    (resolved, RequestUpdate.STATUS, step, Status.RESOLVED, note, True, unit_label)
                )
                if outcome == "reopened":
                    back = resolved + timedelta(hours=rng.uniform(12, 96))
                    reply = "This is still happening; please have another look."
                    events.append((back, RequestUpdate.REPLY, "", "", reply, True, "Resident"))
                    events.append(
                        (
                            back + timedelta(hours=2),
                            RequestUpdate.STATUS,
                            Status.RESOLVED,
                            Status.REOPENED,
                            "",
                            True,
                            self.agent_label,
                        )
                    )
                    again = back + timedelta(hours=rng.uniform(24, 24 * 8))
                    events.append(
                        (
                            again,
                            RequestUpdate.STATUS,
                            Status.REOPENED,
                            Status.RESOLVED,
                            rng.choice(pattern.resolutions),
                            True,
                            unit_label,
                        )
                    )
                    resolved = again
                events.append(
                    (
                        resolved + AUTO_CLOSE,
                        RequestUpdate.STATUS,
                        Status.RESOLVED,
                        Status.CLOSED,
                        "",
                        True,
                        "Bluebridge",
                    )
                )
        self._apply(p, sorted((e for e in events if e[0] <= self.now), key=lambda e: e[0]))

    def _apply(
        self, p: Planned, events: list[tuple[datetime, str, str, str, str, bool, str]]
    ) -> None:
        sr = p.sr
        sr.status = Status.RECEIVED
        for when, kind, status_from, status_to, note, public, label in events:
            at = when.replace(microsecond=0)
            p.updates.append(
                RequestUpdate(
                    kind=kind,
                    status_from=status_from,
                    status_to=status_to,
                    note=note,
                    public=public,
                    author_label=label,
                    created_at=at,
                    author=self.agent if label == self.agent_label else None,
                )
            )
            p.last_event = at
            if kind != RequestUpdate.STATUS:
                continue
            if sr.first_response_at is None and status_from == Status.RECEIVED:
                sr.first_response_at = at
            sr.status = status_to
            if status_to == Status.RESOLVED:
                sr.resolved_at = at
            if status_to in {Status.RESOLVED, Status.CLOSED, Status.DUPLICATE, Status.REFERRED}:
                sr.closed_at = sr.closed_at or at
            if status_to == Status.REOPENED:
                sr.resolved_at = sr.closed_at = None
        if sr.status != Status.DUPLICATE:
            p.duplicate_of = None  # not merged yet

    # -- the whole history -----------------------------------------------------------------------

    def run(self, days: int = DAYS) -> list[Planned]:
        rng = self.rng
        today = self.now.date()
        for offset in range(days - 1, -1, -1):
            day = today - timedelta(days=offset)
            growth = (1 + GROWTH_PER_YEAR) ** ((days - offset) / 365 - 2)
            for category in self.categories:
                pattern = pattern_for(category.code)
                lam = (
                    pattern.per_day
                    * pattern.season[day.month - 1]
                    * pattern.weekday[day.weekday()]
                    * growth
                    * self.scale
                )
                for _ in range(_poisson(rng, lam)):
                    created = self._when(day, pattern)
                    if created <= self.now:
                        self.request(category, created)
        self._fresh()
        return self.planned

    def _when(self, day: date, pattern: Pattern) -> datetime:
        hour = _weighted(self.rng, [(h, w) for h, w in enumerate(pattern.hours) if w > 0])
        moment = time(hour, self.rng.randint(0, 59), self.rng.randint(0, 59))
        return datetime.combine(day, moment, self.tz)

    def _fresh(self) -> None:
        """A few requests whose clocks are about to run out, so 'due soon' has something in it."""
        calendar_clock = [c for c in self.categories if c.clock == ServiceCategory.CALENDAR]
        if not calendar_clock:
            return
        category = calendar_clock[0]
        for k in range(3):  # first response due within the next few hours
            created = self.now - timedelta(minutes=20 + 40 * k)
            self.request(category, created.replace(microsecond=0), outcome="waiting")
        for k in range(3):  # resolution due within the next few hours
            hours_left = 1 + k
            created = self.now - timedelta(hours=category.resolution_hours - hours_left)
            self.request(category, created.replace(microsecond=0), outcome="stuck")


def save(planned: list[Planned]) -> int:
    """Write the planned requests and their timelines in batches; returns how many."""
    requests = [p.sr for p in planned]
    for start in range(0, len(requests), BATCH):
        ServiceRequest.objects.bulk_create(requests[start : start + BATCH])
    if any(sr.pk is None for sr in requests):  # databases that do not return new keys
        ids = dict(ServiceRequest.objects.values_list("reference", "id"))
        for sr in requests:
            sr.pk = ids[sr.reference]
    updates = []
    for p in planned:
        for update in p.updates:
            update.request_id = p.sr.pk
            updates.append(update)
    for start in range(0, len(updates), BATCH * 2):
        RequestUpdate.objects.bulk_create(updates[start : start + BATCH * 2])
    # updated_at is auto_now, so bulk_create stamped every row with the present; put back when
    # each request last changed, and link duplicates (one executemany, much faster than
    # bulk_update's CASE expressions).
    ops = connection.ops
    table = connection.ops.quote_name(ServiceRequest._meta.db_table)
    rows = [
        (
            ops.adapt_datetimefield_value(p.last_event),
            p.duplicate_of.sr.pk if p.duplicate_of is not None else None,
            p.sr.pk,
        )
        for p in planned
    ]
    with connection.cursor() as cursor:
        cursor.executemany(
            f"UPDATE {table} SET updated_at = %s, duplicate_of_id = %s WHERE id = %s",  # noqa: S608
            rows,
        )
    return len(requests)
