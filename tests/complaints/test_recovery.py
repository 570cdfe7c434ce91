"""Service recovery: every trigger opens a case, the playbook runs in order, the person checks it,
and a second failure is flagged."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from bluebridge.complaints import breaches
from bluebridge.complaints.models import Complaint
from bluebridge.complaints.recovery_models import ContactScore, RecoveryCase, Trigger
from bluebridge.core import events, roles, schedule
from bluebridge.servicedesk import services
from bluebridge.servicedesk.models import ServiceRequest, Status

pytestmark = pytest.mark.django_db


def _survey(**overrides: Any) -> None:
    kwargs: dict[str, Any] = {
        "response": None,
        "kind": "post_contact",
        "source_kind": "request",
        "source_reference": "",
        "satisfied": None,
        "score": None,
        "email": "r@example.org",
        "phone": "",
        "language": "en",
    }
    kwargs.update(overrides)
    events.survey_answered.send(sender=object, **kwargs)


def test_it_opens_a_case_for_a_service_quality_complaint(
    file_complaint: Callable[..., Complaint],
) -> None:
    complaint = file_complaint()
    case = RecoveryCase.objects.get()
    assert case.trigger == Trigger.SERVICE_COMPLAINT and case.complaint == complaint
    assert case.acknowledge_due is not None


def test_it_opens_no_case_for_a_conduct_complaint(conduct_complaint: Complaint) -> None:
    assert not RecoveryCase.objects.exists()


@pytest.mark.parametrize(
    ("score", "satisfied", "opens"),
    [
        (0.25, None, True),
        (0.0, None, True),
        (0.5, None, False),
        (None, False, True),
        (None, True, False),
        (1.0, None, False),
    ],
)
def test_it_opens_a_case_for_a_low_post_contact_survey_answer(
    file_request: Callable[..., ServiceRequest],
    score: float | None,
    satisfied: bool | None,
    opens: bool,
) -> None:
    sr = file_request()
    _survey(source_reference=sr.reference, score=score, satisfied=satisfied)
    assert RecoveryCase.objects.filter(trigger=Trigger.LOW_SURVEY).exists() is opens
    assert ContactScore.objects.get().source_reference == sr.reference
    if opens:
        case = RecoveryCase.objects.get()
        assert case.category == sr.category.code and case.unit == sr.unit


def test_it_ignores_community_surveys_and_its_own_recovery_checks(
    file_request: Callable[..., Any],
) -> None:
    _survey(kind="community", score=0.0)
    events.survey_answered.send(
        sender=RecoveryCase,
        response=None,
        kind="recovery",
        source_kind="request",
        source_reference="X",
        satisfied=False,
        score=0.0,
        email="",
        phone="",
        language="en",
    )
    assert not RecoveryCase.objects.exists()


def test_it_opens_a_case_when_a_request_is_reopened(
    file_request: Callable[..., ServiceRequest], make_user: Callable[..., Any]
) -> None:
    sr = file_request()
    agent = make_user(roles.AGENT)
    services.change_status(sr, Status.RESOLVED, user=agent, public_note="Cleaned")
    services.change_status(sr, Status.REOPENED, user=agent)
    case = RecoveryCase.objects.get()
    assert case.trigger == Trigger.REOPENED and case.source_reference == sr.reference


def test_it_opens_one_case_per_request_past_its_due_time(
    file_request: Callable[..., ServiceRequest], tasks: Callable[[], int]
) -> None:
    late, on_time = file_request(), file_request()
    ServiceRequest.objects.filter(pk=late.pk).update(
        first_response_due=timezone.now() - timedelta(hours=2),
        resolution_due=timezone.now() - timedelta(hours=1),
    )
    assert breaches.scan() == 1
    assert breaches.scan() == 0  # never twice for the same request
    RecoveryCase.objects.all().delete()
    assert "complaints-sla-breaches" in schedule.run_due(timezone.now())
    tasks()
    case = RecoveryCase.objects.get()
    assert case.trigger == Trigger.SLA_BREACH and case.source_reference == late.reference
    assert not RecoveryCase.objects.filter(source_reference=on_time.reference).exists()


def test_it_flags_a_second_failure_for_the_same_person(
    file_request: Callable[..., ServiceRequest],
) -> None:
    first, second = file_request(email="same@example.org"), file_request(email="SAME@example.org")
    _survey(source_reference=first.reference, score=0.0, email="same@example.org")
    _survey(source_reference=second.reference, score=0.0, email="same@example.org")
    cases = list(RecoveryCase.objects.order_by("created_at"))
    assert [c.repeat_failure for c in cases] == [False, True]
    assert cases[1].earlier_cases == 1


def test_it_runs_the_playbook_in_order_and_the_person_verifies_it(
    file_complaint: Callable[..., Complaint], staff_client: Callable[[str], Client]
) -> None:
    file_complaint()
    case = RecoveryCase.objects.get()
    supervisor = staff_client(roles.SUPERVISOR)
    url = f"/staff/recovery/{case.reference}/"
    skipped = supervisor.post(url, {"step": "fixed", "message": "Done"})
    assert skipped.status_code == 400 and "acknowledged" in skipped.content.decode()
    for step in ("acknowledged", "apologised", "explained", "fixed"):
        assert supervisor.post(url, {"step": step, "message": f"We {step}."}).status_code == 302
    case.refresh_from_db()
    assert case.status == RecoveryCase.VERIFYING
    heard: list[dict[str, Any]] = []

    def listen(sender: Any, **kwargs: Any) -> None:
        heard.append(kwargs)

    events.survey_answered.connect(listen)
    try:
        resident = Client()
        page = resident.get(f"/recovery/{case.token}/")
        assert "Did we put things right?" in page.content.decode()
        assert resident.post(f"/recovery/{case.token}/", {"score": "9"}).status_code == 400
        assert resident.post(f"/recovery/{case.token}/", {"score": "4"}).status_code == 302
    finally:
        events.survey_answered.disconnect(listen)
    case.refresh_from_db()
    assert case.verification_score == 4 and case.status == RecoveryCase.CLOSED
    assert (
        heard[0]["kind"] == "recovery"
        and heard[0]["score"] == 0.75
        and heard[0]["satisfied"] is True
    )
    assert not RecoveryCase.objects.exclude(pk=case.pk).exists()  # our own answer opens nothing


def test_it_shows_the_analytics_with_intervals(
    file_complaint: Callable[..., Complaint], staff_client: Callable[[str], Client]
) -> None:
    file_complaint()
    case = RecoveryCase.objects.get()
    RecoveryCase.objects.filter(pk=case.pk).update(
        verification_score=5,
        acknowledged_at=timezone.now(),
        fixed_at=timezone.now(),
        status="closed",
    )
    for score in (1.0, 0.75, 0.5):
        _survey(source_reference="BB-0000-0000", score=score)
    page = staff_client(roles.ANALYST).get("/staff/complaints/analytics/")
    assert page.status_code == 200
    text = page.content.decode()
    assert "Satisfied after recovery" in text and "n=3" in text and "n=1" in text
