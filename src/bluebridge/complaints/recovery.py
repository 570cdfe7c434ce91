"""Service recovery: open a case for each service failure and work it through the playbook.

Playbook: acknowledge fast (within 4 business hours), apologise, explain, fix, then verify with
a one-question check (1-5) the person answers on their private case page. A person's second
failure within a year is flagged as a repeat: a good recovery does not undo a second failure.
"""

from __future__ import annotations

import hashlib
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth.models import User
from django.db import IntegrityError, transaction
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone

from bluebridge.complaints.models import Complaint
from bluebridge.complaints.recovery_models import STEPS, CaseNote, RecoveryCase, Trigger
from bluebridge.core import audit, events, notifications
from bluebridge.core.models import AuditEvent
from bluebridge.servicedesk import sla
from bluebridge.servicedesk.services import business_calendar
from bluebridge.servicedesk.validation import InvalidRequest

ACKNOWLEDGE_HOURS = 4
REPEAT_WINDOW = timedelta(days=365)
PLAYBOOK_STEPS = STEPS[:-1]  # the last one, verified, is the person's answer


def person_key(email: str, phone: str) -> str:
    """A one-way key to recognise the same person's cases (never reversed, never shown)."""
    if email.strip():
        basis = "e:" + email.strip().lower()
    else:
        digits = "".join(c for c in phone if c.isdigit())[-10:]
        if not digits:
            return ""
        basis = "p:" + digits
    return hashlib.sha256(basis.encode()).hexdigest()


def case_url(case: RecoveryCase) -> str:
    return settings.BLUEBRIDGE_PUBLIC_URL + reverse("recovery-case", args=[case.token])


def open_case(
    trigger: str,
    *,
    source_kind: str,
    source_reference: str,
    email: str = "",
    phone: str = "",
    language: str = "en",
    category: str = "",
    unit: Any = None,
    complaint: Complaint | None = None,
    sensitive: bool = False,
    summary: str = "",
) -> tuple[RecoveryCase, bool]:
    """A new case, or the open one already there for the same source: (case, created)."""
    existing = RecoveryCase.objects.filter(
        source_kind=source_kind, source_reference=source_reference
    ).exclude(status=RecoveryCase.CLOSED)
    if trigger == Trigger.SLA_BREACH:
        existing = RecoveryCase.objects.filter(trigger=trigger, source_reference=source_reference)
    found = existing.first()
    if found is not None:
        return found, False
    now = timezone.now()
    key = person_key(email, phone)
    earlier = (
        RecoveryCase.objects.filter(person_key=key, created_at__gte=now - REPEAT_WINDOW).count()
        if key
        else 0
    )
    case = RecoveryCase(
        trigger=trigger,
        source_kind=source_kind,
        source_reference=source_reference[:20],
        complaint=complaint,
        category=category[:40],
        unit=unit,
        email=email,
        phone=phone,
        language=language if language in ("en", "es") else "en",
        person_key=key,
        sensitive=sensitive,
        earlier_cases=earlier,
        repeat_failure=earlier > 0,
        summary=summary[:300],
        created_at=now,
        acknowledge_due=sla.due_at(
            timezone.localtime(now), ACKNOWLEDGE_HOURS, "business", business_calendar()
        ),
    )
    try:
        with transaction.atomic():
            case.save()
            audit.record(
                AuditEvent.CREATE,
                "recovery_case",
                case.reference,
                summary=f"{trigger} {source_kind} {source_reference}"
                + (" (repeat failure)" if case.repeat_failure else ""),
                actor_label="system",
            )
    except IntegrityError:
        found = existing.first()
        if found is None:
            raise
        return found, False
    return case, True


def open_for_complaint(complaint: Complaint) -> RecoveryCase:
    case, _ = open_case(
        Trigger.SERVICE_COMPLAINT,
        source_kind="complaint",
        source_reference=complaint.reference,
        email=complaint.email,
        phone=complaint.phone,
        language=complaint.language,
        category=complaint.type.code if complaint.type else "",
        unit=complaint.unit,
        complaint=complaint,
        summary=f"Service-quality complaint: {complaint.type.name if complaint.type else ''}",
    )
    return case


def withdraw_for_complaint(complaint: Complaint, user: Any) -> None:
    """A complaint reclassified as conduct leaves service recovery (its content leaves with it)."""
    for case in complaint.recovery_cases.exclude(status=RecoveryCase.CLOSED):
        case.status, case.closed_at = RecoveryCase.CLOSED, timezone.now()
        case.summary = "Withdrawn: the complaint was reclassified"
        case.save(update_fields=["status", "closed_at", "summary", "updated_at"])
        CaseNote.objects.create(case=case, note="Withdrawn: reclassified", author=_user(user))


