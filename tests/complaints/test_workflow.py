"""Handling a complaint: confirm the class, acknowledge, investigate, findings, outcome letter."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from bluebridge.complaints.models import Complaint, Letter
from bluebridge.complaints.recovery_models import RecoveryCase
from bluebridge.core import events, roles
from bluebridge.core.models import Notification, Officer

pytestmark = pytest.mark.django_db


def test_it_takes_a_conduct_complaint_from_receipt_to_outcome_letter(
    conduct_complaint: Complaint, roster: list[Officer], staff_client: Callable[[str], Client]
) -> None:
    ps = staff_client(roles.STANDARDS)
    act = f"/staff/complaints/{conduct_complaint.reference}/act/"
    assert ps.post(act, {"action": "classify", "type": "force"}).status_code == 302
    assert ps.post(act, {"action": "acknowledge"}).status_code == 302
    early = ps.post(act, {"action": "close", "message": "Done"})
    assert early.status_code == 400 and "finding" in early.content.decode()
    assert ps.post(act, {"action": "status", "status": "assessed"}).status_code == 302
    assert ps.post(act, {"action": "status", "status": "investigation"}).status_code == 302
    officer = roster[0]
    assert (
        ps.post(
            act, {"action": "allegation", "category": "force", "officer": officer.pk}
        ).status_code
        == 302
    )
    allegation = conduct_complaint.allegations.get()
    no_reasons = ps.post(
        act, {"action": "finding", "allegation": allegation.pk, "finding": "not_sustained"}
    )
    assert no_reasons.status_code == 400
    assert (
        ps.post(
            act,
            {
                "action": "finding",
                "allegation": allegation.pk,
                "finding": "not_sustained",
                "reasons": "The body-worn video does not show the moment.",
            },
        ).status_code
        == 302
    )
    conduct_complaint.refresh_from_db()
    assert conduct_complaint.status == "finding"
    closed: list[dict[str, Any]] = []

    def listen(sender: Any, **kwargs: Any) -> None:
        closed.append(kwargs)

    events.contact_closed.connect(listen)
    try:
        assert (
            ps.post(
                act, {"action": "close", "message": "Thank you for coming forward."}
            ).status_code
            == 302
        )
    finally:
        events.contact_closed.disconnect(listen)
    assert closed[0]["kind"] == "complaint" and closed[0]["sensitive"] is True
    outcome = Letter.objects.get(complaint=conduct_complaint, kind=Letter.OUTCOME)
    assert "body-worn video" in outcome.body and "Not sustained" in outcome.body
    assert officer.last_name not in outcome.body
    page = Client().get(f"/complaints/track/{conduct_complaint.tracking_token}/").content.decode()
    assert "The outcome of your complaint" in page and "body-worn video" in page
    assert (
        Notification.objects.filter(
            template="complaint_letter", object_ref=conduct_complaint.reference
        ).count()
        == 2
    )
    signals = ps.get("/api/complaints/officer-signals").json()
    assert signals[0]["badge"] == officer.badge and signals[0]["by_finding"] == {"not_sustained": 1}


def test_it_writes_letters_in_spanish(
    file_complaint: Callable[..., Complaint], staff_client: Callable[[str], Client]
) -> None:
    complaint = file_complaint(language="es")
    staff_client(roles.SUPERVISOR).post(
        f"/staff/complaints/{complaint.reference}/act/", {"action": "acknowledge"}
    )
    letter = Letter.objects.get()
    assert "Gracias" in letter.body and letter.language == "es"


def test_it_moves_a_complaint_reclassified_as_conduct_out_of_the_supervisors_sight(
    file_complaint: Callable[..., Complaint], staff_client: Callable[[str], Client]
) -> None:
    complaint = file_complaint()
    supervisor = staff_client(roles.SUPERVISOR)
    response = supervisor.post(
        f"/staff/complaints/{complaint.reference}/act/",
        {"action": "classify", "type": "discourtesy"},
    )
    assert response.status_code == 302 and response["Location"] == "/staff/complaints/"
    assert supervisor.get(f"/staff/complaints/{complaint.reference}/").status_code == 403
    assert RecoveryCase.objects.get().status == RecoveryCase.CLOSED


def test_it_refuses_a_state_change_out_of_order_and_names_the_next_states(
    file_complaint: Callable[..., Complaint], staff_client: Callable[[str], Client]
) -> None:
    complaint = file_complaint()
    response = staff_client(roles.SUPERVISOR).post(
        f"/api/complaints/{complaint.reference}/status",
        {"status": "finding"},
        content_type="application/json",
    )
    assert response.status_code == 400 and "acknowledged" in response.json()["errors"]["status"]


def test_it_closes_a_service_complaint_over_the_api_with_an_outcome_letter(
    file_complaint: Callable[..., Complaint], staff_client: Callable[[str], Client]
) -> None:
    complaint = file_complaint()
    supervisor = staff_client(roles.SUPERVISOR)
    url = f"/api/complaints/{complaint.reference}/status"
    assert (
        supervisor.post(
            url, {"status": "acknowledged"}, content_type="application/json"
        ).status_code
        == 200
    )
    missing = supervisor.post(url, {"status": "closed"}, content_type="application/json")
    assert missing.status_code == 400
    done = supervisor.post(
        url,
        {"status": "closed", "message": "We sent an officer and apologised."},
        content_type="application/json",
    )
    assert done.status_code == 200 and done.json()["status"] == "closed"
    assert [x["kind"] for x in done.json()["letters"]] == ["acknowledgement", "outcome"]


def test_it_shows_commendations_to_the_officer_and_supervisors_only(
    roster: list[Officer], make_user: Callable[..., Any]
) -> None:
    filed = Client().post(
        "/commendations/new/",
        {"description": "Kind and patient", "officer_details": "Marcus Delacroix 4721"},
    )
    assert filed.status_code == 302, filed.content.decode()[-2000:]
    officer_user = make_user(roles.OFFICER, "marcus")
    roster[0].user = officer_user
    roster[0].save()
    other_officer = make_user(roles.OFFICER, "someone-else")
    for user, sees in (
        (officer_user, True),
        (other_officer, False),
        (make_user(roles.SUPERVISOR), True),
    ):
        client = Client()
        client.force_login(user)
        assert ("Kind and patient" in client.get("/staff/commendations/").content.decode()) is sees
    agent = Client()
    agent.force_login(make_user(roles.AGENT))
    assert agent.get("/staff/commendations/").status_code == 403
