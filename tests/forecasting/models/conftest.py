import numpy as np
import pytest

from bluebridge.forecasting.models import Events, Grid


def simulate_city(seed: int = 1, days: int = 400) -> Events:
    """A persistent hotspot, a weaker one, and uniform noise over 10 x 10 cells of 100 m."""
    rng = np.random.default_rng(seed)
    parts = []
    for (cx, cy), rate in (((250.0, 250.0), 1.0), ((750.0, 650.0), 0.4)):
        n = rng.poisson(rate * days)
        parts.append(
            (rng.uniform(0, days, n), cx + rng.normal(0, 30, n), cy + rng.normal(0, 30, n))
        )
    n = rng.poisson(1.5 * days)
    parts.append((rng.uniform(0, days, n), rng.uniform(0, 1000, n), rng.uniform(0, 1000, n)))
    t = np.concatenate([p[0] for p in parts])
    x = np.clip(np.concatenate([p[1] for p in parts]), 0, 999.9)
    y = np.clip(np.concatenate([p[2] for p in parts]), 0, 999.9)
    return Events(t=t, x=x, y=y)


@pytest.fixture
def city() -> Events:
    return simulate_city()


@pytest.fixture
def city_grid() -> Grid:
    return Grid.from_bounds(0, 0, 1000, 1000, 100)
