"""Fixtures for the Open311 tests: a clean cache (rate-limit counters, key lookups) per test."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from xml.etree import ElementTree as ET

import pytest
from django.core.cache import cache

import bluebridge.servicedesk.open311 as open311_package

SCHEMAS = Path(open311_package.__file__).parent / "schemas"
BASE = "/open311/v2/"


@pytest.fixture(autouse=True)
def clean_cache() -> Iterator[None]:
    cache.clear()
    yield
    cache.clear()


def schema(name: str) -> dict[str, Any]:
    return json.loads((SCHEMAS / f"{name}.json").read_text(encoding="utf-8"))


def xml(response: Any) -> ET.Element:
    assert response["Content-Type"].startswith("text/xml"), response["Content-Type"]
    return ET.fromstring(response.content)  # noqa: S314 (our own answer)


def error_descriptions(response: Any) -> list[str]:
    """The descriptions of a JSON error list, after checking its shape."""
    data = response.json()
    assert isinstance(data, list) and data, data
    for entry in data:
        assert set(entry) == {"code", "description"}
        assert entry["code"] == response.status_code
    return [entry["description"] for entry in data]
