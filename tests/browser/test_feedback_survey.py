"""A resident answers a post-contact survey from its link; the dashboard shows it in its area.

Also axe-core on the survey pages (the answer page, its errors, the thank-you page, the
community survey) in English and Spanish, and on the listening dashboard.
"""

from __future__ import annotations

from typing import Any

import pytest

from bluebridge.core import roles
from bluebridge.feedback.models import Invitation, Response
from bluebridge.feedback.services import invitations
from bluebridge.feedback.standard import install_standard_surveys
from bluebridge.servicedesk import services
from tests.browser.axe import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "a-long-test-password"
DESKTOP = {"width": 1280, "height": 900}


@pytest.fixture
def survey_path(file_request: Any, make_user: Any) -> str:
    install_standard_surveys()
    agent = make_user(roles.AGENT, username="closing-agent")
    sr = file_request(contact_preference="email", email="ana@example.org")
    services.change_status(sr, "resolved", user=agent, public_note="Cleaned.")
    invitation = Invitation.objects.get(source_reference=sr.reference)
    invitation.send_after = invitation.created_at
    invitation.save()
    invitations.sweep()
    invitation.refresh_from_db()
    return f"/survey/{invitations.make_token(invitation)}/"


def test_a_resident_answers_from_the_link_and_the_dashboard_shows_it(
    new_page: Any, survey_path: str, make_user: Any, tasks: Any
) -> None:
    page = new_page("en")
    page.goto(survey_path)
    assert_accessible(page, "post-contact survey")
    page.locator("#send-answers").click()  # nothing chosen: the required question says so
    page.locator("#form-errors").wait_for()
    assert_accessible(page, "post-contact survey with errors")
    satisfaction = page.get_by_role("group", name="How satisfied are you")
    satisfaction.locator('label[for="q-csat-4"]').click()
    page.locator('label[for="q-resolved-yes"]').click()
    page.locator("#q-comment").fill("Quick and polite, thank you.")
    page.locator("#send-answers").click()
    page.wait_for_url("**/survey/thanks/")
    assert "Thank you for your answers" in page.content()
    assert_accessible(page, "survey thank-you page")
    assert Response.objects.get(kind="post_contact").area.code == "B1"
    tasks()  # the comment's sentiment, in the background

    make_user(roles.ANALYST, username="analyst-1")
    staff = new_page("en", viewport=DESKTOP)
    staff.goto("/accounts/login/?next=/staff/feedback/")
    staff.locator("#id_username").fill("analyst-1")
    staff.locator("#id_password").fill(PASSWORD)
    staff.locator("#id_password").press("Enter")
    staff.wait_for_url("**/staff/feedback/")
    row = staff.locator('#area-responses-table tr[data-area="B1"]')
    assert row.locator(".bb-count").inner_text() == "1"
    mood = staff.locator('#sentiment-table tr[data-source="survey"][data-area="B1"]')
    assert mood.locator(".bb-count").inner_text() == "1"
    assert_accessible(staff, "listening dashboard")
    # The analyst asks for one beat's trend over time instead of the city's.
    staff.locator("#trend_area").select_option("B1")
    staff.get_by_role("button", name="Show").click()
    staff.wait_for_url("**trend_area=B1**")
    assert staff.locator("#trend-table").get_attribute("data-area") == "B1"
    assert "Trust and safety over time" in staff.locator("#trend-heading").inner_text()
    assert_accessible(staff, "listening dashboard, one area's trend")


def test_the_survey_pages_are_accessible_in_spanish(new_page: Any, survey_path: str) -> None:
    page = new_page("es")
    page.goto(survey_path)
    assert "¿Qué tan satisfecho/a está" in page.content()
    assert_accessible(page, "post-contact survey (es)")
    page.goto("/community-survey/")
    assert_accessible(page, "community survey (es)")


def test_the_community_survey_is_accessible(new_page: Any, city: None) -> None:
    install_standard_surveys()
    page = new_page("en")
    page.goto("/community-survey/")
    assert page.locator("#q-area option").count() == 3
    assert_accessible(page, "community survey")
