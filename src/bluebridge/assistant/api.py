"""JSON API operations of this app (django-ninja router, mounted at /api/)."""

from __future__ import annotations

from ninja import Router

router = Router(tags=["Citizen assistant"])
