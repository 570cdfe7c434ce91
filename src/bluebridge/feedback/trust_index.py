"""The trust and safety index of one area and period, from its survey responses. No Django.

trust = mean of the "treat with respect" and "listen" items × 10, safety = the safety item × 10
(0–100, as published police sentiment scores are). Responses are raked to the area's
population margins (age × sex, race/ethnicity) and trimmed (see weighting.py). An area whose
Kish effective n is under MIN_EFFECTIVE_N is not published on its own: it can be pooled over a
longer period (done by the caller) or shrunk toward the city value (`shrink`), clearly labelled.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
from numpy.typing import NDArray

from bluebridge.feedback.weighting import WeightedMean, kish_n, rake, weighted_mean

MIN_EFFECTIVE_N = 50
SCALE = (0.0, 100.0)
DIMENSIONS = ("age_sex", "race_ethnicity")


@dataclass
class Sample:
    """Respondents of one group: their demographic cells ("" unknown) and item answers (0-10)."""

    age_sex: list[str] = field(default_factory=list)
    race_ethnicity: list[str] = field(default_factory=list)
    safety: list[float | None] = field(default_factory=list)
    respect: list[float | None] = field(default_factory=list)
    listen: list[float | None] = field(default_factory=list)

    def add(
        self,
        age_sex: str,
        race: str,
        safety: float | None,
        respect: float | None,
        listen: float | None,
    ) -> None:
        self.age_sex.append(age_sex)
        self.race_ethnicity.append(race)
        self.safety.append(safety)
        self.respect.append(respect)
        self.listen.append(listen)

    def extend(self, other: Sample) -> None:
        for name in ("age_sex", "race_ethnicity", "safety", "respect", "listen"):
            getattr(self, name).extend(getattr(other, name))

    def __len__(self) -> int:
        return len(self.safety)


@dataclass
class Summary:
    n: int
    n_eff: float
    trust: WeightedMean | None
    safety: WeightedMean | None
    weighted: bool  # False: no population margins, plain means
    trimmed: int = 0
    unmatched: list[str] = field(default_factory=list)  # "dimension=category" without respondents

    @property
    def publishable(self) -> bool:
        return self.n_eff >= MIN_EFFECTIVE_N


def _array(values: Sequence[float | None]) -> NDArray[np.float64]:
    return np.array(values, dtype=np.float64)  # None becomes NaN


def item_scores(sample: Sample) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """(trust, safety) per respondent on 0-100; trust uses whichever of the two items exist."""
    respect, listen = _array(sample.respect), _array(sample.listen)
    both = np.vstack([respect, listen])
    count = (~np.isnan(both)).sum(axis=0)
    total = np.nansum(both, axis=0)
    with np.errstate(invalid="ignore", divide="ignore"):
        trust = np.where(count > 0, total / np.maximum(count, 1), np.nan) * 10
    return trust, _array(sample.safety) * 10


def weights_for(
    sample: Sample, margins: Mapping[str, Mapping[str, float]]
) -> tuple[NDArray[np.float64], bool, int, list[str]]:
    """Raking weights of a sample to the margins of its area (plain weights when none)."""
    n = len(sample)
    codes, targets, names = [], [], []
    for dim in DIMENSIONS:
        cats = margins.get(dim) or {}
        if not cats or sum(cats.values()) <= 0:
            continue
        order = sorted(cats)
        index = {c: k for k, c in enumerate(order)}
        get = index.get
        codes.append(np.fromiter((get(v, -1) for v in getattr(sample, dim)), np.int64, n))
        targets.append(np.array([cats[c] for c in order], dtype=np.float64))
        names.append((dim, order))
    if not codes or n == 0:
        return np.ones(n), False, 0, []
    result = rake(codes, targets)
    unmatched = [f"{names[d][0]}={names[d][1][c]}" for d, c in result.dropped]
    return result.weights, True, result.trimmed, unmatched


def summarise(sample: Sample, margins: Mapping[str, Mapping[str, float]]) -> Summary:
    weights, weighted, trimmed, unmatched = weights_for(sample, margins)
    trust, safety = item_scores(sample)
    answered = ~(np.isnan(trust) & np.isnan(safety))
    return Summary(
        n=int(answered.sum()),
        n_eff=kish_n(weights[answered]) if answered.any() else 0.0,
        trust=weighted_mean(trust, weights, SCALE),
        safety=weighted_mean(safety, weights, SCALE),
        weighted=weighted,
        trimmed=trimmed,
        unmatched=unmatched,
    )


def shrink(area: WeightedMean, city: WeightedMean, k: float = MIN_EFFECTIVE_N) -> WeightedMean:
    """A composite estimate: λ·area + (1-λ)·city with λ = n_eff / (n_eff + k).

    The city value is treated as known (it rests on far more responses), so the interval is
    λ times the area's; it is labelled as shrunk wherever it is shown.
    """
    lam = area.n_eff / (area.n_eff + k)
    mean = lam * area.mean + (1 - lam) * city.mean
    se = lam * area.se
    half = 1.959963984540054 * se
    return WeightedMean(
        mean, max(SCALE[0], mean - half), min(SCALE[1], mean + half), area.n, area.n_eff, se
    )


@dataclass(frozen=True)
class Change:
    difference: float
    z: float
    p_value: float
    significant: bool  # beyond noise at the 5% level


def change(before: WeightedMean, after: WeightedMean, alpha: float = 0.05) -> Change:
    """Is the change from one period to the next beyond sampling noise? (two-sided z-test)"""
    diff = after.mean - before.mean
    se = math.sqrt(before.se**2 + after.se**2)
    if math.isinf(se):
        return Change(diff, 0.0, 1.0, False)
    if se == 0:  # no spread at all: any difference is real
        return Change(
            diff, math.copysign(math.inf, diff) if diff else 0.0, 0.0 if diff else 1.0, diff != 0
        )
    z = diff / se
    p = math.erfc(abs(z) / math.sqrt(2))
    return Change(diff, z, p, p < alpha)
