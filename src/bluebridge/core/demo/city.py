"""Generate the whole synthetic city of Riverton into the database, deterministically."""

from __future__ import annotations

import random
import time
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from django.db import transaction
from django.db.models import ProtectedError
from django.utils import timezone

from bluebridge.core import areas
from bluebridge.core.demo import extensions, history, people, population
from bluebridge.core.demo.districts import BeatShape, DistrictShape, build_map
from bluebridge.core.models import Area, Officer, PopulationMargin
from bluebridge.servicedesk import services
from bluebridge.servicedesk.catalogue import install_standard_catalogue
from bluebridge.servicedesk.models import CLOSED_STATUSES, ServiceRequest

DEFAULT_SEED = 7


class DemoCityError(Exception):
    """The demo city cannot be generated here; the message says why and what to do."""


@dataclass(frozen=True)
class Summary:
    seed: int
    districts: int
    beats: int
    adults: int
    officers: int
    holidays: int
    accounts: int
    requests: int
    open_requests: int
    first_day: date
    last_day: date
    seconds: float
    extra: tuple[str, ...] = ()

    def lines(self) -> list[str]:
        return [
            f"Riverton (synthetic demo city), seed {self.seed}:",
            f"  {self.districts} districts, {self.beats} beats, {self.adults:,} adult residents",
            f"  {self.officers} officers, {self.accounts} demo accounts, {self.holidays} new holidays",
            f"  {self.requests:,} service requests from {self.first_day} to {self.last_day}"
            f" ({self.open_requests:,} still open)",
            *(f"  {line}" for line in self.extra),
            f"  generated in {self.seconds:.1f} s",
        ]


def is_loaded() -> bool:
    """True when this database already holds a city (areas) or service requests."""
    return Area.objects.exists() or ServiceRequest.objects.exists()


def wipe() -> None:
    """Delete requests, areas, margins and officers: everything `generate` makes that would clash.

    Units, the catalogue, holidays and accounts are kept (they are updated in place).
    """
    try:
        extensions.wipe_all()
        ServiceRequest.objects.all().delete()
        PopulationMargin.objects.all().delete()
        Officer.objects.all().delete()
        Area.objects.filter(kind=Area.BEAT).delete()
        Area.objects.all().delete()
    except ProtectedError as exc:
        names = sorted({type(o).__name__ for o in exc.protected_objects})
        raise DemoCityError(
            f"cannot wipe the earlier city: other records still point to it ({', '.join(names)})"
        ) from exc
    areas.invalidate_cache()


def _collection(shapes: list[Any], adults: dict[str, int], parent: bool) -> dict[str, Any]:
    features = []
    for shape in shapes:
        props: dict[str, Any] = {"code": shape.code, "name": shape.name}
        props["population"] = adults[shape.code]
        if parent:
            props["parent"] = shape.district_code
        features.append({"type": "Feature", "properties": props, "geometry": shape.geometry()})
    return {"type": "FeatureCollection", "features": features}


def _load_areas(
    seed: int, districts: list[DistrictShape]
) -> tuple[list[Area], dict[str, float], dict[str, float]]:
    """Districts and beats with their population margins; returns (beats, activity, centrality)."""
    rng = random.Random(f"{seed}:population")
    beats: list[BeatShape] = [b for d in districts for b in d.beats]
    adults: dict[str, int] = {}
    margins: dict[str, population.Margins] = {}
    activity: dict[str, float] = {}
    for beat in beats:
        adults[beat.code] = population.beat_adults(rng, beat.centrality)
        margins[beat.code] = population.beat_margins(rng, adults[beat.code], beat.centrality)
        activity[beat.code] = round(rng.uniform(0.6, 1.6), 3)  # some beats simply call more
    for district in districts:
        adults[district.code] = sum(adults[b.code] for b in district.beats)
        margins[district.code] = population.add_margins(margins[b.code] for b in district.beats)
    areas.load_geojson(_collection(districts, adults, False), kind=Area.DISTRICT)
    areas.load_geojson(_collection(beats, adults, True), kind=Area.BEAT, parent_property="parent")
    units = people.ensure_district_units([(d.number, d.name) for d in districts])
    for district in districts:
        codes = [district.code] + [b.code for b in district.beats]
        Area.objects.filter(code__in=codes).update(unit=units[district.number])
    by_code = {a.code: a for a in Area.objects.all()}
    PopulationMargin.objects.bulk_create(
        [
            PopulationMargin(area=by_code[code], dimension=dim, category=cat, count=count)
            for code, area_margins in margins.items()
            for dim, counts in area_margins.items()
            for cat, count in counts.items()
        ],
        batch_size=500,
    )
    areas.invalidate_cache()
    centrality = {b.code: b.centrality for b in beats}
    return [by_code[b.code] for b in beats], activity, centrality


def generate(
    seed: int = DEFAULT_SEED,
    *,
    now: datetime | None = None,
    today: date | None = None,
    replace: bool = False,
    scale: float = 1.0,
) -> Summary:
    """Generate Riverton. `today` (or `now`) pins the clock, for tests of determinism.

    `scale` multiplies the request rates (1.0 gives about 12,000 requests over two years).
    """
    started = time.monotonic()
    if now is None:
        if today is not None:
            now = datetime.combine(today, datetime.min.time(), timezone.get_current_timezone())
            now += timedelta(hours=15, minutes=30)
        else:
            now = timezone.localtime().replace(microsecond=0)
    now = timezone.localtime(now)
    if not replace and is_loaded():
        raise DemoCityError(
            f"a city is already loaded here ({Area.objects.count()} areas, "
            f"{ServiceRequest.objects.count()} service requests); "
            "use --replace to wipe it and generate the demo city again"
        )
    with transaction.atomic():
        if replace:
            wipe()
        install_standard_catalogue()
        districts = build_map(random.Random(f"{seed}:map"))
        beats, activity, centrality = _load_areas(seed, districts)
        first_day = now.date() - timedelta(days=history.DAYS - 1)
        holidays = people.ensure_holidays(first_day.year, now.year + 1)
        services.forget_calendar()
        calendar = services.business_calendar()
        accounts = people.ensure_accounts()
        district_units = people.ensure_district_units([(d.number, d.name) for d in districts])
        officers = people.create_officers(random.Random(f"{seed}:officers"), district_units)
        people.link_officer_account(accounts["officer"], officers)
        generator = history.HistoryGenerator(
            random.Random(f"{seed}:history"),
            now,
            calendar,
            beats,
            activity,
            centrality,
            agent=accounts["agent"],
            scale=scale,
        )
        planned = generator.run()
        count = history.save(planned)
        extra_lines = extensions.populate_all(
            extensions.DemoContext(
                seed=seed,
                now=now,
                first_day=first_day,
                beats=beats,
                officers=officers,
                accounts=accounts,
                calendar=calendar,
                scale=scale,
            )
        )
    services.forget_calendar()
    open_count = sum(1 for p in planned if p.sr.status not in CLOSED_STATUSES)
    return Summary(
        seed=seed,
        districts=len(districts),
        beats=len(beats),
        adults=sum(b.population for b in beats),
        officers=len(officers),
        holidays=holidays,
        accounts=len(accounts),
        requests=count,
        open_requests=open_count,
        first_day=first_day,
        last_day=now.date(),
        seconds=time.monotonic() - started,
        extra=tuple(extra_lines),
    )
