"""Fixtures of the forecasting tests: CSV text builders and the shared data folder."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

SHARED = Path(os.environ.get("BLUEBRIDGE_SHARED_DATA", "/work/shared/data"))


def csv_lines(*rows: str) -> list[str]:
    """CSV text as lines (with their line ends), as a file iterator gives them."""
    return [row + "\n" for row in rows]


@pytest.fixture
def shared_crime() -> Path:
    folder = SHARED / "crime"
    if not folder.exists():
        pytest.skip(f"shared data not found at {folder}")
    return folder


@pytest.fixture
def incidents(city):
    """About 400 burglaries over 120 days in the test city: a hotspot in B1, a few officer-found."""
    import random
    from datetime import timedelta

    from django.utils import timezone

    from bluebridge.forecasting.importers import import_lines

    rng = random.Random(4)
    today = timezone.localdate()
    lines = ["id,occurred_at,offense,lat,lon,origin\n"]
    for n in range(400):
        day = today - timedelta(days=rng.randint(1, 120))
        if n % 2:
            lat, lon = 40.012 + rng.gauss(0, 0.0008), -90.013 + rng.gauss(0, 0.0008)
        else:
            lat, lon = rng.uniform(40.0005, 40.0195), rng.uniform(-90.0195, -89.9805)
        origin = "officer" if n % 10 == 0 else "public"
        lines.append(
            f"b{n},{day}T{rng.randint(0, 23):02d}:00:00,burglary,{lat:.6f},{lon:.6f},{origin}\n"
        )
    return import_lines(lines, file_name="test-incidents.csv", format="common")
