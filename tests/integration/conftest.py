"""Fixtures for tests that cross apps: the feedback app's standard surveys after a flush."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.cache import cache

from bluebridge.feedback.standard import install_standard_surveys


@pytest.fixture(autouse=True)
def _standard_surveys(db: Any) -> None:
    cache.clear()
    install_standard_surveys()
