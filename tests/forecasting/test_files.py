import gzip

import pytest

from bluebridge.forecasting.files import IncidentFileError, read_boundary, read_incidents
from bluebridge.forecasting.models import to_days
from tests.forecasting.incident_files import write_incidents


@pytest.fixture
def incidents_csv(tmp_path):
    return write_incidents(tmp_path)


def test_it_reads_and_projects_a_common_schema_file(incidents_csv):
    ev = read_incidents([incidents_csv], "EPSG:32618")
    assert len(ev) == 400
    assert 580_000 < ev.x.min() < ev.x.max() < 590_000  # UTM 18N metres
    assert ev.t[0] == to_days("2016-01-01T12:00:00")
    assert list(ev.t) == sorted(ev.t)


def test_it_filters_offenses_and_reads_gzip(incidents_csv, tmp_path):
    gz = tmp_path / "more.csv.gz"
    gz.write_bytes(gzip.compress(incidents_csv.read_bytes()))
    ev = read_incidents([incidents_csv, gz], "EPSG:32618", offenses=["burglary"])
    assert len(ev) == 400
    assert set(ev.offense) == {"burglary"}


def test_it_reads_date_only_times(tmp_path):
    p = tmp_path / "d.csv"
    p.write_text("id,occurred_at,offense,lat,lon\n1,2016-03-01,burglary,45.5,-122.6\n")
    assert read_incidents([p], "EPSG:32610").t[0] == to_days("2016-03-01")


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("id,when,lat,lon\n1,2016-01-01,1,1\n", "missing column"),
        ("id,occurred_at,offense,lat,lon\n1,yesterday,x,40.7,-74\n", "line 2"),
        ("id,occurred_at,offense,lat,lon\n1,2016-01-01,x,north,-74\n", "not numbers"),
        ("id,occurred_at,offense,lat,lon\n1,2016-01-01,x,140.7,-74\n", "out of range"),
        ("id,occurred_at,offense,lat,lon\n", "no incidents"),
    ],
)
def test_it_names_the_problem_in_a_bad_file(tmp_path, body, message):
    p = tmp_path / "bad.csv"
    p.write_text(body)
    with pytest.raises(IncidentFileError, match=message):
        read_incidents([p], "EPSG:32618")


@pytest.mark.parametrize(
    ("crs", "message"),
    [
        ("EPSG:4326", "not a projected"),
        ("EPSG:2263", "US survey foot|foot"),
        ("EPSG:99999999", "unknown CRS"),
    ],
)
def test_it_refuses_crs_without_metres(incidents_csv, crs, message):
    with pytest.raises(IncidentFileError, match=message):
        read_incidents([incidents_csv], crs)


def test_it_refuses_a_missing_file(tmp_path):
    with pytest.raises(IncidentFileError, match="no such file"):
        read_incidents([tmp_path / "nope.csv"], "EPSG:32618")


def test_it_reads_a_geojson_boundary(tmp_path):
    p = tmp_path / "b.geojson"
    p.write_text(
        '{"type":"FeatureCollection","features":[{"type":"Feature","properties":{},'
        '"geometry":{"type":"Polygon","coordinates":[[[-74,40.7],[-73.99,40.7],'
        "[-73.99,40.71],[-74,40.7]]]}}]}"
    )
    polygons = read_boundary(p, "EPSG:32618")
    assert len(polygons) == 1 and len(polygons[0][0]) == 4
