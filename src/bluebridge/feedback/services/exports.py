"""CSV exports of aggregates: the trust index and service scores. Never individual responses."""

from __future__ import annotations

import csv
import io

from bluebridge.feedback.services import metrics, trust
from bluebridge.feedback.services.periods import parse

EXPORTS = ("trust", "service")


def _fmt(value: float | None) -> str:
    return "" if value is None else f"{value:.1f}"


def trust_csv(period: str, kind: str, small_areas: str) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(
        [
            "period",
            "area",
            "name",
            "kind",
            "n",
            "effective_n",
            "published",
            "method",
            "note",
            "trust",
            "trust_low",
            "trust_high",
            "safety",
            "safety_low",
            "safety_high",
            "weighted",
        ]
    )
    for r in trust.trust_index(period, kind=kind, small_areas=small_areas):
        t = r.trust if r.published else None
        s = r.safety if r.published else None
        writer.writerow(
            [
                r.period,
                r.area,
                r.name,
                r.kind,
                r.n,
                f"{r.n_eff:.1f}",
                r.published,
                r.method,
                r.note,
                _fmt(t.mean if t else None),
                _fmt(t.low if t else None),
                _fmt(t.high if t else None),
                _fmt(s.mean if s else None),
                _fmt(s.low if s else None),
                _fmt(s.high if s else None),
                r.weighted,
            ]
        )
    return out.getvalue()


def service_csv(period: str) -> str:
    parsed = parse(period)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["period", "by", "group", "label", "responses", "csat_percent", "nps"])
    for by in ("category", "unit"):
        for row in metrics.service_scores(parsed, by):
            writer.writerow(
                [
                    parsed.label,
                    by,
                    row.group,
                    row.label,
                    row.responses,
                    _fmt(row.csat),
                    _fmt(row.nps),
                ]
            )
    return out.getvalue()
