"""The demo city generator: deterministic, a tiled map, consistent population, every role."""

from __future__ import annotations

import random
from datetime import timedelta
from itertools import pairwise
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command

from bluebridge.core import geography
from bluebridge.core.demo import districts as demo_map
from bluebridge.core.demo import population
from bluebridge.core.demo.city import DemoCityError, Summary, generate
from bluebridge.core.demo.people import DEMO_ACCOUNTS, us_federal_holidays
from bluebridge.core.models import Area, Holiday, Officer, PopulationMargin, Profile, Unit
from bluebridge.core.roles import ROLES, user_roles
from bluebridge.servicedesk.catalogue import CATEGORIES, UNITS
from bluebridge.servicedesk.models import RequestUpdate, ServiceCategory, ServiceRequest

from .conftest import FIXED_TODAY, SMALL


def _snapshot() -> dict[str, Any]:
    return {
        "areas": list(
            Area.objects.order_by("code").values_list(
                "code", "kind", "name", "parent__code", "unit__code", "geometry", "population"
            )
        ),
        "margins": list(
            PopulationMargin.objects.order_by("area__code", "dimension", "category").values_list(
                "area__code", "dimension", "category", "count"
            )
        ),
        "officers": list(
            Officer.objects.order_by("badge").values_list(
                "badge", "first_name", "last_name", "rank", "unit__code", "user__username"
            )
        ),
        "requests": list(
            ServiceRequest.objects.order_by("reference").values_list(
                "reference",
                "category__code",
                "status",
                "created_at",
                "updated_at",
                "lat",
                "lon",
                "area__code",
                "channel",
                "first_name",
                "last_name",
                "email",
                "phone",
                "attributes",
                "first_response_due",
                "resolution_due",
                "first_response_at",
                "resolved_at",
                "closed_at",
                "duplicate_of__reference",
                "language",
            )
        ),
        "updates": list(
            RequestUpdate.objects.order_by("request__reference", "created_at", "kind").values_list(
                "request__reference",
                "kind",
                "status_from",
                "status_to",
                "note",
                "public",
                "created_at",
            )
        ),
    }


def _ring_area(ring: list[list[float]]) -> float:
    return abs(sum(a[0] * b[1] - b[0] * a[1] for a, b in pairwise(ring)) / 2)


def test_it_generates_the_same_city_for_the_same_seed_and_day(small_city: Summary) -> None:
    first = _snapshot()
    assert len(first["requests"]) > 500
    generate(7, today=FIXED_TODAY, scale=SMALL, replace=True)
    assert _snapshot() == first


def test_it_generates_a_different_city_for_another_seed(small_city: Summary) -> None:
    first = _snapshot()
    generate(8, today=FIXED_TODAY, scale=SMALL, replace=True)
    second = _snapshot()
    assert second["areas"] != first["areas"]
    assert second["requests"] != first["requests"]


def test_it_builds_districts_that_tile_the_city_exactly() -> None:
    shapes = demo_map.build_map(random.Random("7:map"))
    assert len(shapes) == 6
    assert all(len(d.beats) == 4 for d in shapes)
    for district in shapes:
        whole = _ring_area([list(p) for p in district.ring])
        parts = sum(_ring_area([list(p) for p in b.ring]) for b in district.beats)
        assert parts == pytest.approx(whole, rel=1e-9)


def test_it_puts_every_point_of_the_city_in_exactly_one_beat(small_city: Summary) -> None:
    beats = list(Area.objects.filter(kind=Area.BEAT).select_related("parent"))
    districts = list(Area.objects.filter(kind=Area.DISTRICT))
    assert len(beats) == 24 and len(districts) == 6
    assert all(b.parent is not None and b.parent.kind == Area.DISTRICT for b in beats)
    min_lon = min(d.min_lon for d in districts)
    max_lon = max(d.max_lon for d in districts)
    min_lat = min(d.min_lat for d in districts)
    max_lat = max(d.max_lat for d in districts)
    rng = random.Random(1)
    inside = 0
    for _ in range(3000):
        lon, lat = rng.uniform(min_lon, max_lon), rng.uniform(min_lat, max_lat)
        in_districts = [d for d in districts if geography.contains(d.geometry, lon, lat)]
        in_beats = [b for b in beats if geography.contains(b.geometry, lon, lat)]
        assert len(in_districts) <= 1
        assert len(in_beats) == len(in_districts)
        if in_beats:
            inside += 1
            assert in_beats[0].parent_id == in_districts[0].pk
    assert inside > 2000  # the city fills most of its bounding box


