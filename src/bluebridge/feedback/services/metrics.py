"""Service measures from post-contact surveys: CSAT, NPS and response rates, by category and unit.

CSAT is the share of 4s and 5s on the 1–5 satisfaction item; NPS is the share of promoters
(9–10) minus the share of detractors (0–6) on the would-recommend item. Groups with fewer than
MIN_GROUP answers show no value (small groups are noise and could identify people).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q

from bluebridge.core.models import Unit
from bluebridge.feedback.models import Invitation, Kind, Response
from bluebridge.feedback.services.periods import Period

MIN_GROUP = 5


@dataclass
class ServiceRow:
    group: str
    label: str
    responses: int
    csat: float | None  # percent
    nps: float | None  # -100..100

    def as_dict(self) -> dict[str, Any]:
        return {
            "group": self.group,
            "label": self.label,
            "responses": self.responses,
            "csat": None if self.csat is None else round(self.csat, 1),
            "nps": None if self.nps is None else round(self.nps, 1),
        }


def _score(csat: list[float], nps: list[float]) -> tuple[float | None, float | None]:
    c = 100 * sum(1 for v in csat if v >= 4) / len(csat) if len(csat) >= MIN_GROUP else None
    n = None
    if len(nps) >= MIN_GROUP:
        n = 100 * (sum(1 for v in nps if v >= 9) - sum(1 for v in nps if v <= 6)) / len(nps)
    return c, n


def service_scores(period: Period, by: str) -> list[ServiceRow]:
    """CSAT and NPS of post-contact responses in the period, by "category" or "unit"."""
    if by not in ("category", "unit"):
        raise ValueError("by must be category or unit")
    field = "category" if by == "category" else "unit_id"
    rows = Response.objects.filter(
        kind=Kind.POST_CONTACT, submitted_at__gte=period.start, submitted_at__lt=period.end
    ).values_list(field, "csat", "nps")
    csat: dict[Any, list[float]] = defaultdict(list)
    nps: dict[Any, list[float]] = defaultdict(list)
    count: dict[Any, int] = defaultdict(int)
    for key, c, n in rows:
        count[key] += 1
        if c is not None:
            csat[key].append(c)
        if n is not None:
            nps[key].append(n)
    labels: dict[Any, str] = {}
    if by == "unit":
        labels = {u.pk: u.name for u in Unit.objects.filter(pk__in=[k for k in count if k])}
    else:
        from bluebridge.servicedesk.models import ServiceCategory

        labels = dict(ServiceCategory.objects.values_list("code", "name"))
    out = []
    for key in sorted(count, key=lambda k: str(labels.get(k, k or ""))):
        c, n = _score(csat[key], nps[key])
        out.append(ServiceRow(str(key or ""), labels.get(key, str(key or "—")), count[key], c, n))
    return out


@dataclass
class RateRow:
    kind: str
    invited: int
    answered: int

    @property
    def rate(self) -> float | None:
        return 100 * self.answered / self.invited if self.invited else None


def response_rates(period: Period) -> list[RateRow]:
    """Invitations sent in the period (by kind) and how many of them were answered."""
    found = (
        Invitation.objects.filter(sent_at__gte=period.start, sent_at__lt=period.end)
        .values("kind")
        .annotate(invited=Count("id"), answered=Count("id", filter=Q(status=Invitation.ANSWERED)))
        .order_by("kind")
    )
    return [RateRow(r["kind"], r["invited"], r["answered"]) for r in found]


def community_count(period: Period) -> int:
    return Response.objects.filter(
        kind=Kind.COMMUNITY, submitted_at__gte=period.start, submitted_at__lt=period.end
    ).count()
