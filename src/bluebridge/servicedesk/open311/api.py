"""JSON API for administrators: Open311 API keys. (STUB)"""

from __future__ import annotations

from ninja import Router

from bluebridge.core.api_auth import STAFF_AUTH

router = Router(tags=["open311 keys"], auth=STAFF_AUTH)
