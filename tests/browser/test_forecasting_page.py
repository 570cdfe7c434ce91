"""An analyst signs in, picks an offense group, horizon and model, and sees the stored forecast:
map cells (top ones outlined), the backtest curve against the naive baseline, and which
incidents it was made from. axe finds no serious accessibility problem on the page."""

from __future__ import annotations

import random
from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from bluebridge.core import roles
from bluebridge.forecasting import services
from bluebridge.forecasting.importers import import_lines
from tests.browser.axe import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "a-long-test-password"
DESKTOP = {"width": 1280, "height": 900}


@pytest.fixture
def forecasts(city: None, make_user: Any) -> None:
    make_user(roles.ANALYST, username="crime-analyst")
    rng = random.Random(11)
    today = timezone.localdate()
    lines = ["id,occurred_at,offense,lat,lon,origin\n"]
    for n in range(300):
        day = today - timedelta(days=rng.randint(1, 100))
        lat, lon = (
            (40.012 + rng.gauss(0, 0.0008), -90.013 + rng.gauss(0, 0.0008))
            if n % 2
            else (rng.uniform(40.001, 40.019), rng.uniform(-90.019, -89.981))
        )
        offense = "robbery" if n % 3 == 0 else "burglary"
        origin = "officer" if n % 7 == 0 else "public"
        lines.append(f"r{n},{day}T20:00:00,{offense},{lat:.6f},{lon:.6f},{origin}\n")
    import_lines(lines, file_name="browser.csv", format="common")
    for group, horizon, model in (("burglary", 7, "prospective"), ("robbery", 28, "best")):
        choice = services.Choice(group, horizon, model, "public")
        services.compute(services.new_run(choice))


def test_it_shows_the_chosen_forecast_with_map_curve_and_data_used(new_page, forecasts):
    page = new_page("en", viewport=DESKTOP)
    page.goto("/accounts/login/?next=/staff/")
    page.locator("#id_username").fill("crime-analyst")
    page.locator("#id_password").fill(PASSWORD)
    page.locator("#id_password").press("Enter")
    page.wait_for_url("**/staff/")
    page.get_by_role("link", name="Crime forecasts").click()
    page.wait_for_url("**/staff/forecasting/")

    page.get_by_label("Offense group").select_option("robbery")
    page.get_by_label("Horizon").select_option("28")
    page.get_by_label("Model").select_option("best")
    page.get_by_label("Public-initiated incidents only").check()
    page.get_by_role("button", name="Show forecast").click()
    page.wait_for_url("**group=robbery**")

    page.locator("#forecast-map[data-cells]").wait_for()
    assert page.locator("#forecast-map path.bb-cell").count() > 0
    assert page.locator("#forecast-map path.bb-cell--top").count() >= 1
    assert page.locator('[data-testid="backtest-curve"] polyline').count() >= 1
    assert page.locator('[data-testid="top-cells"] tbody tr').count() >= 1
    used = page.get_by_test_id("data-used").inner_text()
    assert "only incidents reported by the public" in used
    assert_accessible(page, "forecasting page with a forecast")

    page.get_by_label("Offense group").select_option("burglary")
    page.get_by_label("Horizon").select_option("7")
    page.get_by_label("Model").select_option("prospective")
    page.get_by_label("All incidents").check()
    page.get_by_role("button", name="Show forecast").click()
    page.get_by_test_id("no-forecast").wait_for()  # not made for all incidents yet
    page.get_by_role("button", name="Make this forecast now").click()
    page.get_by_text("being made in the background").first.wait_for()
    assert_accessible(page, "forecasting page without a forecast")
