"""axe-core finds no serious or critical accessibility problems on any public page."""

from __future__ import annotations

import re

import pytest

from bluebridge.servicedesk.models import ServiceRequest
from tests.browser.axe import assert_accessible

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("language", ["en", "es"])
def test_it_has_no_serious_problems_on_any_public_page(city, new_page, file_request, language):
    page = new_page(language)
    send = "Send report" if language == "en" else "Enviar reporte"

    for url in (
        "/",
        "/report/",
        "/report/?service=abandoned-vehicle",
        "/track/",
        "/accounts/login/",
    ):
        page.goto(url)
        assert_accessible(page, f"{url} ({language})")

    # the form with errors (and the questions of a category)
    page.goto("/report/?service=noise")
    page.get_by_role("button", name=send).click()
    page.locator("#error-summary").wait_for()
    assert_accessible(page, f"report form with errors ({language})")

    # the emergency warning
    page.locator("#id_description").fill("someone is breaking in right now")
    page.get_by_role("button", name=send).click()
    page.locator("#emergency-alert").wait_for()
    assert_accessible(page, f"report form with the emergency warning ({language})")

    # lookup: found, not found, and a bad reference
    sr = file_request()
    for typed in (sr.reference, "BB-0000-0000", "nope"):
        page.goto("/track/")
        page.locator("#id_reference").fill(typed)
        page.locator("#lookup-submit").click()
        page.wait_for_load_state()
        assert_accessible(page, f"track lookup {typed} ({language})")

    # confirmation and private tracking page, with a failed reply
    page.goto(f"/report/done/{sr.tracking_token}/")
    assert_accessible(page, f"done page ({language})")
    page.goto(f"/track/{sr.tracking_token}/")
    assert_accessible(page, f"tracking page ({language})")
    page.locator("#send-message").click()
    page.locator("#error-summary").wait_for()
    assert_accessible(page, f"tracking page with an error ({language})")
    page.goto("/track/unknown-token/")
    assert_accessible(page, f"not found page ({language})")
    assert ServiceRequest.objects.filter(pk=sr.pk).exists()
    assert re.search(r"BB-", sr.reference)
