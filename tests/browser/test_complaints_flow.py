"""A resident files an anonymous complaint and follows it; professional standards records a
finding; the resident's tracking page shows the outcome letter."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import Group, User

from bluebridge.complaints.models import Complaint, ComplaintType
from bluebridge.complaints.seeds import install_default_types
from tests.browser.axe import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "a-long-test-password"


def _investigator() -> User:
    user = User.objects.create_user("pat", "pat@example.org", PASSWORD, first_name="Pat")
    user.groups.add(Group.objects.get_or_create(name="professional_standards")[0])
    return user


def test_it_takes_an_anonymous_complaint_from_filing_to_the_outcome_letter(
    city: None, new_page: Any
) -> None:
    install_default_types(ComplaintType)
    _investigator()
    resident = new_page("en")
    resident.goto("/compliments-and-complaints/")
    assert resident.locator("#quick-exit").is_visible()
    resident.locator("#start-complaint").click()
    assert_accessible(resident, "complaint form")
    resident.locator("label[for='www-discourtesy']").click()
    resident.locator("#id_description").fill(
        "The officer at the traffic stop cursed at me and laughed."
    )
    resident.locator("#id_location").fill("Main St and 3rd Ave")
    resident.locator("label[for='id_anonymous']").click()
    resident.locator("#submit-complaint").click()
    resident.wait_for_selector("#filed")
    assert_accessible(resident, "complaint tracking page")
    link = resident.locator("#tracking-link").get_attribute("href")
    reference = resident.locator("#reference").inner_text().strip()
    assert reference.startswith("CP-") and link
    assert "No letters yet" in resident.locator("main").inner_text()

    complaint = Complaint.objects.get(reference=reference)
    assert complaint.kind == "conduct" and complaint.anonymous

    staff = new_page("en", viewport={"width": 1280, "height": 900})
    staff.goto(f"/accounts/login/?next=/staff/complaints/{reference}/")
    staff.locator("#id_username").fill("pat")
    staff.locator("#id_password").fill(PASSWORD)
    staff.locator("#id_password").press("Enter")
    staff.wait_for_url(f"**/staff/complaints/{reference}/")
    staff.locator("#acknowledge").click()
    staff.wait_for_load_state()
    staff.locator("#category").select_option("discourtesy")
    staff.locator("#add-allegation").click()
    staff.wait_for_selector("#record-finding")
    staff.locator("#finding").select_option("sustained")
    staff.locator("#reasons").fill("The body-worn video confirms the language used.")
    staff.locator("#record-finding").click()
    staff.wait_for_selector("#close-complaint")
    assert "Sustained" in staff.locator("#allegations").inner_text()
    staff.locator("#close-message").fill("The officer will receive retraining.")
    staff.locator("#close-complaint").click()
    staff.wait_for_load_state()
    assert "Closed" in staff.locator("[data-testid=status]").inner_text()

    resident.goto(link)
    letter = resident.locator("#letter-outcome")
    assert "body-worn video confirms" in letter.inner_text()
    assert "retraining" in letter.inner_text()
    assert "Closed" in resident.locator("#status").inner_text()
