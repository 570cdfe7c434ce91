"""On the real Chicago file our scoring reproduces open_cp's naive number (PAI@1% 1.99)."""

from datetime import date
from pathlib import Path

import pytest

from bluebridge.forecasting.files import read_incidents
from bluebridge.forecasting.models import Grid, backtest
from bluebridge.forecasting.models.calendar import parse_step, windows

CHICAGO = (
    Path(__file__).resolve().parents[4]
    / "shared"
    / "data"
    / "crime"
    / "chicago_burglary_2016.csv.gz"
)


@pytest.mark.shared_data
@pytest.mark.skipif(not CHICAGO.exists(), reason="shared data not present")
def test_naive_matches_open_cp_on_the_chicago_protocol():
    events = read_incidents([CHICAGO], "EPSG:26971")
    grid = Grid.from_events(events, 150)
    win = windows(date(2016, 7, 1), date(2016, 10, 1), parse_step("1d"), parse_step("1d"))
    result = backtest("naive", events, grid, [w[2] for w in win], [w[3] for w in win])
    assert grid.n_region == 5414
    assert round(result.metrics()[0]["pai"], 2) == 1.99
