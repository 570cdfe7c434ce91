"""Adult population of each beat, by age × sex and by race/ethnicity. No Django.

Numbers are synthetic: central beats are denser and younger, outer beats older; the mix of
race/ethnicity differs by beat. Every dimension of a beat sums exactly to its adult population,
and a district's margins are the sums of its beats' margins.
"""

from __future__ import annotations

import random
from collections.abc import Iterable

AGE_BANDS = ["18-24", "25-34", "35-44", "45-54", "55-64", "65+"]
SEXES = ["female", "male"]
AGE_SEX = [f"{band}|{sex}" for band in AGE_BANDS for sex in SEXES]
RACE_ETHNICITY = ["hispanic", "white", "black", "asian", "other"]
DIMENSIONS = {"age_sex": AGE_SEX, "race_ethnicity": RACE_ETHNICITY}

_AGE_SHARES = [0.12, 0.18, 0.17, 0.16, 0.17, 0.20]
_FEMALE_SHARE = [0.49, 0.50, 0.50, 0.51, 0.52, 0.56]
_RACE_SHARES = [0.10, 0.58, 0.20, 0.05, 0.07]

Margins = dict[str, dict[str, int]]  # dimension -> category -> adults


def apportion(total: int, weights: list[float]) -> list[int]:
    """Whole numbers proportional to `weights` that sum exactly to `total` (largest remainder)."""
    scale = sum(weights)
    exact = [total * w / scale for w in weights]
    counts = [int(x) for x in exact]
    left = total - sum(counts)
    order = sorted(range(len(weights)), key=lambda k: (counts[k] - exact[k], k))
    for k in order[:left]:
        counts[k] += 1
    return counts


def beat_adults(rng: random.Random, centrality: float) -> int:
    return int(3000 + 6000 * centrality + rng.uniform(-1200, 1200))


def beat_margins(rng: random.Random, adults: int, centrality: float) -> Margins:
    """Margins for one beat with `adults` residents aged 18 and over."""
    youth = 0.7 + 0.8 * centrality  # downtown: students and young workers
    age_weights = []
    for k, share in enumerate(_AGE_SHARES):
        tilt = youth if k <= 1 else (1.0 if k <= 3 else 1.6 - 0.6 * youth)
        age_weights.append(share * tilt * rng.uniform(0.85, 1.15))
    band_counts = apportion(adults, age_weights)
    age_sex: dict[str, int] = {}
    for band, count, female in zip(AGE_BANDS, band_counts, _FEMALE_SHARE, strict=True):
        f = rng.uniform(female - 0.02, female + 0.02)
        women = round(count * f)
        age_sex[f"{band}|female"] = women
        age_sex[f"{band}|male"] = count - women
    race_weights = [rng.gammavariate(25 * s, 1.0) for s in _RACE_SHARES]
    race = dict(zip(RACE_ETHNICITY, apportion(adults, race_weights), strict=True))
    return {"age_sex": age_sex, "race_ethnicity": race}


def add_margins(parts: Iterable[Margins]) -> Margins:
    total: Margins = {dim: dict.fromkeys(cats, 0) for dim, cats in DIMENSIONS.items()}
    for margins in parts:
        for dim, counts in margins.items():
            for category, count in counts.items():
                total[dim][category] += count
    return total
