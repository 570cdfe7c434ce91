import csv

import pytest
from django.core.management import CommandError, call_command

from tests.forecasting.incident_files import write_incidents

BASE = [
    "--crs",
    "EPSG:32618",
    "--cell-size",
    "200",
    "--from",
    "2016-03-01",
    "--to",
    "2016-03-15",
    "--every",
    "7d",
    "--horizon",
    "7d",
]


@pytest.fixture
def incidents_csv(tmp_path):
    return write_incidents(tmp_path)


def test_predict_writes_one_row_per_region_cell_and_origin(incidents_csv, tmp_path):
    out = tmp_path / "f.csv"
    call_command(
        "forecast",
        "predict",
        "--incidents",
        str(incidents_csv),
        *BASE,
        "--model",
        "best",
        "--out",
        str(out),
    )
    with out.open() as fh:
        rows = list(csv.reader(fh))
    assert rows[0] == [
        "origin",
        "horizon_end",
        "cell_id",
        "x_min",
        "y_min",
        "x_max",
        "y_max",
        "score",
    ]
    body = rows[1:]
    assert {r[0] for r in body} == {"2016-03-01", "2016-03-08"}
    assert {r[1] for r in body} == {"2016-03-08", "2016-03-15"}
    per_origin = [r for r in body if r[0] == "2016-03-01"]
    assert len(body) == 2 * len(per_origin)
    x0, y0, x1, y1 = map(float, per_origin[0][3:7])
    assert (x1 - x0, y1 - y0) == (200.0, 200.0)
    assert all(float(r[7]) == float(r[7]) for r in body)  # numbers, no NaN


def test_predict_accepts_every_model_name(incidents_csv, tmp_path):
    for name in ("naive", "retrospective", "prospective", "stkde", "sepp", "learned"):
        out = tmp_path / f"{name}.csv"
        call_command(
            "forecast",
            "predict",
            "--incidents",
            str(incidents_csv),
            *BASE,
            "--model",
            name,
            "--out",
            str(out),
        )
        assert out.read_text().count("\n") > 2


def test_monthly_origins_step_by_calendar_month(incidents_csv, tmp_path):
    out = tmp_path / "m.csv"
    call_command(
        "forecast",
        "predict",
        "--incidents",
        str(incidents_csv),
        "--crs",
        "EPSG:32618",
        "--cell-size",
        "500",
        "--from",
        "2016-01-31",
        "--to",
        "2016-04-01",
        "--every",
        "1m",
        "--horizon",
        "1m",
        "--model",
        "naive",
        "--out",
        str(out),
    )
    pairs = {tuple(r[:2]) for r in list(csv.reader(out.open()))[1:]}
    # Origins are counted in months from --from (clamped to the month's end); each horizon
    # is one calendar month from its origin.
    assert pairs == {
        ("2016-01-31", "2016-02-29"),
        ("2016-02-29", "2016-03-29"),
        ("2016-03-31", "2016-04-30"),
    }


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"--crs": "EPSG:4326"}, "not a projected CRS"),
        ({"--cell-size": "-5"}, "positive"),
        ({"--horizon": "soon"}, "--horizon 'soon'"),
        ({"--every": "0d"}, "--every"),
        ({"--from": "2016-13-01"}, "--from"),
        ({"--to": "2016-02-01"}, "--to must be after --from"),
    ],
)
def test_predict_explains_bad_arguments(incidents_csv, tmp_path, change, message):
    args = list(BASE)
    for key, value in change.items():
        args[args.index(key) + 1] = value
    out = tmp_path / "never.csv"
    with pytest.raises(CommandError, match=message):
        call_command(
            "forecast", "predict", "--incidents", str(incidents_csv), *args, "--out", str(out)
        )
    assert not out.exists()


def test_predict_refuses_an_unknown_model(incidents_csv, tmp_path):
    with pytest.raises(CommandError, match="invalid choice"):
        call_command(
            "forecast",
            "predict",
            "--incidents",
            str(incidents_csv),
            *BASE,
            "--model",
            "oracle",
            "--out",
            str(tmp_path / "x.csv"),
        )


def test_predict_explains_a_missing_file(tmp_path):
    with pytest.raises(CommandError, match="no such file"):
        call_command(
            "forecast",
            "predict",
            "--incidents",
            str(tmp_path / "none.csv"),
            *BASE,
            "--out",
            str(tmp_path / "x.csv"),
        )


def test_predict_uses_a_boundary_file_as_the_region(incidents_csv, tmp_path):
    boundary = tmp_path / "area.geojson"
    boundary.write_text(
        '{"type":"FeatureCollection","features":[{"type":"Feature","properties":{},'
        '"geometry":{"type":"Polygon","coordinates":[[[-73.995,40.745],[-73.985,40.745],'
        "[-73.985,40.755],[-73.995,40.755],[-73.995,40.745]]]}}]}"
    )
    out = tmp_path / "b.csv"
    call_command(
        "forecast",
        "predict",
        "--incidents",
        str(incidents_csv),
        *BASE,
        "--boundary",
        str(boundary),
        "--model",
        "naive",
        "--out",
        str(out),
    )
    rows = [r for r in list(csv.reader(out.open()))[1:] if r[0] == "2016-03-01"]
    # About 845 m x 1110 m of 200 m cells, counted by centre: 4-5 x 5-6 cells.
    assert 16 <= len(rows) <= 36