def test_it_keeps_population_margins_consistent(small_city: Summary) -> None:
    shares = set()
    for area in Area.objects.all():
        margins = {m.category: m.count for m in area.margins.filter(dimension="age_sex")}
        race = {m.category: m.count for m in area.margins.filter(dimension="race_ethnicity")}
        assert sorted(margins) == sorted(population.AGE_SEX)
        assert sorted(race) == sorted(population.RACE_ETHNICITY)
        assert "18-24|female" in margins and "65+|male" in margins
        assert sum(margins.values()) == area.population > 0
        assert sum(race.values()) == area.population
        shares.add(round(race["white"] / area.population, 3))
    for district in Area.objects.filter(kind=Area.DISTRICT):
        beats = district.children.all()
        assert district.population == sum(b.population for b in beats)
        for m in district.margins.all():
            assert m.count == sum(
                PopulationMargin.objects.get(
                    area=b, dimension=m.dimension, category=m.category
                ).count
                for b in beats
            )
    assert len(shares) > 10  # areas differ


def test_it_gives_every_role_an_account_with_a_profile(small_city: Summary) -> None:
    for username, role, *_ in DEMO_ACCOUNTS:
        user = User.objects.get(username=username)
        assert role in user_roles(user)
        assert user.email == f"{username}@example.org"
        assert Profile.objects.filter(user=user).exists()
    assert {role for _, role, *_ in DEMO_ACCOUNTS} == set(ROLES)
    assert User.objects.get(username="agent").profile.unit is None  # sees every unit's queue
    officer = User.objects.get(username="officer")
    assert officer.officer.unit.code == "district-1"
    assert officer.profile.unit == officer.officer.unit


def test_it_creates_units_officers_holidays_and_the_catalogue(small_city: Summary) -> None:
    codes = set(Unit.objects.values_list("code", flat=True))
    assert set(UNITS) <= codes
    assert {f"district-{n}" for n in range(1, 7)} <= codes
    for district in Area.objects.filter(kind=Area.DISTRICT):
        assert district.unit is not None and district.unit.code.startswith("district-")
        assert all(b.unit_id == district.unit_id for b in district.children.all())
    officers = Officer.objects.all()
    assert 140 <= officers.count() <= 160
    assert len({o.badge for o in officers}) == officers.count()
    assert {"Officer", "Sergeant", "Lieutenant", "Captain"} <= {o.rank for o in officers}
    assert ServiceCategory.objects.count() == len(CATEGORIES)
    days = set(Holiday.objects.values_list("date", flat=True))
    for year in (2024, 2025):
        assert {day for day, _ in us_federal_holidays(year)} <= days
    assert Holiday.objects.get(date="2025-11-27").name == "Thanksgiving Day"
    assert Holiday.objects.filter(date="2022-07-04").exists() is False
    assert Holiday.objects.filter(date="2021-12-31").exists() is False


def test_it_observes_holidays_that_fall_on_weekends() -> None:
    holidays = dict(us_federal_holidays(2026))
    assert holidays[FIXED_TODAY.replace(year=2026, month=7, day=3)] == "Independence Day"
    assert len(us_federal_holidays(2026)) == 11


def test_it_uses_only_reserved_example_contacts(small_city: Summary) -> None:
    emails = set(ServiceRequest.objects.exclude(email="").values_list("email", flat=True))
    phones = set(ServiceRequest.objects.exclude(phone="").values_list("phone", flat=True))
    assert emails and all(e.endswith("@example.com") for e in emails)
    assert phones and all("555-01" in p for p in phones)
    assert all(e.endswith("@example.org") for e in User.objects.values_list("email", flat=True))


def test_it_refuses_to_load_over_an_existing_city(small_city: Summary) -> None:
    before = ServiceRequest.objects.count()
    with pytest.raises(DemoCityError, match="--replace"):
        generate(7, today=FIXED_TODAY, scale=SMALL)
    with pytest.raises(CommandError, match="already loaded"):
        call_command("demo_city", "--scale", "0.01")
    assert ServiceRequest.objects.count() == before


def test_it_rejects_bad_command_options(db: Any) -> None:
    with pytest.raises(CommandError, match="--today"):
        call_command("demo_city", "--today", "next week")
    with pytest.raises(CommandError, match="--scale"):
        call_command("demo_city", "--scale", "0")
    assert not Area.objects.exists()


def test_it_runs_from_the_command_line_with_a_seed(db: Any, capsys: Any) -> None:
    call_command("demo_city", "--seed", "3", "--scale", "0.02", "--today", "2025-01-15")
    out = capsys.readouterr().out
    assert "seed 3" in out and "24 beats" in out
    latest = ServiceRequest.objects.order_by("-created_at").first()
    assert latest is not None and latest.created_at.date() <= FIXED_TODAY.replace(
        year=2025, month=1, day=15
    ) + timedelta(days=1)
