"""Intervals for the analytics page. No Django."""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np


def wilson(
    successes: int, trials: int, z: float = 1.96
) -> tuple[float | None, float | None, float | None]:
    """Share and its Wilson score interval (95% by default); (None, None, None) without data."""
    if trials <= 0:
        return None, None, None
    p = successes / trials
    denominator = 1 + z * z / trials
    centre = (p + z * z / (2 * trials)) / denominator
    half = z * math.sqrt(p * (1 - p) / trials + z * z / (4 * trials * trials)) / denominator
    return p, max(0.0, centre - half), min(1.0, centre + half)


def median_interval(
    values: Sequence[float], resamples: int = 1000, seed: int = 0
) -> tuple[float | None, float | None, float | None]:
    """Median and a percentile-bootstrap 95% interval for it."""
    if not values:
        return None, None, None
    data = np.asarray(values, dtype=float)
    if len(data) == 1:
        return float(data[0]), float(data[0]), float(data[0])
    rng = np.random.default_rng(seed)
    medians = np.median(rng.choice(data, size=(resamples, len(data)), replace=True), axis=1)
    return (
        float(np.median(data)),
        float(np.percentile(medians, 2.5)),
        float(np.percentile(medians, 97.5)),
    )
