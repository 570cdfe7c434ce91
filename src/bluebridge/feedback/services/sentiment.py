"""Sentiment by source and area for the listening dashboard: survey answers, complaints, chats.

Aggregates only, plus a few redacted quotes of the most negative texts that are not sensitive
(conduct complaints are counted, never quoted).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.db.models import Avg, Count, Q
from django.utils.translation import gettext_lazy as _

from bluebridge.core.models import Area
from bluebridge.feedback.models import Answer, QuestionType, SubmittedText, TextSource
from bluebridge.feedback.services.periods import Period

SURVEY = "survey"
SOURCES = {
    SURVEY: _("Survey answers"),
    TextSource.COMPLAINT: _("Complaints"),
    TextSource.CHAT: _("Chat feedback"),
}
ALL_AREAS = "all"
QUOTES = 5


@dataclass(frozen=True)
class SentimentRow:
    source: str
    source_label: Any
    area: str  # area code, "all" for every area together, "" for no known area
    area_name: Any
    n: int
    negative: float  # percentages of n
    neutral: float
    positive: float
    mean_score: float | None


def _counts() -> dict[str, Any]:
    return {
        "n": Count("id"),
        "neg": Count("id", filter=Q(sentiment_label="negative")),
        "neu": Count("id", filter=Q(sentiment_label="neutral")),
        "pos": Count("id", filter=Q(sentiment_label="positive")),
        "mean": Avg("sentiment_score"),
    }


def _grouped(period: Period) -> dict[str, list[dict[str, Any]]]:
    answers = (
        Answer.objects.filter(
            qtype=QuestionType.TEXT,
            response__submitted_at__gte=period.start,
            response__submitted_at__lt=period.end,
        )
        .exclude(sentiment_label="")
        .values("response__area_id")
        .annotate(**_counts())
        .order_by()
    )
    out: dict[str, list[dict[str, Any]]] = {
        SURVEY: [{**r, "area_id": r["response__area_id"]} for r in answers]
    }
    texts = (
        SubmittedText.objects.filter(submitted_at__gte=period.start, submitted_at__lt=period.end)
        .exclude(sentiment_label="")
        .values("source", "area_id")
        .annotate(**_counts())
        .order_by()
    )
    for r in texts:
        out.setdefault(r["source"], []).append(dict(r))
    return out


def _row(source: str, code: str, name: Any, rows: list[dict[str, Any]]) -> SentimentRow:
    n = sum(r["n"] for r in rows)
    scored = [(r["mean"], r["n"]) for r in rows if r["mean"] is not None]
    weight = sum(w for _m, w in scored)
    return SentimentRow(
        source=source,
        source_label=SOURCES.get(source, source),
        area=code,
        area_name=name,
        n=n,
        negative=100 * sum(r["neg"] for r in rows) / n,
        neutral=100 * sum(r["neu"] for r in rows) / n,
        positive=100 * sum(r["pos"] for r in rows) / n,
        mean_score=sum(m * w for m, w in scored) / weight if weight else None,
    )


def by_source(period: Period) -> list[SentimentRow]:
    """One row per source for all areas, then one per source and area (sources in fixed order)."""
    grouped = _grouped(period)
    area_ids = {r["area_id"] for rows in grouped.values() for r in rows if r["area_id"]}
    areas = Area.objects.in_bulk(area_ids)
    out: list[SentimentRow] = []
    for source in SOURCES:
        rows = grouped.get(source, [])
        if not rows:
            continue
        out.append(_row(source, ALL_AREAS, _("All areas"), rows))
        per_area: dict[int | None, list[dict[str, Any]]] = defaultdict(list)
        for r in rows:
            per_area[r["area_id"]].append(r)
        keyed = sorted(
            per_area.items(),
            key=lambda item: (item[0] is None, areas[item[0]].code if item[0] in areas else ""),
        )
        for area_id, group in keyed:
            area = areas.get(area_id) if area_id else None
            code, name = (area.code, area.name) if area else ("", _("No area given"))
            out.append(_row(source, code, name, group))
    return out


def negative_quotes(period: Period, limit: int = QUOTES) -> list[dict[str, Any]]:
    """The most negative redacted complaint and chat texts of the period (never sensitive ones)."""
    rows = (
        SubmittedText.objects.filter(
            submitted_at__gte=period.start,
            submitted_at__lt=period.end,
            sensitive=False,
            sentiment_label="negative",
        )
        .exclude(redacted="")
        .select_related("area")
        .order_by("sentiment_score", "-submitted_at")[:limit]
    )
    return [
        {
            "source": SOURCES.get(r.source, r.source),
            "area": r.area.name if r.area else "",
            "score": r.sentiment_score,
            "quote": r.redacted[:280],
        }
        for r in rows
    ]
