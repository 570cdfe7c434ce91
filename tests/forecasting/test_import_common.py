"""Importing the common schema: good rows load, bad rows are reported by line, re-import is a no-op."""

from __future__ import annotations

import pytest

from bluebridge.forecasting.dbmodels import ImportBatch, Incident
from bluebridge.forecasting.importers import MappingError, import_lines
from tests.forecasting.conftest import csv_lines

pytestmark = pytest.mark.django_db

FILE = csv_lines(
    "id,occurred_at,offense,lat,lon,x,y",
    "a1,2024-03-01T22:15:00,residential_burglary,40.010000,-90.010000,,",
    "a2,2024-03-02,motor_vehicle_theft,40.015000,-89.990000,,",
    "a3,not-a-date,theft,40.01,-90.01,,",  # line 4
    "a4,2024-03-03T10:00:00,,40.01,-90.01,,",  # line 5: no offense
    "a5,2024-03-03T10:00:00,robbery,,,,",  # line 6: no coordinates
    "a6,2024-03-03T10:00:00,robbery,95.0,-90.01,,",  # line 7: latitude out of range
    "a7,2024-03-04T11:00:00,narcotics,40.011,-90.011,,",
    "a8,2024-03-04T11:00:00,theft,forty,-90.011,,",  # line 9
)


def test_it_loads_good_rows_and_reports_bad_ones_with_line_numbers(city):
    batch = import_lines(FILE, file_name="sample.csv", format="common")
    assert batch.status == ImportBatch.DONE
    assert (batch.rows_read, batch.rows_loaded, batch.rows_bad) == (8, 3, 5)
    reasons = {e["line"]: e["reason"] for e in batch.errors}
    assert sorted(reasons) == [4, 5, 6, 7, 9]
    assert "not a date" in reasons[4]
    assert "offense is empty" in reasons[5]
    assert reasons[6] == "no coordinates"
    assert "not a valid latitude" in reasons[7]
    assert "'forty' is not a number" in reasons[9]
    assert set(Incident.objects.values_list("source_id", flat=True)) == {"a1", "a2", "a7"}


def test_it_classifies_projects_and_places_each_incident(city):
    import_lines(FILE, file_name="sample.csv", format="common")
    burglary = Incident.objects.get(source_id="a1")
    assert (burglary.group, burglary.offense_code, burglary.origin) == (
        "burglary",
        "burglary",
        "public",
    )
    assert burglary.precision == "exact"
    assert burglary.area is not None and burglary.area.code == "B1"
    assert 200_000 < burglary.x < 900_000 and 4_000_000 < burglary.y < 5_000_000  # UTM metres
    assert burglary.h3
    assert Incident.objects.get(source_id="a2").precision == "day"
    assert Incident.objects.get(source_id="a2").area.code == "B2"
    drugs = Incident.objects.get(source_id="a7")
    assert (drugs.group, drugs.origin) == ("drugs", "officer")


def test_it_adds_nothing_when_the_same_file_is_imported_again(city):
    import_lines(FILE, file_name="sample.csv", format="common")
    again = import_lines(FILE, file_name="sample.csv", format="common")
    assert (again.rows_loaded, again.rows_duplicate, again.rows_bad) == (0, 3, 5)
    assert Incident.objects.count() == 3


def test_it_loads_only_the_new_rows_of_a_longer_file(city):
    import_lines(FILE[:3], file_name="sample.csv", format="common")
    more = import_lines(FILE, file_name="sample.csv", format="common")
    assert (more.rows_loaded, more.rows_duplicate) == (1, 2)


def test_it_refuses_a_file_without_the_required_columns_and_keeps_no_batch(db):
    with pytest.raises(MappingError, match="no column"):
        import_lines(csv_lines("when,what", "2024-01-01,theft"), file_name="x.csv", format="common")
    assert not ImportBatch.objects.exists()


def test_it_refuses_an_empty_file(db):
    with pytest.raises(MappingError, match="empty"):
        import_lines([], file_name="x.csv", format="common")


def test_it_counts_a_repeated_id_inside_one_file_once(city):
    lines = csv_lines(
        "id,occurred_at,offense,lat,lon",
        "z1,2024-03-01,theft,40.01,-90.01",
        "z1,2024-03-01,theft,40.01,-90.01",
    )
    batch = import_lines(lines, file_name="dup.csv", format="common")
    assert (batch.rows_loaded, batch.rows_duplicate) == (1, 1)
