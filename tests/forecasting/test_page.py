"""The analyst page and the API read stored forecasts; "make it now" only queues a task."""

from __future__ import annotations

import pytest

from bluebridge.core import roles
from bluebridge.core.models import AuditEvent
from bluebridge.forecasting import services
from bluebridge.forecasting.dbmodels import ForecastRun

pytestmark = pytest.mark.django_db(transaction=True)

URL = "/staff/forecasting/"
CHOICE = {"group": "burglary", "horizon": "7", "model": "prospective", "scope": "public"}


@pytest.fixture
def made(incidents, tasks):
    run = services.request_forecast(services.Choice.parse(CHOICE)[0])
    tasks()
    run.refresh_from_db()
    return run


def test_it_shows_the_stored_forecast_with_map_cells_curve_and_the_data_used(made, staff_client):
    page = staff_client(roles.ANALYST).get(URL, CHOICE)
    assert page.status_code == 200
    html = page.content.decode()
    assert 'id="forecast-map"' in html and 'id="forecast-cells"' in html
    assert 'data-testid="backtest-curve"' in html and "Naive baseline" in html
    assert "only incidents reported by the public" in html
    assert f"{made.events_used} incidents" in html
    assert page.context["top_cells"][0]["rank"] == 1


def test_it_offers_the_best_model_and_shows_its_forecast_against_the_baseline(
    incidents, tasks, staff_client
):
    choice = {**CHOICE, "model": "best"}
    client = staff_client(roles.ANALYST)
    assert 'value="best"' in client.get(URL).content.decode()
    services.request_forecast(services.Choice.parse(choice)[0])
    tasks()
    assert ForecastRun.objects.get(model="best").status == ForecastRun.DONE
    page = client.get(URL, choice)
    html = page.content.decode()
    assert 'id="forecast-map"' in html and "Naive baseline" in html
    assert "Best: stacked mix" in html
    assert page.context["top_cells"][0]["rank"] == 1


def test_it_says_when_all_incidents_were_used(incidents, tasks, staff_client):
    choice = {**CHOICE, "scope": "all"}
    services.request_forecast(services.Choice.parse(choice)[0])
    tasks()
    html = staff_client(roles.SUPERVISOR).get(URL, choice).content.decode()
    assert "all incidents, including those found by officers" in html


def test_it_says_no_forecast_exists_yet_and_queues_one_on_request(incidents, staff_client, tasks):
    client = staff_client(roles.ANALYST)
    page = client.get(URL, CHOICE)
    assert 'data-testid="no-forecast"' in page.content.decode()
    answer = client.post("/staff/forecasting/refresh/", CHOICE)
    assert answer.status_code == 302 and "group=burglary" in answer["Location"]
    assert ForecastRun.objects.get().status == ForecastRun.QUEUED
    client.post("/staff/forecasting/refresh/", CHOICE)  # a second click queues nothing more
    assert ForecastRun.objects.count() == 1
    assert AuditEvent.objects.filter(object_type="forecast_run", action="create").count() == 1
    tasks()
    assert 'id="forecast-map"' in client.get(URL, CHOICE).content.decode()


def test_it_replaces_unknown_choices_with_defaults_and_says_so(city, staff_client):
    page = staff_client(roles.ANALYST).get(URL, {"group": "jaywalking", "horizon": "x"})
    assert page.status_code == 400
    assert "Choose an offense group from the list." in page.content.decode()


def test_it_refuses_to_queue_an_unknown_choice(city, staff_client):
    answer = staff_client(roles.ANALYST).post("/staff/forecasting/refresh/", {"model": "oracle"})
    assert answer.status_code == 302 and not ForecastRun.objects.exists()


def test_it_is_closed_to_other_roles(city, staff_client):
    assert staff_client(roles.AGENT).get(URL).status_code == 403
    assert staff_client(roles.OFFICER).get(URL).status_code == 403


def test_the_api_lists_runs_and_gives_cells_as_geojson(made, make_user, token_for, client):
    token = token_for(make_user(roles.ANALYST, username="api-analyst"))
    auth = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
    listed = client.get("/api/forecasting/runs", {"group": "burglary"}, **auth).json()
    assert [r["id"] for r in listed] == [made.pk]
    assert listed[0]["data_used"].startswith("public-initiated")
    detail = client.get(f"/api/forecasting/runs/{made.pk}", **auth).json()
    assert detail["cells"]["type"] == "FeatureCollection" and detail["cells"]["features"]
    assert detail["top_cells"][0]["rank"] == 1
    assert client.get("/api/forecasting/runs/999999", **auth).status_code == 404
    agent = token_for(make_user(roles.AGENT, username="api-agent"))
    denied = client.get("/api/forecasting/runs", HTTP_AUTHORIZATION=f"Bearer {agent}")
    assert denied.status_code == 403


def test_it_speaks_spanish(made, staff_client):
    client = staff_client(roles.ANALYST)
    client.cookies["django_language"] = "es"
    html = client.get(URL, CHOICE).content.decode()
    assert "Pronósticos delictivos" in html
    assert "solo incidentes denunciados por el público" in html
    assert "Robo en vivienda o local" in html
