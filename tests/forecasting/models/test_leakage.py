"""No model may see the future: adding or changing events at or after the origin changes
nothing in a forecast made at the origin."""

import numpy as np
import pytest

from bluebridge.forecasting.models import MODELS, Events, backtest, forecast

ORIGIN = 300.0


def with_changed_future(ev: Events, seed: int) -> Events:
    rng = np.random.default_rng(seed)
    past = ev.t < ORIGIN
    t, x, y = ev.t.copy(), ev.x.copy(), ev.y.copy()
    # Move every later incident elsewhere and add a burst of new ones right at the origin.
    x[~past] = rng.uniform(0, 1000, (~past).sum())
    y[~past] = rng.uniform(0, 1000, (~past).sum())
    n = 300
    return Events(
        t=np.concatenate([t, ORIGIN + rng.uniform(0, 60, n), np.full(5, ORIGIN)]),
        x=np.concatenate([x, rng.uniform(0, 1000, n), np.full(5, 850.0)]),
        y=np.concatenate([y, rng.uniform(0, 1000, n), np.full(5, 150.0)]),
    )


@pytest.mark.parametrize("name", sorted(MODELS))
def test_it_ignores_events_at_or_after_the_origin(name, city, city_grid):
    before = forecast(name, city, city_grid, ORIGIN, 7.0)
    for seed in (1, 2):
        after = forecast(name, with_changed_future(city, seed), city_grid, ORIGIN, 7.0)
        np.testing.assert_array_equal(before, after)


@pytest.mark.parametrize("name", ["best", "learned", "sepp"])
def test_it_gives_the_same_forecast_in_a_backtest_as_alone(name, city, city_grid):
    """Caches shared across origins (ensemble validation, learned features) leak nothing."""
    origins = [290.0, 297.0, 304.0]
    backtest(name, with_changed_future(city, 3), city_grid, origins, 7.0)
    alone = forecast(name, city.before(ORIGIN), city_grid, ORIGIN, 7.0)
    np.testing.assert_array_equal(alone, forecast(name, city, city_grid, ORIGIN, 7.0))


@pytest.mark.parametrize("name", sorted(MODELS))
def test_scores_do_not_depend_on_the_region_mask(name, city, city_grid):
    """The protocol's region holds cells whose first incident is still to come; a model that
    read the mask would learn from the future."""
    from bluebridge.forecasting.models import Grid

    masked = Grid(0, 0, 100, 10, 10, mask=np.arange(100) % 3 != 0)
    np.testing.assert_array_equal(
        forecast(name, city, city_grid, ORIGIN, 7.0), forecast(name, city, masked, ORIGIN, 7.0)
    )
