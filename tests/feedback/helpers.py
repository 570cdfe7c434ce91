"""Making community-survey responses and population margins directly, for index tests."""

from __future__ import annotations

import random
from datetime import datetime

from django.utils import timezone

from bluebridge.core.demo.population import AGE_SEX, RACE_ETHNICITY
from bluebridge.core.models import Area, PopulationMargin
from bluebridge.feedback.models import Kind, Response, Survey


def margins(code: str, young_share: float = 0.5) -> None:
    """Margins for an area: `young_share` of adults 18-34, half women, mostly 'white'/'black'."""
    area = Area.objects.get(code=code)
    young = [c for c in AGE_SEX if c.startswith(("18-24", "25-34"))]
    for cell in AGE_SEX:
        share = young_share / len(young) if cell in young else (1 - young_share) / (12 - len(young))
        PopulationMargin.objects.create(
            area=area, dimension="age_sex", category=cell, count=int(10000 * share)
        )
    for race, share in zip(RACE_ETHNICITY, [0.1, 0.4, 0.4, 0.05, 0.05], strict=True):
        PopulationMargin.objects.create(
            area=area, dimension="race_ethnicity", category=race, count=int(10000 * share)
        )


def community(
    code: str | None,
    count: int,
    *,
    when: datetime | None = None,
    old_share: float = 0.8,
    seed: int = 1,
    trust_old: float = 8.0,
    trust_young: float = 4.0,
) -> list[Response]:
    """`count` responses in an area; old respondents (over-represented) trust more."""
    rng = random.Random(seed)
    survey = Survey.objects.get(slug="community")
    area = Area.objects.get(code=code) if code else None
    moment = when or timezone.now()
    made = []
    for _ in range(count):
        old = rng.random() < old_share
        band = rng.choice(["55-64", "65+"]) if old else rng.choice(["18-24", "25-34"])
        value = trust_old if old else trust_young
        made.append(
            Response(
                survey=survey,
                version=survey.current,
                kind=Kind.COMMUNITY,
                area=area,
                submitted_at=moment,
                age_band=band,
                sex=rng.choice(["female", "male"]),
                race_ethnicity=rng.choice(RACE_ETHNICITY),
                safety=value,
                respect=value,
                listen=value,
            )
        )
    return Response.objects.bulk_create(made)
