"""Importing the real public files in ../shared/data/crime (skipped when they are absent)."""

from __future__ import annotations

import pytest

from bluebridge.forecasting.dbmodels import Incident
from bluebridge.forecasting.importers import import_file

pytestmark = [pytest.mark.django_db, pytest.mark.shared_data]


def test_it_imports_the_chicago_burglary_file_in_full(shared_crime):
    batch = import_file(shared_crime / "chicago_burglary_2016.csv.gz", format="common")
    assert (batch.rows_read, batch.rows_loaded, batch.rows_bad) == (8486, 8486, 0)
    assert set(Incident.objects.values_list("group", flat=True)) == {"burglary"}
    assert set(Incident.objects.values_list("precision", flat=True)) == {"day"}


def test_it_imports_a_police_uk_month_and_reports_the_rows_without_location(shared_crime):
    path = shared_crime / "policeuk_city_of_london" / "2019-05-city-of-london-street.csv"
    batch = import_file(path, format="policeuk")
    assert batch.rows_loaded + batch.rows_bad == batch.rows_read > 0
    assert all("no coordinates" in e["reason"] for e in batch.errors)
    again = import_file(path, format="policeuk")
    assert again.rows_loaded == 0 and again.rows_duplicate == batch.rows_loaded
