"""Making and storing forecasts: the queued task, the nightly job, the data scope."""

from __future__ import annotations

import pytest

from bluebridge.core import schedule
from bluebridge.forecasting import services
from bluebridge.forecasting.dbmodels import ForecastRun, Incident

pytestmark = pytest.mark.django_db(transaction=True)


def _choice(**kw):
    data = {"group": "burglary", "horizon": 7, "model": "prospective", "scope": "public", **kw}
    return services.Choice.parse(data, strict=True)[0]


def test_it_queues_a_forecast_and_the_worker_stores_scores_cells_and_curves(incidents, tasks):
    run = services.request_forecast(_choice())
    assert run.status == ForecastRun.QUEUED
    assert tasks() == 1
    run.refresh_from_db()
    assert run.status == ForecastRun.DONE, run.message
    public = Incident.objects.filter(group="burglary", origin="public").count()
    assert run.events_used == public  # officer-found incidents left out
    assert run.grid["n_region"] > 0
    assert len(services.scores_of(run)) == run.grid["nx"] * run.grid["ny"]
    assert run.top_cells and run.top_cells[0]["rank"] == 1
    assert {c["area_code"] for c in run.top_cells} <= {"B1", "B2", ""}
    assert set(run.backtest) >= {"prospective", "naive", "origins"}
    cells = services.cells_geojson(run)
    assert cells["features"] and cells["features"][0]["properties"]["top"] is True
    lon, lat = cells["features"][0]["geometry"]["coordinates"][0][0]
    assert 39.99 < lat < 40.03 and -90.03 < lon < -89.97


def test_it_uses_every_incident_when_asked_to(incidents, tasks):
    run = services.request_forecast(_choice(scope="all"))
    tasks()
    run.refresh_from_db()
    assert run.events_used == Incident.objects.filter(group="burglary").count()


def test_it_records_a_failure_when_there_is_nothing_to_forecast(city, tasks):
    run = services.request_forecast(_choice(group="robbery"))
    tasks()
    run.refresh_from_db()
    assert run.status == ForecastRun.FAILED and "no incidents" in run.message


def test_it_refreshes_the_configured_groups_nightly(incidents, tasks, settings):
    settings.BLUEBRIDGE_FORECAST_GROUPS = "burglary,robbery"
    assert "forecasting-nightly" in schedule.run_due()
    tasks()
    runs = {r.group: r for r in ForecastRun.objects.all()}
    assert set(runs) == {"burglary", "robbery"}
    assert runs["burglary"].status == ForecastRun.DONE
    assert runs["robbery"].status == ForecastRun.FAILED  # no robberies in the test city
    assert runs["burglary"].scope == ForecastRun.PUBLIC


def test_it_refuses_an_unknown_choice():
    with pytest.raises(services.ForecastError):
        services.Choice.parse({"group": "jaywalking"}, strict=True)
