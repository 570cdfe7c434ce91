"""The trust index by area and period, from community-survey responses in the database.

Each area's responses are raked to its own population margins (core.PopulationMargin). A
district includes the responses of its beats. An area with an effective n under 50 is not
published on its own; depending on `small_areas` it is pooled over the three months ending
with the period ("pool"), shrunk toward the city value ("shrink"), or only marked as not
having enough responses ("suppress"). Every row says which, so screens can label it.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from bluebridge.core.models import Area, PopulationMargin
from bluebridge.feedback.models import Kind, Response
from bluebridge.feedback.services.periods import (
    Period,
    parse,
    pooled,
    quarter_of_month,
    shift_month,
    shift_quarter,
)
from bluebridge.feedback.trust_index import (
    Change,
    Sample,
    Summary,
    change,
    shrink,
    summarise,
)
from bluebridge.feedback.weighting import WeightedMean

SMALL_AREA_RULES = ("suppress", "pool", "shrink")
POOL_MONTHS = 3
MIN_SHRINK_N = 10


@dataclass
class Row:
    area: str  # code, or "city"
    name: str
    kind: str
    period: str
    n: int
    n_eff: float
    trust: WeightedMean | None
    safety: WeightedMean | None
    published: bool
    method: str  # "direct" | "pooled" | "shrunk" | "suppressed"
    note: str
    weighted: bool

    def as_dict(self) -> dict[str, Any]:
        def value(m: WeightedMean | None) -> dict[str, float] | None:
            if m is None or not self.published:
                return None
            return {"value": round(m.mean, 1), "low": round(m.low, 1), "high": round(m.high, 1)}

        return {
            "area": self.area,
            "name": self.name,
            "kind": self.kind,
            "period": self.period,
            "n": self.n,
            "effective_n": round(self.n_eff, 1),
            "published": self.published,
            "method": self.method,
            "note": self.note,
            "weighted": self.weighted,
            "trust": value(self.trust),
            "safety": value(self.safety),
        }


def margins_by_area() -> dict[int, dict[str, dict[str, float]]]:
    out: dict[int, dict[str, dict[str, float]]] = defaultdict(lambda: defaultdict(dict))
    for area_id, dim, cat, count in PopulationMargin.objects.values_list(
        "area_id", "dimension", "category", "count"
    ):
        out[area_id][dim][cat] = float(count)
    return out


def samples(period: Period, kind: str) -> tuple[dict[int, Sample], Sample]:
    """Community responses of the period grouped by area of `kind` (beats roll up), and all."""
    parent = dict(Area.objects.values_list("id", "parent_id"))
    kinds = dict(Area.objects.values_list("id", "kind"))
    groups: dict[int, Sample] = defaultdict(Sample)
    city = Sample()
    rows = Response.objects.filter(
        kind=Kind.COMMUNITY, submitted_at__gte=period.start, submitted_at__lt=period.end
    ).values_list("area_id", "age_band", "sex", "race_ethnicity", "safety", "respect", "listen")
    for area_id, age, sex, race, safety, respect, listen in rows.iterator(chunk_size=5000):
        cell = f"{age}|{sex}" if age and sex else ""
        city.add(cell, race, safety, respect, listen)
        target: int | None = area_id
        if target is not None and kinds.get(target) != kind:
            target = parent.get(target) if kind == Area.DISTRICT else None
        if target is not None:
            groups[target].add(cell, race, safety, respect, listen)
    return groups, city


def _city_margins(margins: dict[int, dict[str, dict[str, float]]]) -> dict[str, dict[str, float]]:
    beats = set(Area.objects.filter(kind=Area.BEAT).values_list("id", flat=True))
    total: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    for area_id, dims in margins.items():
        if area_id in beats:
            for dim, cats in dims.items():
                for cat, count in cats.items():
                    total[dim][cat] += count
    return total


def _row(area: Area | None, period: str, summary: Summary, method: str, note: str) -> Row:
    return Row(
        area=area.code if area else "city",
        name=area.name if area else "City",
        kind=area.kind if area else "city",
        period=period,
        n=summary.n,
        n_eff=summary.n_eff,
        trust=summary.trust,
        safety=summary.safety,
        published=method != "suppressed",
        method=method,
        note=note,
        weighted=summary.weighted,
    )


def trust_index(
    period_label: str, *, kind: str = Area.BEAT, small_areas: str = "pool", area: str = ""
) -> list[Row]:
    """One row per area of `kind` (and a city row first) for the period."""
    if small_areas not in SMALL_AREA_RULES:
        raise ValueError(f"small_areas must be one of {SMALL_AREA_RULES}")
    if kind not in (Area.BEAT, Area.DISTRICT):
        raise ValueError("kind must be beat or district")
    period = parse(period_label)
    margins = margins_by_area()
    groups, city_sample = samples(period, kind)
    city = summarise(city_sample, _city_margins(margins))
    rows = [_row(None, period.label, city, "direct" if city.publishable else "suppressed", "")]
    if not city.publishable:
        rows[0].note = "not enough responses"
    wide: dict[int, Sample] | None = None
    areas = Area.objects.filter(kind=kind).order_by("code")
    if area:
        areas = areas.filter(code=area)
    for place in areas:
        summary = summarise(groups.get(place.pk, Sample()), margins.get(place.pk, {}))
        if summary.publishable:
            rows.append(_row(place, period.label, summary, "direct", ""))
            continue
        if small_areas == "pool":
            if wide is None:
                wide, _ = samples(pooled(period, POOL_MONTHS), kind)
            longer = summarise(wide.get(place.pk, Sample()), margins.get(place.pk, {}))
            if longer.publishable and period.months < POOL_MONTHS:
                note = f"pooled over the {POOL_MONTHS} months ending {period.month_labels()[-1]}"
                rows.append(_row(place, period.label, longer, "pooled", note))
                continue
        if (
            small_areas == "shrink"
            and summary.n_eff >= MIN_SHRINK_N
            and summary.trust
            and city.trust
            and summary.safety
            and city.safety
        ):
            summary.trust = shrink(summary.trust, city.trust)
            summary.safety = shrink(summary.safety, city.safety)
            rows.append(
                _row(place, period.label, summary, "shrunk", "shrunk toward the city value")
            )
            continue
        rows.append(_row(place, period.label, summary, "suppressed", "not enough responses"))
    return rows


@dataclass
class TrendPoint:
    row: Row
    change: Change | None  # trust, against the previous published point
    safety_change: Change | None = None  # safety, against the same point


TREND_STEPS = ("month", "quarter")


def trend(
    area: str,
    last_month: str,
    months: int = 12,
    kind: str = Area.BEAT,
    step: str = "month",
) -> list[TrendPoint]:
    """Trust and safety for one area (or "city") over the last `months` months, or over as
    many quarters with step="quarter" (the quarter holding `last_month` last), each change
    tested against sampling noise. Periods never overlap and are never pooled or shrunk here
    (overlapping periods would fake agreement); quarters give a small area three times the
    answers of a month."""
    if step not in TREND_STEPS:
        raise ValueError(f"step must be one of {', '.join(TREND_STEPS)}")
    if step == "quarter":
        last = quarter_of_month(last_month)
        labels = [shift_quarter(last, -k) for k in range(months - 1, -1, -1)]
    else:
        labels = [shift_month(last_month, -k) for k in range(months - 1, -1, -1)]
    points: list[TrendPoint] = []
    previous: Row | None = None
    for label in labels:
        rows = trust_index(
            label, kind=kind, small_areas="suppress", area="" if area == "city" else area
        )
        row = next((r for r in rows if r.area == area), None)
        if row is None:
            continue
        delta = safety_delta = None
        if row.published and previous is not None:
            if previous.trust and row.trust:
                delta = change(previous.trust, row.trust)
            if previous.safety and row.safety:
                safety_delta = change(previous.safety, row.safety)
        if row.published:
            previous = row
        points.append(TrendPoint(row, delta, safety_delta))
    return points
