import pytest

from bluebridge.core import areas, geography
from bluebridge.core.models import Area
from tests.conftest import INSIDE, OUTSIDE

SQUARE = {"type": "Polygon", "coordinates": [[[0, 0], [10, 0], [10, 10], [0, 10], [0, 0]]]}
DONUT = {
    "type": "Polygon",
    "coordinates": [
        [[0, 0], [10, 0], [10, 10], [0, 10], [0, 0]],
        [[4, 4], [6, 4], [6, 6], [4, 6], [4, 4]],
    ],
}


def test_it_tells_whether_a_point_is_inside_a_polygon():
    assert geography.contains(SQUARE, 5, 5)
    assert not geography.contains(SQUARE, 11, 5)
    assert geography.contains(DONUT, 2, 2)
    assert not geography.contains(DONUT, 5, 5)  # in the hole


def test_it_handles_multipolygons_and_bboxes():
    multi = {
        "type": "MultiPolygon",
        "coordinates": [SQUARE["coordinates"], [[[20, 20], [30, 20], [30, 30], [20, 20]]]],
    }
    assert geography.contains(multi, 25, 22)
    assert geography.bbox(multi) == (0, 0, 30, 30)


def test_it_rejects_geometries_that_are_not_polygons():
    with pytest.raises(geography.GeometryError):
        geography.validate({"type": "Point", "coordinates": [1, 2]})
    with pytest.raises(geography.GeometryError):
        geography.validate({"type": "Polygon", "coordinates": [[[0, 0], [500, 0], [1, 1], [0, 0]]]})


def test_it_gives_h3_cells_and_distances():
    cell = geography.h3_cell(40.01, -90.01, 9)
    assert len(cell) == 15
    assert 1100 < geography.distance_m(40.0, -90.0, 40.01, -90.0) < 1120


def test_it_finds_the_beat_that_holds_a_point(city):
    area = areas.find_area(*INSIDE)
    assert area is not None and area.code == "B1" and area.parent is not None
    assert area.parent.code == "D1"
    assert areas.find_area(*OUTSIDE) is None


def test_it_reports_the_feature_that_is_wrong_and_loads_nothing(db):
    bad = {
        "type": "FeatureCollection",
        "features": [
            {"type": "Feature", "properties": {"code": "X1"}, "geometry": SQUARE},
            {"type": "Feature", "properties": {"name": "no code"}, "geometry": SQUARE},
        ],
    }
    with pytest.raises(geography.GeometryError, match="feature 2"):
        areas.load_geojson(bad, kind="beat")
    assert not Area.objects.exists()