def _user(user: Any) -> User | None:
    return user if isinstance(user, User) else None


def _label(user: Any) -> str:
    if not getattr(user, "is_authenticated", False):
        return ""
    return user.get_full_name() or user.get_username()


def _message(case: RecoveryCase, subject: str, text: str) -> None:
    if case.sensitive or not (case.email or case.phone):
        return
    channel = "email" if case.email else "sms"
    notifications.queue(
        channel=channel,
        recipient=case.email or case.phone,
        template="recovery_message",
        context={"subject": subject, "message": text, "case_url": case_url(case)},
        language=case.language,
        object_type="recovery_case",
        object_ref=case.reference,
    )


def do_step(
    case: RecoveryCase, step: str, message: str, *, user: Any, request: HttpRequest | None = None
) -> CaseNote:
    """Record one playbook step, in order, with what the person is told."""
    if case.status == RecoveryCase.CLOSED:
        raise InvalidRequest({"step": "this case is closed"})
    if step not in PLAYBOOK_STEPS:
        raise InvalidRequest({"step": f"must be one of {', '.join(PLAYBOOK_STEPS)}"})
    expected = case.next_step()
    if step != expected:
        raise InvalidRequest({"step": f"the next step is {expected}" if expected else "all done"})
    text = message.strip()
    if not text:
        raise InvalidRequest({"message": "write what you tell the person"})
    if len(text) > 4000:
        raise InvalidRequest({"message": "must be at most 4000 characters"})
    now = timezone.now()
    with transaction.atomic():
        setattr(case, f"{step}_at", now)
        if step == "fixed":
            case.status = RecoveryCase.VERIFYING
        case.updated_by = _user(user)
        case.save()
        note = CaseNote.objects.create(
            case=case,
            step=step,
            note=text,
            public=True,
            author=_user(user),
            author_label=_label(user),
            created_at=now,
        )
        audit.record(
            AuditEvent.CHANGE,
            "recovery_case",
            case.reference,
            user=user,
            request=request,
            summary=f"step {step}",
        )
        _message(case, f"{case.reference}: {step}", text)
    return note


def close(case: RecoveryCase, note: str, *, user: Any, request: HttpRequest | None = None) -> None:
    if case.status == RecoveryCase.CLOSED:
        raise InvalidRequest({"note": "this case is already closed"})
    if not note.strip():
        raise InvalidRequest({"note": "say why the case is closed without the person's check"})
    with transaction.atomic():
        case.status, case.closed_at = RecoveryCase.CLOSED, timezone.now()
        case.updated_by = _user(user)
        case.save()
        CaseNote.objects.create(
            case=case,
            step="closed",
            note=note.strip(),
            author=_user(user),
            author_label=_label(user),
        )
        audit.record(
            AuditEvent.CHANGE,
            "recovery_case",
            case.reference,
            user=user,
            request=request,
            summary="closed",
        )


def verify(
    case: RecoveryCase, score: Any, comment: str = "", *, request: HttpRequest | None = None
) -> None:
    """The person's answer to "Did we put things right?" (1-5), from their case page."""
    if case.status != RecoveryCase.VERIFYING:
        raise InvalidRequest({"score": "this case is not waiting for your answer"})
    try:
        value = int(score)
    except (TypeError, ValueError):
        value = 0
    if not 1 <= value <= 5:
        raise InvalidRequest({"score": "choose a number from 1 to 5"})
    if len(comment) > 2000:
        raise InvalidRequest({"comment": "must be at most 2000 characters"})
    now = timezone.now()
    with transaction.atomic():
        case.verification_score = value
        case.verification_comment = comment.strip()
        case.verified_at = case.closed_at = now
        case.status = RecoveryCase.CLOSED
        case.save()
        audit.record(
            AuditEvent.CHANGE,
            "recovery_case",
            case.reference,
            request=request,
            summary=f"verified {value}/5",
            actor_label="resident",
        )
        events.survey_answered.send(
            sender=RecoveryCase,
            response=case,
            kind="recovery",
            source_kind=case.source_kind,
            source_reference=case.source_reference,
            satisfied=value >= 4,
            score=(value - 1) / 4,
            email=case.email,
            phone=case.phone,
            language=case.language,
        )
