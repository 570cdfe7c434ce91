import math

import numpy as np

from bluebridge.forecasting.models import MODELS, Events, Grid, forecast


def test_naive_scores_are_past_counts():
    grid = Grid.from_bounds(0, 0, 300, 100, 100)
    ev = Events(t=[0, 1, 2, 3, 9], x=[50, 50, 150, 50, 250], y=[50] * 5)
    assert forecast("naive", ev, grid, origin=5, horizon_days=1).tolist() == [3.0, 1.0, 0.0]
    recent = forecast("naive", ev, grid, origin=5, horizon_days=1, window_days=3.5)
    assert recent.tolist() == [1.0, 1.0, 0.0]


def test_retrospective_spreads_a_quartic_kernel_around_an_incident():
    grid = Grid.from_bounds(0, 0, 500, 500, 100)
    ev = Events(t=[1.0], x=[250.0], y=[250.0])
    s = forecast("retrospective", ev, grid, origin=2, horizon_days=1, bandwidth_m=200)
    img = grid.image(s)
    assert img[2, 2] == 1.0  # the incident's own cell: distance 0
    assert math.isclose(img[2, 3], (1 - 0.5**2) ** 2)  # one cell away: d = 100/200
    assert img[2, 4] == 0.0  # two cells = the bandwidth: outside


def test_prospective_weighs_by_distance_and_age_in_weeks():
    grid = Grid.from_bounds(0, 0, 500, 500, 100)
    ev = Events(t=[0.0, 20.0], x=[250.0, 250.0], y=[250.0, 250.0])
    s = grid.image(forecast("prospective", ev, grid, origin=21, horizon_days=7, bandwidth_m=200))
    # Ages: 3 whole weeks -> 1/4, 0 weeks -> 1; neighbour at distance 1 cell halves it.
    assert math.isclose(s[2, 2], 1.25)
    assert math.isclose(s[2, 3], 1.25 / 2)
    assert math.isclose(s[2, 4], 1.25 / 3)


def test_stkde_decays_with_age_and_peaks_at_the_incident():
    grid = Grid.from_bounds(0, 0, 500, 500, 100)
    old = Events(t=[0.0], x=[250.0], y=[250.0])
    new = Events(t=[90.0], x=[250.0], y=[250.0])
    s_old = forecast("stkde", old, grid, origin=100, horizon_days=7)
    s_new = forecast("stkde", new, grid, origin=100, horizon_days=7)
    assert np.argmax(s_new) == 12
    ratio = s_old[12] / s_new[12]
    assert math.isclose(ratio, math.exp(-90 / 60), rel_tol=1e-9)


def test_every_model_ranks_a_persistent_hotspot_first(city, city_grid):
    for name in sorted(MODELS):
        s = forecast(name, city, city_grid, origin=365.0, horizon_days=7.0)
        assert s.shape == (city_grid.n_cells,)
        assert int(np.argmax(s)) == 22, name  # cell of (250, 250)
