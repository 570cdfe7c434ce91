import math

import numpy as np
import pytest

from bluebridge.forecasting.models import Events, Grid, backtest
from bluebridge.forecasting.models.backtest import run_backtest
from bluebridge.forecasting.models.scoring import SQUARE_MILE_M2, hit_rate_curve, ranking


def tiny():
    # 4 x 1 cells of 100 m; region = cells 0, 1, 2 (cell 3 holds no incident ever).
    grid = Grid(0, 0, 100, 4, 1, mask=np.array([True, True, True, False]))
    past = [(0.0, 50), (1.0, 50), (2.0, 150), (3.0, 250)]
    # Horizon [10, 11): two in cell 1, one in cell 2, one off the region (cell 3).
    # Horizon [11, 12): one in cell 0.
    future = [(10.2, 150), (10.4, 150), (10.6, 250), (10.8, 350), (11.5, 50)]
    rows = past + future
    ev = Events(t=[r[0] for r in rows], x=[r[1] for r in rows], y=[50.0] * len(rows))
    return grid, ev


def test_it_matches_a_hand_computed_backtest():
    grid, ev = tiny()
    # Naive at origin 10: counts 2, 1, 1 -> flagged order 0, 1, 2 (1 and 2 tie: lower id).
    # Naive at origin 11: counts 2, 3, 2 -> order 1, 0, 2.
    r = backtest("naive", ev, grid, [10.0, 11.0], 1.0, coverages=(0.3, 0.6), areas_m2=(25000,))
    assert r.n_ref == 3
    assert [lvl.k for lvl in r.levels] == [1, 2, 2]  # ceil(0.9)=1, ceil(1.8)=2, floor(2.5)=2
    assert r.events.tolist() == [4.0, 1.0]
    # k=1: origin 10 flags cell 0 (0 hits), origin 11 flags cell 1 (0 hits).
    # k=2: origin 10 flags 0, 1 (2 hits); origin 11 flags 1, 0 (1 hit).
    assert r.hits.tolist() == [[0, 2, 2], [0, 1, 1]]
    # Best k=1: cell 1 (2) and cell 0 (1); best k=2: 3 and 1.
    assert r.best.tolist() == [[2, 3, 3], [1, 1, 1]]
    m = {row["level"]: row for row in r.metrics()}
    assert m["30%"]["hit_rate"] == 0.0
    assert math.isclose(m["60%"]["hit_rate"], 3 / 5)
    assert math.isclose(m["60%"]["pai"], (3 / 5) / 0.6)
    assert math.isclose(m["60%"]["pei"], 3 / 4)
    area = r.metrics()[2]
    assert math.isclose(area["coverage"], 2 / 3)
    assert math.isclose(area["pai"], (3 / 5) / (2 / 3))
    assert area["level"] == f"{25000 / SQUARE_MILE_M2:g} sq mi"
    d = r.to_dict()
    assert d["per_origin"]["60%"]["hits"] == [2.0, 1.0]
    assert len(d["curve"]["coverage"]) == len(d["curve"]["hit_rate"])


def test_it_breaks_ties_by_lower_cell_id():
    grid = Grid(0, 0, 100, 3, 1)
    assert ranking(np.array([1.0, 2.0, 2.0]), grid).tolist() == [1, 2, 0]


def test_the_hit_rate_curve_runs_from_zero_to_the_region_share():
    grid, ev = tiny()
    cov, hr = hit_rate_curve(np.array([3.0, 2.0, 1.0, 0.0]), grid, ev.between(10, 11), points=3)
    assert cov.tolist() == pytest.approx([0, 1 / 3, 2 / 3, 1])
    assert hr.tolist() == [0.0, 0.0, 0.5, 0.75]  # the off-region incident is never hit


def test_it_refuses_empty_origins_and_bad_horizons():
    grid, ev = tiny()
    with pytest.raises(ValueError, match="origin"):
        run_backtest("x", lambda *a: np.zeros(4), ev, grid, [], 1.0)
    with pytest.raises(ValueError, match="positive"):
        backtest("naive", ev, grid, [10.0], 0.0)
    with pytest.raises(ValueError, match="unknown model"):
        backtest("crystal_ball", ev, grid, [10.0], 1.0)
