"""Fixtures for the demo city tests: a small-volume city on a fixed day (fast)."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from bluebridge.core.demo.city import Summary, generate

FIXED_TODAY = date(2025, 6, 30)
SMALL = 0.08  # request volume: about 900 requests instead of 12,000


@pytest.fixture
def small_city(db: Any) -> Summary:
    return generate(7, today=FIXED_TODAY, scale=SMALL)
