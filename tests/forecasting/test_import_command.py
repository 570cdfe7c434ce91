"""`bluebridge forecast import` and `bluebridge forecast refresh` from the command line."""

from __future__ import annotations

import gzip
import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from bluebridge.forecasting.dbmodels import ForecastRun, Incident

pytestmark = pytest.mark.django_db

COMMON = (
    "id,occurred_at,offense,lat,lon\n"
    "1,2024-03-01T10:00:00,burglary,40.01,-90.01\n"
    "2,2024-03-02T10:00:00,burglary,40.01,nowhere\n"
    "3,2024-03-03T10:00:00,Prowler,40.011,-90.011\n"
)


def _run(*args: str) -> str:
    out = io.StringIO()
    call_command("forecast", *args, stdout=out)
    return out.getvalue()


def test_it_imports_a_gzip_file_and_lists_the_refused_rows(city, tmp_path):
    path = tmp_path / "incidents.csv.gz"
    path.write_bytes(gzip.compress(COMMON.encode()))
    text = _run("import", str(path), "--format", "common")
    assert "3 rows read, 2 loaded, 0 already there, 1 refused" in text
    assert "line 3: lon 'nowhere' is not a number" in text
    again = _run("import", str(path), "--format", "common")
    assert "0 loaded, 2 already there" in again
    assert Incident.objects.count() == 2


def test_it_applies_an_offense_map_and_a_column_mapping(city, tmp_path):
    offense_map = tmp_path / "map.csv"
    offense_map.write_text("raw,code,group,origin\nprowler,prowler,disorder,public\n")
    data = tmp_path / "rms.csv"
    data.write_text("Ref,When,What,Lat,Lon\nR1,2024-03-01 10:00,Prowler,40.01,-90.01\n")
    text = _run(
        "import",
        str(data),
        "--format",
        "csv",
        "--offense-map",
        str(offense_map),
        "--map",
        "Ref=id",
        "--map",
        "When=occurred_at",
        "--map",
        "What=offense",
        "--map",
        "Lat=lat",
        "--map",
        "Lon=lon",
    )
    assert "1 loaded" in text
    assert Incident.objects.get().group == "disorder"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--format", "common"], "no such file"),
        (["--format", "csv", "--map", "What"], "COLUMN=FIELD"),
        (["--format", "csv", "--map", "What=offense"], "occurred_at"),
    ],
)
def test_it_refuses_bad_arguments_clearly(city, tmp_path, args, message):
    path = tmp_path / "x.csv" if "no such file" in message else tmp_path / "ok.csv"
    if "no such file" not in message:
        path.write_text("What\nburglary\n")
    with pytest.raises(CommandError, match=message):
        _run("import", str(path), *args)


def test_it_makes_forecasts_now_with_refresh(incidents):
    text = _run("refresh", "--group", "burglary", "--model", "naive")
    assert "burglary: forecast run" in text and "done" in text
    assert ForecastRun.objects.get().status == ForecastRun.DONE
