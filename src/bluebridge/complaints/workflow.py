"""Handling a complaint: classification, states, assignment, notes, allegations, findings.

States: received -> acknowledged -> assessed -> under investigation (conduct) or in recovery
(service quality) -> finding -> closed -> appealed (-> under investigation / finding / closed).
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import User
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from bluebridge.complaints import intake, letters, recovery
from bluebridge.complaints.models import (
    Allegation,
    Complaint,
    ComplaintEvent,
    ComplaintType,
    Finding,
    Kind,
    Letter,
    Status,
)
from bluebridge.core import audit, events
from bluebridge.core.models import AuditEvent, Officer
from bluebridge.servicedesk.validation import InvalidRequest

TRANSITIONS: dict[str, set[str]] = {
    Status.RECEIVED: {Status.ACKNOWLEDGED, Status.ASSESSED},
    Status.ACKNOWLEDGED: {Status.ASSESSED},
    Status.ASSESSED: {Status.INVESTIGATION, Status.RECOVERY},
    Status.INVESTIGATION: {Status.FINDING},
    Status.RECOVERY: {Status.FINDING},
    Status.FINDING: {Status.INVESTIGATION},
    Status.CLOSED: {Status.APPEALED},
    Status.APPEALED: {Status.INVESTIGATION, Status.FINDING},
}
STATUS_LABELS = dict(Status.choices)


def _user(user: Any) -> User | None:
    return user if isinstance(user, User) else None


def _label(user: Any) -> str:
    if not getattr(user, "is_authenticated", False):
        return ""
    return user.get_full_name() or user.get_username()


def _event(complaint: Complaint, kind: str, user: Any, **fields: Any) -> ComplaintEvent:
    return ComplaintEvent.objects.create(
        complaint=complaint, kind=kind, author=_user(user), author_label=_label(user), **fields
    )


def _audit(
    complaint: Complaint, user: Any, request: HttpRequest | None, summary: str, **kw: Any
) -> None:
    audit.record(
        AuditEvent.CHANGE,
        "complaint",
        complaint.reference,
        user=user,
        request=request,
        summary=summary,
        **kw,
    )


def _touch(complaint: Complaint, user: Any, fields: list[str]) -> None:
    complaint.updated_by = _user(user)
    complaint.save(update_fields=[*fields, "updated_by", "updated_at"])


def classify(
    complaint: Complaint, type_code: str, *, user: Any, request: HttpRequest | None = None
) -> None:
    """A person confirms (or corrects) the class. Moving between service and conduct moves the
    complaint between supervisors and professional standards."""
    chosen = ComplaintType.objects.filter(code=type_code, active=True).first()
    if chosen is None:
        raise InvalidRequest({"type": "choose a complaint type from the list"})
    old_kind, old_type = complaint.kind, complaint.type.code if complaint.type else ""
    with transaction.atomic():
        complaint.type, complaint.kind = chosen, chosen.kind
        complaint.classified_by, complaint.classified_at = _user(user), timezone.now()
        intake.set_clocks(complaint, chosen)
        _touch(
            complaint,
            user,
            ["type", "kind", "classified_by", "classified_at", "acknowledge_due", "decision_due"],
        )
        _event(complaint, ComplaintEvent.CLASSIFY, user, note=f"{old_type or '-'} -> {chosen.code}")
        _audit(
            complaint,
            user,
            request,
            f"classified {chosen.code}",
            changes={"type": [old_type, chosen.code], "kind": [old_kind, chosen.kind]},
        )
        if old_kind == Kind.SERVICE and chosen.kind == Kind.CONDUCT:
            recovery.withdraw_for_complaint(complaint, user)
        elif old_kind == Kind.CONDUCT and chosen.kind == Kind.SERVICE:
            recovery.open_for_complaint(complaint)


def acknowledge(
    complaint: Complaint, message: str = "", *, user: Any, request: HttpRequest | None = None
) -> Letter:
    if complaint.acknowledged_at is not None:
        raise InvalidRequest({"status": "this complaint was already acknowledged"})
    with transaction.atomic():
        old = complaint.status
        complaint.acknowledged_at = timezone.now()
        if complaint.status == Status.RECEIVED:
            complaint.status = Status.ACKNOWLEDGED
        _touch(complaint, user, ["acknowledged_at", "status"])
        _event(
            complaint,
            ComplaintEvent.STATUS,
            user,
            status_from=old,
            status_to=complaint.status,
            public=True,
        )
        letter = letters.write(complaint, Letter.ACKNOWLEDGEMENT, user=user, message=message)
        _audit(
            complaint, user, request, "acknowledged", changes={"status": [old, complaint.status]}
        )
    return letter


def change_status(
    complaint: Complaint, new: str, *, user: Any, note: str = "", request: HttpRequest | None = None
) -> None:
    if new not in Status.values:
        raise InvalidRequest({"status": f"unknown status {new!r}"})
    if new == Status.CLOSED:
        raise InvalidRequest({"status": "close a complaint with its outcome letter"})
    allowed = TRANSITIONS.get(complaint.status, set())
    if new not in allowed:
        names = ", ".join(sorted(allowed)) or "none"
        raise InvalidRequest({"status": f"from {complaint.status} the next states are: {names}"})
    if new == Status.INVESTIGATION and complaint.kind != Kind.CONDUCT:
        raise InvalidRequest({"status": "service-quality complaints go to service recovery"})
    if new == Status.RECOVERY and complaint.kind != Kind.SERVICE:
        raise InvalidRequest({"status": "conduct complaints are investigated, not recovered"})
    if new == Status.ACKNOWLEDGED:
        acknowledge(complaint, note, user=user, request=request)
        return
    with transaction.atomic():
        old = complaint.status
        complaint.status = new
        fields = ["status"]
        if new == Status.FINDING and complaint.decided_at is None:
            complaint.decided_at = timezone.now()
            fields.append("decided_at")
        _touch(complaint, user, fields)
        _event(complaint, ComplaintEvent.STATUS, user, status_from=old, status_to=new, public=True)
        if note.strip():
            _event(complaint, ComplaintEvent.NOTE, user, note=note.strip())
        _audit(complaint, user, request, f"status {old} -> {new}", changes={"status": [old, new]})


def add_note(
    complaint: Complaint, text: str, *, user: Any, request: HttpRequest | None = None
) -> None:
    body = text.strip()
    if not body:
        raise InvalidRequest({"note": "write a note"})
    if len(body) > 4000:
        raise InvalidRequest({"note": "must be at most 4000 characters"})
    with transaction.atomic():
        _event(complaint, ComplaintEvent.NOTE, user, note=body)
        _touch(complaint, user, [])
        _audit(complaint, user, request, "internal note")


def assign(
    complaint: Complaint, assignee: User | None, *, user: Any, request: HttpRequest | None = None
) -> None:
    before = complaint.assigned_to.get_username() if complaint.assigned_to else None
    with transaction.atomic():
        complaint.assigned_to = assignee
        _touch(complaint, user, ["assigned_to"])
        after = assignee.get_username() if assignee else None
        _event(complaint, ComplaintEvent.ASSIGN, user, note=f"assigned to {after or 'nobody'}")
        _audit(complaint, user, request, "assignment", changes={"assigned_to": [before, after]})


def add_allegation(
    complaint: Complaint,
    category_code: str,
    officer_id: Any,
    summary: str,
    *,
    user: Any,
    request: HttpRequest | None = None,
) -> Allegation:
    if complaint.kind != Kind.CONDUCT:
        raise InvalidRequest({"category": "allegations belong to conduct complaints"})
    category = ComplaintType.objects.filter(code=category_code, kind=Kind.CONDUCT).first()
    if category is None:
        raise InvalidRequest({"category": "choose a conduct category"})
    officer = None
    if str(officer_id or "").strip():
        officer = Officer.objects.filter(
            pk=str(officer_id).strip() if str(officer_id).isdigit() else -1
        ).first()
        if officer is None:
            raise InvalidRequest({"officer": "choose an officer from the roster"})
    with transaction.atomic():
        allegation = Allegation.objects.create(
            complaint=complaint,
            category=category,
            officer=officer,
            summary=summary.strip()[:300],
            created_by=_user(user),
        )
        _event(complaint, ComplaintEvent.NOTE, user, note=f"allegation added: {category.code}")
        _audit(
            complaint,
            user,
            request,
            f"allegation {category.code}",
            changes={"officer": officer.badge if officer else None},
        )
    return allegation


def record_finding(
    allegation: Allegation,
    finding: str,
    reasons: str,
    *,
    user: Any,
    request: HttpRequest | None = None,
) -> None:
    if finding not in Finding.values:
        raise InvalidRequest({"finding": "choose a finding"})
    if not reasons.strip():
        raise InvalidRequest({"reasons": "give the reasons: they go in the outcome letter"})
    if len(reasons) > 4000:
        raise InvalidRequest({"reasons": "must be at most 4000 characters"})
    complaint = allegation.complaint
    with transaction.atomic():
        old = allegation.finding
        allegation.finding, allegation.reasons = finding, reasons.strip()
        allegation.decided_at, allegation.updated_by = timezone.now(), _user(user)
        allegation.save()
        _event(
            complaint, ComplaintEvent.FINDING, user, note=f"{allegation.category.code}: {finding}"
        )
        _audit(complaint, user, request, f"finding {finding}", changes={"finding": [old, finding]})
        if not complaint.allegations.filter(finding="").exists() and complaint.status in (
            Status.INVESTIGATION,
            Status.APPEALED,
            Status.ASSESSED,
        ):
            change_status(complaint, Status.FINDING, user=user, request=request)


def send_update(
    complaint: Complaint, message: str, *, user: Any, request: HttpRequest | None = None
) -> Letter:
    if not message.strip():
        raise InvalidRequest({"message": "write the news for the complainant"})
    with transaction.atomic():
        letter = letters.write(complaint, Letter.UPDATE, user=user, message=message)
        _event(complaint, ComplaintEvent.LETTER, user, note="update letter", public=True)
        _audit(complaint, user, request, "update letter")
    return letter


def close(
    complaint: Complaint, message: str, *, user: Any, request: HttpRequest | None = None
) -> Letter:
    """Close with the outcome letter (findings with reasons, and the message)."""
    if complaint.status == Status.CLOSED:
        raise InvalidRequest({"message": "this complaint is already closed"})
    if complaint.kind == Kind.CONDUCT and (
        not complaint.allegations.exists() or complaint.allegations.filter(finding="").exists()
    ):
        raise InvalidRequest({"message": "record a finding for every allegation before closing"})
    if not message.strip() and complaint.kind == Kind.SERVICE:
        raise InvalidRequest({"message": "explain the outcome to the complainant"})
    with transaction.atomic():
        old = complaint.status
        now = timezone.now()
        complaint.status, complaint.closed_at = Status.CLOSED, now
        complaint.decided_at = complaint.decided_at or now
        _touch(complaint, user, ["status", "closed_at", "decided_at"])
        letter = letters.write(complaint, Letter.OUTCOME, user=user, message=message)
        _event(
            complaint,
            ComplaintEvent.STATUS,
            user,
            status_from=old,
            status_to=Status.CLOSED,
            public=True,
        )
        _audit(complaint, user, request, f"closed (was {old})", changes={"status": [old, "closed"]})
        events.contact_closed.send(
            sender=Complaint,
            kind="complaint",
            instance=complaint,
            reference=complaint.reference,
            category=complaint.type.code if complaint.type else "",
            sensitive=complaint.kind == Kind.CONDUCT,
            email=complaint.email,
            phone=complaint.phone,
            language=complaint.language,
            contact_preference=complaint.contact_preference,
            area=complaint.area,
            unit=complaint.unit,
            closed_at=now,
        )
    return letter


def complainant_reply(
    complaint: Complaint, text: str, *, request: HttpRequest | None = None
) -> None:
    body = text.strip()
    if not body:
        raise InvalidRequest({"message": "write your message"})
    if len(body) > 4000:
        raise InvalidRequest({"message": "must be at most 4000 characters"})
    with transaction.atomic():
        ComplaintEvent.objects.create(
            complaint=complaint,
            kind=ComplaintEvent.REPLY,
            note=body,
            public=True,
            author_label="Complainant",
        )
        complaint.save(update_fields=["updated_at"])
        audit.record(
            AuditEvent.CHANGE,
            "complaint",
            complaint.reference,
            request=request,
            summary="complainant wrote",
            actor_label="complainant",
        )
