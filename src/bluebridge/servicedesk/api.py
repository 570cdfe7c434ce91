"""Service-desk JSON API for staff."""

from __future__ import annotations

from ninja import Router

from bluebridge.core.api_auth import STAFF_AUTH

router = Router(tags=["service desk"], auth=STAFF_AUTH)
