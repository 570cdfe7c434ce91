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
from bluebridge.core.demo.timelines import Planned, TimelinePlanner
from bluebridge.core.models import Area, Officer
from bluebridge.servicedesk import sla
from bluebridge.servicedesk.models import (
    CROCKFORD,
    CategoryAttribute,
    RequestUpdate,
    ServiceCategory,
    ServiceRequest,
)

DAYS = 730
BATCH = 1000


@dataclass
class Beat:
    area: Area
    weight_by_category: dict[str, float] = field(default_factory=dict)


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


class HistoryGenerator(TimelinePlanner):
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
