"""axe-core finds no serious or critical accessibility problems on the staff pages.

Staff sign in through the real login page; the pages are checked with real data in them
(a queue with an overdue request, a request with notes and a suggested duplicate, a new token
shown once) and after refused actions, when the errors are on the page.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from bluebridge.core import roles
from bluebridge.servicedesk import services
from bluebridge.servicedesk.models import ServiceRequest
from tests.browser.axe import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "a-long-test-password"
DESKTOP = {"width": 1280, "height": 900}


def _sign_in(page: Any, username: str, next_url: str = "/staff/") -> None:
    page.goto(f"/accounts/login/?next={next_url}")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("#id_password").press("Enter")
    page.wait_for_url(f"**{next_url}")


def _make_overdue(sr: ServiceRequest, hours: int = 3) -> None:
    past = timezone.now() - timedelta(hours=hours)
    ServiceRequest.objects.filter(pk=sr.pk).update(
        first_response_due=past, resolution_due=past + timedelta(hours=1)
    )


@pytest.fixture
def busy_desk(file_request: Any, make_user: Any) -> dict[str, Any]:
    """An agent and a desk with requests: one overdue, one with notes and a nearby duplicate."""
    agent = make_user(roles.AGENT, username="desk-agent")
    main = file_request(description="Graffiti on the library wall", first_name="Ana")
    nearby = file_request(
        description="Same graffiti, seen from the bus stop", lat=40.0101, lon=-90.0101
    )
    file_request(
        service_code="noise",
        description="Loud music every night",
        attributes={"noise_type": "music", "ongoing": "yes"},
    )
    overdue = file_request(description="Old graffiti still not cleaned")
    _make_overdue(overdue)
    services.add_note(main, "Called the parks team.", public=False, user=agent)
    services.add_note(main, "We have asked the city to clean it.", public=True, user=agent)
    return {"agent": agent, "main": main, "nearby": nearby, "overdue": overdue}


def test_it_has_no_serious_problems_on_the_desk_pages(new_page, busy_desk):
    page = new_page("en", viewport=DESKTOP)
    _sign_in(page, "desk-agent")
    assert_accessible(page, "staff home (agent)")

    page.goto("/staff/queue/")
    page.locator(f'tr[data-reference="{busy_desk["overdue"].reference}"]').wait_for()
    assert_accessible(page, "queue")

    page.goto("/staff/queue/?sla=whenever&status=nope")
    assert_accessible(page, "queue with bad filters")

    main = busy_desk["main"]
    page.goto(f"/staff/requests/{main.reference}/")
    page.get_by_text("Called the parks team.").wait_for()
    page.get_by_text(busy_desk["nearby"].reference).first.wait_for()
    assert_accessible(page, "request page with notes and a suggested duplicate")

    # refused: the status form sent empty (the browser's own check is skipped to reach the server)
    page.locator("#new-status").evaluate("el => el.removeAttribute('required')")
    page.get_by_role("button", name="Change status").click()
    page.locator("#new-status-error").wait_for()
    assert_accessible(page, "request page after a refused status change")

    # refused: a note without text
    page.goto(f"/staff/requests/{main.reference}/")
    page.get_by_role("button", name="Add note").click()
    page.locator("#note-error").wait_for()
    assert_accessible(page, "request page after a refused note")

    page.goto(f"/staff/requests/{busy_desk['overdue'].reference}/")
    assert_accessible(page, "overdue request page")

    page.goto("/staff/tokens/")
    assert_accessible(page, "API tokens")
    page.locator("#id_name").fill("nightly report script")
    page.get_by_role("button", name="Create token").click()
    page.locator("#new-token").wait_for()
    assert_accessible(page, "API tokens with the new token shown once")

    page.locator("#id_name").evaluate("el => el.removeAttribute('required')")
    page.get_by_role("button", name="Create token").click()
    page.locator("#error_name").wait_for()
    assert_accessible(page, "API tokens with an error")
    assert ServiceRequest.objects.filter(pk=main.pk, status=main.status).exists()


def test_it_has_no_serious_problems_on_the_supervisor_and_admin_pages(
    new_page, busy_desk, make_user
):
    make_user(roles.SUPERVISOR, username="desk-supervisor")
    make_user(roles.ADMIN, username="desk-admin")

    page = new_page("en", viewport=DESKTOP)
    _sign_in(page, "desk-supervisor", "/staff/sla/")
    page.locator("table caption").wait_for()
    assert_accessible(page, "SLA performance")
    page.goto("/staff/sla/?days=5000")
    assert_accessible(page, "SLA performance with a bad period")

    page = new_page("en", viewport=DESKTOP)
    _sign_in(page, "desk-admin")
    assert_accessible(page, "staff home (administrator)")

    page.goto(f"/staff/requests/{busy_desk['main'].reference}/")  # something in the audit log
    page.goto("/staff/audit/")
    assert_accessible(page, "audit log")
    page.goto("/staff/audit/?since=yesterday&action=steal&until=2020-13-01")
    page.locator("#filter-errors").wait_for()
    assert_accessible(page, "audit log with bad filters")

    page.goto("/staff/open311-keys/")
    assert_accessible(page, "Open311 keys")
    page.locator("#id_name").fill("City 311 app")
    page.get_by_role("button", name="Issue key").click()
    page.locator("#new-key").wait_for()
    assert_accessible(page, "Open311 keys with the new key shown once")
    page.locator("#id_rate_limit").fill("lots")
    page.locator("#id_name").fill("Another app")
    page.get_by_role("button", name="Issue key").click()
    page.locator("#error_rate_limit").wait_for()
    assert_accessible(page, "Open311 keys with an error")


def test_it_has_no_serious_problems_on_the_staff_pages_in_spanish_on_a_phone(new_page, busy_desk):
    page = new_page("es")
    _sign_in(page, "desk-agent")
    assert_accessible(page, "staff home (es, phone)")
    page.goto("/staff/queue/")
    assert_accessible(page, "queue (es, phone)")
    page.goto(f"/staff/requests/{busy_desk['main'].reference}/")
    assert_accessible(page, "request page (es, phone)")
