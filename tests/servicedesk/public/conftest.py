"""Helpers for the public service-desk page tests."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from tests.conftest import INSIDE


@pytest.fixture
def client_es() -> Client:
    """A browser that chose Spanish (the language cookie set_language writes)."""
    browser = Client()
    browser.cookies["django_language"] = "es"
    return browser


@pytest.fixture
def good_report() -> dict[str, Any]:
    """A complete, valid report as the web form posts it."""
    return {
        "service": "noise",
        "shown_service": "noise",
        "attribute[noise_type]": "music",
        "attribute[ongoing]": "yes",
        "address": "12 Main St",
        "lat": str(INSIDE[0]),
        "lon": str(INSIDE[1]),
        "description": "Loud music every night after midnight",
        "contact_preference": "email",
        "first_name": "Rosa",
        "last_name": "Diaz",
        "email": "rosa@example.org",
        "phone": "",
        "form_token": "tok-123456",
    }
