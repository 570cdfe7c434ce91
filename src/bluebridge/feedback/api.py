"""JSON API operations of this app (django-ninja router, mounted at /api/)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Router
from ninja.errors import HttpError

from bluebridge.core.api_auth import STAFF_AUTH, roles
from bluebridge.core.models import Area
from bluebridge.core.roles import ADMIN, ANALYST, SUPERVISOR
from bluebridge.feedback.services import dashboard, trust
from bluebridge.feedback.services.periods import PeriodError

router = Router(tags=["Community feedback"])


@router.get("/feedback/trust", auth=STAFF_AUTH)
@roles(ANALYST, SUPERVISOR, ADMIN)
def trust_index(
    request: HttpRequest,
    area: str = "",
    period: str = "",
    kind: str = "beat",
    small_areas: str = "pool",
) -> dict[str, Any]:
    """Trust and safety (0–100) by area for a month (2025-03) or quarter (2025-Q1).

    Each row gives n, the Kish effective n, a 95% interval and how it was estimated: "direct",
    "pooled" (over three months), "shrunk" (toward the city value) or "suppressed" (effective n
    under 50: no values). The first row is the whole city. `area` picks one area by code.
    """
    if kind not in (Area.BEAT, Area.DISTRICT):
        raise HttpError(400, "kind must be beat or district")
    if small_areas not in trust.SMALL_AREA_RULES:
        raise HttpError(400, f"small_areas must be one of {', '.join(trust.SMALL_AREA_RULES)}")
    label = period or dashboard.default_period()
    if area and not Area.objects.filter(code=area, kind=kind).exists():
        raise HttpError(404, f"no {kind} with code {area!r}")
    try:
        rows = trust.trust_index(label, kind=kind, small_areas=small_areas, area=area)
    except PeriodError as exc:
        raise HttpError(400, str(exc)) from exc
    if area:
        rows = [r for r in rows if r.area == area]
    return {
        "period": label,
        "kind": kind,
        "minimum_effective_n": 50,
        "areas": [r.as_dict() for r in rows],
    }
