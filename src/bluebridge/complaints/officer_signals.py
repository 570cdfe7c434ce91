"""Per-officer conduct signals (complaint counts by type and finding), for professional standards.

A plain query for later early-intervention work: counts only, no thresholds or judgements here.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import timedelta
from typing import Any

from django.db.models import Count
from django.utils import timezone

from bluebridge.complaints.models import Allegation


def signals(days: int = 365, min_allegations: int = 1) -> list[dict[str, Any]]:
    since = timezone.now() - timedelta(days=days)
    rows = (
        Allegation.objects.filter(officer__isnull=False, complaint__created_at__gte=since)
        .values(
            "officer_id",
            "officer__badge",
            "officer__first_name",
            "officer__last_name",
            "officer__unit__code",
            "category__code",
            "finding",
        )
        .annotate(n=Count("id"))
    )
    by_officer: dict[int, dict[str, Any]] = {}
    for row in rows:
        entry = by_officer.setdefault(
            row["officer_id"],
            {
                "officer_id": row["officer_id"],
                "badge": row["officer__badge"],
                "name": f"{row['officer__first_name']} {row['officer__last_name']}",
                "unit": row["officer__unit__code"],
                "allegations": 0,
                "complaints": 0,
                "by_type": defaultdict(int),
                "by_finding": defaultdict(int),
            },
        )
        entry["allegations"] += row["n"]
        entry["by_type"][row["category__code"]] += row["n"]
        entry["by_finding"][row["finding"] or "open"] += row["n"]
    complaints: Any = (
        Allegation.objects.filter(officer_id__in=list(by_officer), complaint__created_at__gte=since)
        .values("officer_id")
        .annotate(n=Count("complaint_id", distinct=True))
    )
    for counted in complaints:
        by_officer[counted["officer_id"]]["complaints"] = counted["n"]
    result = []
    for entry in by_officer.values():
        if entry["allegations"] < min_allegations:
            continue
        entry["by_type"] = dict(sorted(entry["by_type"].items()))
        entry["by_finding"] = dict(sorted(entry["by_finding"].items()))
        result.append(entry)
    result.sort(key=lambda e: (-e["allegations"], e["badge"]))
    return result
