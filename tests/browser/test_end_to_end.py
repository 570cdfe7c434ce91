"""End to end in Chromium: a resident reports, an agent works the request, the resident sees it."""

from __future__ import annotations

import re

import pytest
from django.core import mail

from bluebridge.core import roles
from bluebridge.servicedesk.models import ServiceRequest, Status
from tests.conftest import run_tasks

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

REFERENCE = re.compile(r"^BB-[0-9A-Z]{4}-[0-9A-Z]{4}$")


def test_it_takes_a_report_from_the_resident_to_the_agent_and_back(
    page, live_server, city, make_user
):
    make_user(roles.AGENT, username="desk-agent", password="a-long-test-password")
    base = live_server.url

    # A resident files a report on the web form and gets a reference and a tracking link.
    page.goto(f"{base}/report/")
    page.click("label[for=service-graffiti]")  # USWDS hides the input itself
    page.wait_for_selector("#questions-fieldset")  # the category's questions came in by HTMX
    page.fill("#id_address", "100 Main Street, by the library")
    page.fill("#id_description", "Fresh paint tag on the library's back wall")
    page.click("label[for=contact-email]")
    page.fill("#id_email", "resident@example.org")
    page.click("#submit-report")
    page.wait_for_selector("#reference")
    reference = page.inner_text("#reference").strip()
    assert REFERENCE.match(reference), reference
    tracking_url = page.get_attribute("#tracking-link", "href")
    assert tracking_url and "/track/" in tracking_url
    assert ServiceRequest.objects.get(reference=reference).channel == "web"

    # An agent signs in and finds it in the queue with its clock.
    page.goto(f"{base}/accounts/login/")
    page.fill("#id_username", "desk-agent")
    page.fill("#id_password", "a-long-test-password")
    page.get_by_role("button", name="Sign in", exact=True).click()
    page.wait_for_url(f"{base}/staff/")
    page.goto(f"{base}/staff/queue/")
    row = page.locator(f'tr[data-reference="{reference}"]')
    row.wait_for()
    assert "Graffiti" in row.inner_text()
    assert re.search(r"(On track: due in|Due soon: in|Overdue by) \d+", row.inner_text())

    # It opens the request, acknowledges it, then resolves it with a public note.
    row.get_by_role("link", name=reference).click()
    page.wait_for_url(f"{base}/staff/requests/{reference}/")
    assert "Fresh paint tag" in page.inner_text("main")
    page.select_option("#new-status", "acknowledged")
    page.get_by_role("button", name="Change status").click()
    page.wait_for_url(f"{base}/staff/requests/{reference}/")
    assert page.inner_text("[data-testid=status]").strip() == "Acknowledged"
    assert page.inner_text("[data-testid=clock-first]").strip().startswith("✓ Met")

    page.select_option("#new-status", "resolved")
    page.fill("#public-note", "We painted over the tag this morning.")
    page.fill("#internal-note", "Crew 4, 20 minutes.")
    page.get_by_role("button", name="Change status").click()
    page.wait_for_url(f"{base}/staff/requests/{reference}/")
    assert page.inner_text("[data-testid=status]").strip() == "Resolved"
    assert "Crew 4, 20 minutes." in page.inner_text("[data-testid=timeline]")
    assert ServiceRequest.objects.get(reference=reference).status == Status.RESOLVED

    # The resident's tracking page shows the update, and not the internal note.
    page.goto(tracking_url)
    text = page.inner_text("main")
    assert "We painted over the tag this morning." in text
    assert "Crew 4" not in text

    # The worker sends the e-mails: the confirmation and the update with the public note.
    run_tasks()
    to_resident = [m for m in mail.outbox if m.to == ["resident@example.org"]]
    assert any(reference in m.subject for m in to_resident)
    assert any("We painted over the tag this morning." in m.body for m in to_resident)
