"""The loop across apps: a closed request is surveyed, a poor answer opens service recovery,
and the assistant sends people with a complaint or a compliment to the real forms."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.contrib.auth.models import User
from django.test import Client
from django.urls import resolve

from bluebridge.complaints.recovery_models import RecoveryCase
from bluebridge.feedback.models import Invitation
from bluebridge.feedback.services import invitations
from bluebridge.servicedesk import services
from bluebridge.servicedesk.models import ServiceRequest

KNOWLEDGE = Path(__file__).resolve().parents[2] / "src/bluebridge/assistant/knowledge"


def _survey_path(sr: ServiceRequest) -> str:
    """Send the request's survey invitation now and return its link."""
    invitation = Invitation.objects.get(source_reference=sr.reference)
    invitation.send_after = invitation.created_at
    invitation.save()
    invitations.sweep()
    invitation.refresh_from_db()
    assert invitation.status == "sent"
    return f"/survey/{invitations.make_token(invitation)}/"


def test_it_opens_service_recovery_when_a_resident_answers_a_survey_poorly(
    file_request: Callable[..., ServiceRequest], make_user: Callable[..., User]
) -> None:
    agent = make_user("agent", username="loop-agent")
    sr = file_request(email="loop@example.org", contact_preference="email")
    services.change_status(sr, "resolved", user=agent, public_note="Cleaned the wall.")
    path = _survey_path(sr)

    answered = Client().post(
        path, {"action": "answer", "csat": "1", "resolved": "no", "nps": "2", "comment": "Slow"}
    )
    assert answered.status_code == 302

    case = RecoveryCase.objects.get(source_reference=sr.reference)
    assert case.source_kind == "request"
    assert case.email == "loop@example.org"


def test_it_opens_no_recovery_case_for_a_good_answer(
    file_request: Callable[..., ServiceRequest], make_user: Callable[..., User]
) -> None:
    agent = make_user("agent", username="loop-agent-2")
    sr = file_request(email="happy@example.org", contact_preference="email")
    services.change_status(sr, "resolved", user=agent, public_note="Done.")
    answered = Client().post(
        _survey_path(sr), {"action": "answer", "csat": "5", "resolved": "yes", "nps": "10"}
    )
    assert answered.status_code == 302
    assert not RecoveryCase.objects.filter(source_reference=sr.reference).exists()


def test_it_links_the_complaint_and_commendation_articles_to_the_real_forms(db: Any) -> None:
    for slug, form in (
        ("officer-complaint", "/complaints/new/"),
        ("commendation", "/commendations/new/"),
    ):
        article = json.loads((KNOWLEDGE / f"{slug}.json").read_text(encoding="utf-8"))
        for language in ("en", "es"):
            assert f"]({form})" in article["translations"][language]["answer"]
        assert resolve(form).url_name in {"complaint-new", "commendation-new"}
        assert Client().get(form).status_code == 200
