import numpy as np
import pytest

from bluebridge.forecasting.models import Events, Grid


def test_it_anchors_reference_cells_at_the_floor_of_the_minimum():
    ev = Events(t=[0, 1, 2], x=[155.0, 310.0, 160.0], y=[-20.0, 90.0, -10.0])
    grid = Grid.from_events(ev, 100)
    assert (grid.xmin, grid.ymin) == (100.0, -100.0)
    assert (grid.nx, grid.ny) == (3, 2)
    # Two distinct cells hold incidents: the region (N_ref) is 2 cells.
    assert grid.n_region == 2
    assert grid.cell_of(np.array([155.0]), np.array([-20.0]))[0] == 0
    assert grid.bounds(0) == (100.0, -100.0, 200.0, 0.0)
    assert grid.bounds(5) == (300.0, 0.0, 400.0, 100.0)


def test_it_counts_events_per_cell_and_drops_points_off_the_grid():
    grid = Grid.from_bounds(0, 0, 200, 200, 100)
    ev = Events(t=[0, 0, 0, 0], x=[10, 20, 150, 500], y=[10, 20, 150, 5])
    assert grid.counts(ev).tolist() == [2.0, 0.0, 0.0, 1.0]
    assert grid.cell_of(np.array([500.0]), np.array([5.0]))[0] == -1


def test_it_builds_a_region_from_a_polygon_by_cell_centres():
    square = [[(0.0, 0.0), (300.0, 0.0), (300.0, 300.0), (0.0, 300.0), (0.0, 0.0)]]
    hole = [(100.0, 100.0), (200.0, 100.0), (200.0, 200.0), (100.0, 200.0), (100.0, 100.0)]
    grid = Grid.from_polygons([[square[0], hole]], 100)
    assert grid.n_cells == 9
    assert grid.n_region == 8  # the centre cell is in the hole
    assert not grid.mask[4]


def test_it_refuses_a_non_positive_cell_size():
    with pytest.raises(ValueError, match="positive"):
        Grid.from_bounds(0, 0, 10, 10, 0)


def test_it_maps_region_scores_to_h3_cells():
    grid = Grid.from_bounds(583000, 4507000, 584000, 4508000, 250)
    out = grid.to_h3(np.arange(grid.n_cells, dtype=float), "EPSG:32618", resolution=8)
    assert out and all(isinstance(k, str) for k in out)
