"""What the listening dashboard and the CSV export show (aggregates only, never individuals)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.db.models import Avg, Count, Q
from django.utils import timezone

from bluebridge.core.models import Area
from bluebridge.feedback.models import ConcernAlert, ConcernTheme, Kind, Response
from bluebridge.feedback.services import metrics, sentiment, trust
from bluebridge.feedback.services.periods import Period, month_of, parse, shift_month

MIN_AREA_RESPONSES = 1  # post-contact counts by area are counts only, no demographics


@dataclass
class Dashboard:
    period: Period
    kind: str
    small_areas: str
    trust_rows: list[trust.Row]
    trend: list[trust.TrendPoint]
    by_category: list[metrics.ServiceRow]
    by_unit: list[metrics.ServiceRow]
    rates: list[metrics.RateRow]
    community_responses: int
    post_contact_by_area: list[dict[str, Any]]
    concerns: list[dict[str, Any]]
    alerts: list[ConcernAlert]
    map_features: dict[str, Any] = field(default_factory=dict)
    sentiment: list[sentiment.SentimentRow] = field(default_factory=list)
    negative_quotes: list[dict[str, Any]] = field(default_factory=list)


def default_period(now: datetime | None = None) -> str:
    return month_of(now or timezone.now())


def post_contact_by_area(period: Period) -> list[dict[str, Any]]:
    rows = (
        Response.objects.filter(
            kind=Kind.POST_CONTACT,
            submitted_at__gte=period.start,
            submitted_at__lt=period.end,
            area__isnull=False,
        )
        .values("area__code", "area__name")
        .annotate(
            responses=Count("id"),
            satisfied=Count("id", filter=Q(csat__gte=4)),
            rated=Count("csat"),
            mean_csat=Avg("csat"),
        )
        .order_by("area__code")
    )
    out = []
    for r in rows:
        csat = 100 * r["satisfied"] / r["rated"] if r["rated"] >= metrics.MIN_GROUP else None
        out.append(
            {
                "code": r["area__code"],
                "name": r["area__name"],
                "responses": r["responses"],
                "csat": csat,
            }
        )
    return out


def concerns(period: Period) -> list[dict[str, Any]]:
    """Top concerns by area for the period's last month, with last month's size (the trend)."""
    month = period.month_labels()[-1]
    before = shift_month(month, -1)
    previous = {(t.area_id, t.label): t.size for t in ConcernTheme.objects.filter(period=before)}
    grouped: dict[str, list[dict[str, Any]]] = defaultdict(list)
    names: dict[str, str] = {}
    for t in ConcernTheme.objects.filter(period=month).select_related("area").order_by("-size"):
        code = t.area.code if t.area else "city"
        names[code] = t.area.name if t.area else "—"
        if len(grouped[code]) >= 3:
            continue
        last = previous.get((t.area_id, t.label), 0)
        grouped[code].append(
            {
                "label": t.label,
                "size": t.size,
                "previous": last,
                "trend": "up" if t.size > last else "down" if t.size < last else "same",
                "quotes": t.quotes[:2],
            }
        )
    return [{"code": c, "name": names[c], "themes": grouped[c]} for c in sorted(grouped)]


def map_features(rows: list[trust.Row], kind: str) -> dict[str, Any]:
    values = {r.area: r for r in rows}
    features = []
    for area in Area.objects.filter(kind=kind).only("code", "name", "geometry"):
        row = values.get(area.code)
        published = bool(row and row.published and row.trust)
        features.append(
            {
                "type": "Feature",
                "geometry": area.geometry,
                "properties": {
                    "code": area.code,
                    "name": area.name,
                    "trust": round(row.trust.mean, 1) if published and row and row.trust else None,
                    "safety": round(row.safety.mean, 1)
                    if published and row and row.safety
                    else None,
                    "note": row.note if row else "",
                },
            }
        )
    return {"type": "FeatureCollection", "features": features}


def build(
    period_label: str,
    *,
    kind: str,
    small_areas: str,
    trend_area: str = "city",
    trend_step: str = "month",
) -> Dashboard:
    period = parse(period_label)
    rows = trust.trust_index(period.label, kind=kind, small_areas=small_areas)
    last = period.month_labels()[-1]
    return Dashboard(
        period=period,
        kind=kind,
        small_areas=small_areas,
        trust_rows=rows,
        trend=trust.trend(trend_area, last, months=6, kind=kind, step=trend_step),
        by_category=metrics.service_scores(period, "category"),
        by_unit=metrics.service_scores(period, "unit"),
        rates=metrics.response_rates(period),
        community_responses=metrics.community_count(period),
        post_contact_by_area=post_contact_by_area(period),
        concerns=concerns(period),
        alerts=list(
            ConcernAlert.objects.filter(period__in=period.month_labels()).select_related("area")[
                :20
            ]
        ),
        map_features=map_features(rows, kind),
        sentiment=sentiment.by_source(period),
        negative_quotes=sentiment.negative_quotes(period),
    )
