"""Invitation rules: policy delay, sensitive categories, opt-out, the 30-day cap, channels."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.core import mail
from django.utils import timezone

from bluebridge.core import schedule
from bluebridge.core.models import Notification
from bluebridge.feedback.models import Invitation, OptOut, SurveyPolicy
from bluebridge.feedback.services import invitations, invite
from bluebridge.feedback.services.contacts import contact_hash


def test_it_schedules_an_invitation_when_a_request_closes(
    close_request: Callable[..., Any],
) -> None:
    sr = close_request(email="Someone@Example.org")
    invitation = Invitation.objects.get(source_reference=sr.reference)
    assert invitation.status == Invitation.SCHEDULED
    assert invitation.channel == "email"
    assert invitation.category == sr.category.code
    assert invitation.area == sr.area
    assert invitation.contact_hash == contact_hash("someone@example.org")
    delay = invitation.send_after - invitation.created_at
    assert delay == timedelta(hours=24)  # the default policy


def test_it_sends_the_invitation_after_the_delay_through_the_scheduler(
    close_request: Callable[..., Any], tasks: Callable[[], int]
) -> None:
    sr = close_request()
    invitation = Invitation.objects.get(source_reference=sr.reference)
    assert invitations.sweep()["sent"] == 0  # too early
    later = invitation.send_after + timedelta(minutes=1)
    assert invitations.sweep(later)["sent"] == 1
    tasks()
    invitation.refresh_from_db()
    assert invitation.status == Invitation.SENT
    message = next(m for m in mail.outbox if "tell us how we did" in m.subject)
    assert invitations.make_token(invitation) in message.body
    assert "feedback-invitations" in [job.name for job in schedule.jobs()]


def test_it_never_invites_for_a_sensitive_category(close_request: Callable[..., Any]) -> None:
    from bluebridge.servicedesk.models import ServiceCategory

    category = ServiceCategory.objects.get(code="graffiti")
    category.sensitive = True
    category.save()
    sr = close_request()
    assert not Invitation.objects.filter(source_reference=sr.reference).exists()


def test_it_never_invites_a_resident_who_opted_out(close_request: Callable[..., Any]) -> None:
    OptOut.objects.create(contact_hash=contact_hash(" RESIDENT@example.org "))
    sr = close_request(email="resident@example.org")
    assert not Invitation.objects.filter(source_reference=sr.reference).exists()


def test_it_invites_a_person_at_most_once_in_thirty_days(close_request: Callable[..., Any]) -> None:
    first = close_request(email="same@example.org")
    second = close_request(email="same@example.org")
    assert Invitation.objects.filter(source_reference=first.reference).exists()
    assert not Invitation.objects.filter(source_reference=second.reference).exists()
    later = timezone.now() + timedelta(days=31)
    decision = invite("post_contact", "request", "X-1", email="same@example.org", now=later)
    assert decision.invitation is not None


def test_it_respects_no_messages_and_uses_sms_when_asked(close_request: Callable[..., Any]) -> None:
    quiet = close_request(email="quiet@example.org", contact_preference="none")
    assert not Invitation.objects.filter(source_reference=quiet.reference).exists()
    texted = close_request(email="", phone="(217) 555-0142", contact_preference="sms")
    invitation = Invitation.objects.get(source_reference=texted.reference)
    assert invitation.channel == Notification.SMS
    assert invitation.contact_hash == contact_hash("+1 217 555 0142")


def test_it_follows_a_disabled_policy_for_the_category(close_request: Callable[..., Any]) -> None:
    default = SurveyPolicy.objects.get(source_kind="request", category="")
    SurveyPolicy.objects.create(
        source_kind="request", category="graffiti", survey=default.survey, enabled=False
    )
    sr = close_request()
    assert not Invitation.objects.filter(source_reference=sr.reference).exists()


def test_it_sends_one_reminder_and_expires_the_link(survey_link: Callable[..., Any]) -> None:
    invitation, _path = survey_link()
    sent = invitation.sent_at
    assert invitations.sweep(sent + timedelta(hours=71))["reminded"] == 0
    assert invitations.sweep(sent + timedelta(hours=73))["reminded"] == 1
    assert invitations.sweep(sent + timedelta(hours=100))["reminded"] == 0
    reminders = Notification.objects.filter(template="survey_reminder")
    assert reminders.count() == 1
    assert invitations.sweep(invitation.expires_at + timedelta(seconds=1))["expired"] == 1
    invitation.refresh_from_db()
    assert invitation.status == Invitation.EXPIRED
    assert invitation.recipient == ""  # the contact is not kept once the link is closed


def test_recovery_surveys_skip_the_cap_but_not_the_opt_out(db: Any) -> None:
    first = invite("post_contact", "request", "R-1", email="r@example.org")
    again = invite("recovery", "complaint", "C-1", email="r@example.org")
    assert first.invitation is not None and again.invitation is not None
    assert again.invitation.survey.slug == "recovery"
    OptOut.objects.create(contact_hash=contact_hash("r@example.org"))
    refused = invite("recovery", "complaint", "C-2", email="r@example.org")
    assert refused.invitation is None and "opted out" in refused.reason


def test_it_refuses_to_invite_to_the_community_survey(db: Any) -> None:
    with pytest.raises(ValueError, match="community"):
        invite("community", "", "", email="a@example.org")


def test_a_forged_or_altered_token_finds_nothing(db: Any) -> None:
    decision = invite("post_contact", "request", "R-9", email="t@example.org")
    assert decision.invitation is not None
    token = invitations.make_token(decision.invitation)
    assert invitations.find_invitation(token) == decision.invitation
    assert invitations.find_invitation(token[:-2] + "xx") is None
    pk, rest = token.split("-", 1)
    assert invitations.find_invitation(f"{int(pk) + 1}-{rest}") is None
    assert invitations.find_invitation("") is None
