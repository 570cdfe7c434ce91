"""Our models learn the city's scale: cell-exact repeats want no smoothing, spread-out
incidents want a kernel."""

import math

import numpy as np

from bluebridge.forecasting.models import Events, Grid
from bluebridge.forecasting.models.ensemble import ValidatedEnsemble, candidates
from bluebridge.forecasting.models.stacked import StackedKernels
from bluebridge.forecasting.models.stackwindows import candidates as stack_candidates


def repeat_city(spread: float, seed: int = 4) -> Events:
    """60 fixed sites with steady rates; incidents land `spread` metres around a site."""
    rng = np.random.default_rng(seed)
    sites = rng.uniform(500, 4500, size=(60, 2))
    rates = rng.gamma(1.0, 0.05, size=60)
    t, x, y = [], [], []
    for (sx, sy), r in zip(sites, rates, strict=True):
        n = rng.poisson(r * 400)
        t.append(rng.uniform(0, 400, n))
        x.append(sx + rng.normal(0, spread, n) if spread else np.full(n, sx))
        y.append(sy + rng.normal(0, spread, n) if spread else np.full(n, sy))
    return Events(t=np.concatenate(t), x=np.concatenate(x), y=np.concatenate(y))


def test_the_ensemble_picks_a_long_memory_for_steady_sites():
    ev = repeat_city(spread=0)
    grid = Grid.from_bounds(0, 0, 5000, 5000, 100)
    model = ValidatedEnsemble(sepp=0)
    best = candidates()[model.choose(ev.before(380), grid, 380.0, 7.0)[0]]
    assert best[1] >= 365 or math.isinf(best[1])  # long memory for steady rates


def test_the_stacked_mix_moves_weight_to_kernels_when_incidents_spread():
    grid = Grid.from_bounds(0, 0, 5000, 5000, 100)
    smooth_share = []
    for spread in (0.0, 150.0):
        ev = repeat_city(spread)
        beta = StackedKernels(guard=0).weights(ev.before(380), grid, 380.0, 7.0)
        assert np.all(beta >= 0) and beta.sum() > 0
        sigmas = np.array([c[0] for c in stack_candidates()])
        smooth_share.append(beta[sigmas > 0].sum() / beta.sum())
    assert smooth_share[1] > smooth_share[0] + 0.3


def test_the_stacked_mix_flags_at_least_what_past_counts_flag_on_its_validation_windows():
    from bluebridge.forecasting.models.stackwindows import NAIVE, Past

    assert stack_candidates()[NAIVE] == (0.0, math.inf)  # past counts are a candidate
    grid = Grid.from_bounds(0, 0, 5000, 5000, 100)
    for spread in (0.0, 150.0):
        ev = repeat_city(spread).before(380)
        model = StackedKernels()
        beta, stats = model.fit(Past(ev, grid), ev, 380.0, 7.0)
        chosen = model.guard(beta, stats)
        naive = np.zeros_like(chosen)
        naive[NAIVE] = 1.0
        got = sum(s.hits(chosen) for s in stats)
        floor = sum(s.hits(naive) for s in stats)
        assert np.all(got >= floor)
