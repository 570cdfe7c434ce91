"""Units, officers, holidays and the demo's staff accounts (one per role)."""

from __future__ import annotations

import random
from datetime import date, timedelta

from django.contrib.auth.models import Group, User

from bluebridge.core import roles
from bluebridge.core.demo.names import FIRST_NAMES, LAST_NAMES
from bluebridge.core.models import Holiday, Officer, Profile, Unit

# username, role, first name, last name, unit code (None = sees every unit's work)
DEMO_ACCOUNTS: list[tuple[str, str, str, str, str | None]] = [
    ("agent", roles.AGENT, "Alex", "Rivera", None),
    ("supervisor", roles.SUPERVISOR, "Sam", "Okafor", None),
    ("standards", roles.STANDARDS, "Pat", "Morgan", None),
    ("analyst", roles.ANALYST, "Jordan", "Lee", None),
    ("wellness", roles.WELLNESS, "Casey", "Brooks", None),
    ("officer", roles.OFFICER, "Taylor", "Reed", "district-1"),
    ("admin", roles.ADMIN, "Robin", "Hayes", None),
    ("resident", roles.RESIDENT, "Maria", "Lopez", None),
]

# What each role can do, for the demo's welcome table and the README.
ROLE_ABILITIES: dict[str, str] = {
    roles.AGENT: "works the request queue: triage, notes, status changes, merges",
    roles.SUPERVISOR: "everything an agent can, plus SLA performance by unit",
    roles.STANDARDS: "reads requests and feedback for professional standards reviews",
    roles.ANALYST: "SLA performance, trends and survey results (no personal data)",
    roles.WELLNESS: "officer wellness programme: check-ins and follow-ups",
    roles.OFFICER: "sees requests and feedback for their own work and district",
    roles.ADMIN: "catalogue, areas, Open311 keys, API tokens and the audit log",
    roles.RESIDENT: "files reports on the web and follows them with a tracking link",
}

PATROL_PER_DISTRICT = 18
OTHER_OFFICERS = {
    "patrol": 6,
    "traffic": 14,
    "community": 8,
    "records": 4,
    "property": 3,
    "victim-services": 3,
    "front-desk": 4,
}


def district_unit_code(number: int) -> str:
    return f"district-{number}"


def ensure_district_units(districts: list[tuple[int, str]]) -> dict[int, Unit]:
    """One patrol unit per district: {district number: unit}."""
    units = {}
    for number, name in districts:
        units[number], _ = Unit.objects.update_or_create(
            code=district_unit_code(number),
            defaults={
                "name": f"District {number} Patrol ({name})",
                "name_es": f"Patrulla del Distrito {number} ({name})",
                "email": f"district{number}@example.org",
                "phone": f"(217) 555-01{10 + number:02d}",
            },
        )
    return units


def create_officers(rng: random.Random, district_units: dict[int, Unit]) -> list[Officer]:
    """About 150 officers with unique badges, common names and ranks."""
    plan: list[tuple[Unit, str]] = []
    for number in sorted(district_units):
        unit = district_units[number]
        ranks = ["Lieutenant"] + ["Sergeant"] * 3 + ["Corporal"] * 2
        ranks += ["Officer"] * (PATROL_PER_DISTRICT - len(ranks))
        plan += [(unit, rank) for rank in ranks]
    by_code = {u.code: u for u in Unit.objects.filter(code__in=OTHER_OFFICERS)}
    for code, count in OTHER_OFFICERS.items():
        rank_first = "Captain" if code == "patrol" else "Sergeant"
        others = "Detective" if code in {"property", "victim-services", "records"} else "Officer"
        plan += [(by_code[code], rank_first)] + [(by_code[code], others)] * (count - 1)
    badges = rng.sample(range(1000, 9999), len(plan))
    officers = [
        Officer(
            badge=str(badge),
            first_name=rng.choice(FIRST_NAMES),
            last_name=rng.choice(LAST_NAMES),
            rank=rank,
            unit=unit,
        )
        for (unit, rank), badge in zip(plan, badges, strict=True)
    ]
    return Officer.objects.bulk_create(officers, batch_size=500)


def _nth_weekday(year: int, month: int, weekday: int, n: int) -> date:
    first = date(year, month, 1)
    return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))


def _last_weekday(year: int, month: int, weekday: int) -> date:
    last = date(year + (month == 12), month % 12 + 1, 1) - timedelta(days=1)
    return last - timedelta(days=(last.weekday() - weekday) % 7)


def _observed(day: date) -> date:
    if day.weekday() == 5:
        return day - timedelta(days=1)
    if day.weekday() == 6:
        return day + timedelta(days=1)
    return day


def us_federal_holidays(year: int) -> list[tuple[date, str]]:
    """The eleven US federal holidays of a year, on the days they are observed."""
    return [
        (_observed(date(year, 1, 1)), "New Year's Day"),
        (_nth_weekday(year, 1, 0, 3), "Birthday of Martin Luther King, Jr."),
        (_nth_weekday(year, 2, 0, 3), "Washington's Birthday"),
        (_last_weekday(year, 5, 0), "Memorial Day"),
        (_observed(date(year, 6, 19)), "Juneteenth National Independence Day"),
        (_observed(date(year, 7, 4)), "Independence Day"),
        (_nth_weekday(year, 9, 0, 1), "Labor Day"),
        (_nth_weekday(year, 10, 0, 2), "Columbus Day"),
        (_observed(date(year, 11, 11)), "Veterans Day"),
        (_nth_weekday(year, 11, 3, 4), "Thanksgiving Day"),
        (_observed(date(year, 12, 25)), "Christmas Day"),
    ]


def ensure_holidays(first_year: int, last_year: int) -> int:
    rows = [
        Holiday(date=day, name=name)
        for year in range(first_year, last_year + 1)
        for day, name in us_federal_holidays(year)
    ]
    existing = set(Holiday.objects.values_list("date", flat=True))
    new = [h for h in rows if h.date not in existing]
    Holiday.objects.bulk_create(new)
    return len(new)


def ensure_accounts() -> dict[str, User]:
    """The demo accounts, each in its role's group with a profile. Passwords are not touched:
    new accounts get an unusable one until `bluebridge demo` sets a fresh password."""
    users = {}
    units = {u.code: u for u in Unit.objects.all()}
    for username, role, first, last, unit_code in DEMO_ACCOUNTS:
        user = User.objects.filter(username=username).first()
        if user is None:
            user = User(username=username)
            user.set_unusable_password()
        user.first_name, user.last_name = first, last
        user.email = f"{username}@example.org"
        user.is_active = True
        user.is_staff = role == roles.ADMIN
        user.is_superuser = role == roles.ADMIN
        user.save()
        group, _ = Group.objects.get_or_create(name=role)
        user.groups.set([group])
        Profile.objects.update_or_create(
            user=user,
            defaults={
                "language": "en",
                "phone": "(217) 555-0123",
                "unit": units.get(unit_code) if unit_code else None,
            },
        )
        users[role] = user
    return users


def link_officer_account(user: User, officers: list[Officer]) -> None:
    """The officer account is a patrol officer of District 1."""
    mine = next((o for o in officers if o.unit.code == "district-1" and o.rank == "Officer"), None)
    if mine is None:
        return
    Officer.objects.filter(user=user).exclude(pk=mine.pk).update(user=None)
    mine.user = user
    mine.save(update_fields=["user"])
    user.first_name, user.last_name = mine.first_name, mine.last_name
    user.save(update_fields=["first_name", "last_name"])
