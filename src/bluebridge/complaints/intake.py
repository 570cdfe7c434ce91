"""Taking in complaints and commendations from every channel (web, API, assistant, staff).

Problems come back as InvalidRequest({field: message}), the service desk's convention. Evidence
files are checked after the complaint is stored: a refused file never loses the complaint.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, time, timedelta
from typing import Any

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_time

from bluebridge.complaints import classify, clocks, letters, recovery, texts, uploads
from bluebridge.complaints.models import (
    Channel,
    Commendation,
    Complaint,
    ComplaintEvent,
    ComplaintType,
    ContactPreference,
    Kind,
)
from bluebridge.core import audit
from bluebridge.core.models import AuditEvent
from bluebridge.servicedesk.services import business_calendar
from bluebridge.servicedesk.validation import InvalidRequest

MAX_TEXT = 4000
UNSURE = "unsure"


@dataclass
class NewComplaint:
    description: str
    what_went_wrong: str = UNSURE  # a ComplaintType code, "service", "conduct" or "unsure"
    anonymous: bool = False
    first_name: str = ""
    last_name: str = ""
    email: str = ""
    phone: str = ""
    contact_preference: str = ""
    language: str = "en"
    on_behalf: bool = False
    on_behalf_name: str = ""
    on_behalf_relationship: str = ""
    occurred_date: str = ""
    occurred_time: str = ""
    location: str = ""
    officer_details: str = ""
    witnesses: str = ""
    related_reference: str = ""
    channel: str = Channel.WEB
    client_key: str = ""
    idempotency_key: str = ""
    files: list[Any] = field(default_factory=list)


def _contact_errors(new: Any, errors: dict[str, str]) -> str:
    email, phone = new.email.strip(), new.phone.strip()
    if email:
        try:
            validate_email(email)
        except ValidationError:
            errors["email"] = "is not a valid e-mail address"
    if phone:
        digits = [c for c in phone if c.isdigit()]
        if not (7 <= len(digits) <= 15) or any(c not in "0123456789+-(). " for c in phone):
            errors["phone"] = "is not a valid phone number"
    preference = getattr(new, "contact_preference", "") or (
        ContactPreference.EMAIL if email else ContactPreference.SMS if phone else "none"
    )
    if preference not in ContactPreference.values:
        errors["contact_preference"] = "must be email, sms or none"
    elif preference == ContactPreference.EMAIL and not email and "email" not in errors:
        errors["email"] = "is needed to send you letters by e-mail"
    elif preference == ContactPreference.SMS and not phone and "phone" not in errors:
        errors["phone"] = "is needed to send you letters by text message"
    return preference


def _when(new: Any, errors: dict[str, str]) -> datetime | None:
    if not new.occurred_date.strip():
        if new.occurred_time.strip():
            errors["occurred_date"] = "give the date as well as the time"
        return None
    day = parse_date(new.occurred_date.strip())
    if day is None:
        errors["occurred_date"] = "must be a date like 2026-05-01"
        return None
    moment = parse_time(new.occurred_time.strip()) if new.occurred_time.strip() else time(12, 0)
    if moment is None:
        errors["occurred_time"] = "must be a time like 14:30"
        return None
    when = timezone.make_aware(datetime.combine(day, moment))
    if when > timezone.now() + timedelta(hours=1):
        errors["occurred_date"] = "is in the future"
    return when


def _lengths(new: Any, limits: dict[str, int], errors: dict[str, str]) -> None:
    for name, limit in limits.items():
        value = getattr(new, name, "") or ""
        if "\x00" in value:
            errors[name] = "contains a NUL character"
        elif len(value) > limit:
            errors[name] = f"must be at most {limit} characters"


def decide_kind(choice: str, suggestion: classify.Suggestion) -> str:
    """Conduct unless both the person and the model point to service quality (safest reading)."""
    types = dict(ComplaintType.objects.values_list("code", "kind"))
    chosen = types.get(choice, choice if choice in (Kind.SERVICE, Kind.CONDUCT) else UNSURE)
    if chosen == Kind.CONDUCT:
        return Kind.CONDUCT
    if chosen == Kind.SERVICE:
        strong_conduct = suggestion.kind == Kind.CONDUCT and suggestion.confidence >= 0.5
        return Kind.CONDUCT if strong_conduct else Kind.SERVICE
    return suggestion.kind if suggestion.confident else Kind.CONDUCT


def provisional_type(
    choice: str, kind: str, suggestion: classify.Suggestion
) -> ComplaintType | None:
    types = {t.code: t for t in ComplaintType.objects.filter(active=True)}
    for code in (choice, suggestion.code):
        if code in types and types[code].kind == kind:
            return types[code]
    fallback = "other_misconduct" if kind == Kind.CONDUCT else "slow_response"
    for code, _confidence in suggestion.ranked:
        if code in types and types[code].kind == kind:
            return types[code]
    return types.get(fallback)


def set_clocks(complaint: Complaint, complaint_type: ComplaintType | None) -> None:
    received = timezone.localtime(complaint.created_at)
    calendar = business_calendar()
    ack_days = complaint_type.acknowledge_days if complaint_type else 2
    ack_clock = complaint_type.acknowledge_clock if complaint_type else clocks.WORKING
    complaint.acknowledge_due = clocks.due(received, ack_days, ack_clock, calendar)
    if complaint_type is not None:
        complaint.decision_due = clocks.due(
            received, complaint_type.decision_days, complaint_type.decision_clock, calendar
        )


def create_complaint(
    new: NewComplaint, *, user: Any = None, request: HttpRequest | None = None
) -> tuple[Complaint, list[uploads.Outcome], bool]:
    """Store a complaint; returns (complaint, evidence outcomes, created)."""
    if new.idempotency_key:
        existing = Complaint.objects.filter(
            client_key=new.client_key, idempotency_key=new.idempotency_key
        ).first()
        if existing is not None:
            return existing, [], False
    errors: dict[str, str] = {}
    if not new.description.strip():
        errors["description"] = "please describe what happened"
    _lengths(
        new,
        {
            "description": MAX_TEXT,
            "officer_details": 2000,
            "witnesses": 2000,
            "location": 250,
            "first_name": 60,
            "last_name": 60,
            "on_behalf_name": 120,
            "on_behalf_relationship": 120,
            "related_reference": 20,
        },
        errors,
    )
    preference = _contact_errors(new, errors)
    occurred = _when(new, errors)
    if new.on_behalf and not new.on_behalf_name.strip():
        errors["on_behalf_name"] = "give the name of the person you are writing for"
    if new.language not in ("en", "es"):
        errors["language"] = "must be en or es"
    if errors:
        raise InvalidRequest(errors)
    suggestion = classify.suggest(f"{new.description}\n{new.officer_details}")
    kind = decide_kind(new.what_went_wrong, suggestion)
    complaint_type = provisional_type(new.what_went_wrong, kind, suggestion)
    author = user if isinstance(user, User) else None
    complaint = Complaint(
        kind=kind,
        type=complaint_type,
        suggested_type=suggestion.code,
        suggestion_confidence=suggestion.confidence,
        resident_choice=new.what_went_wrong[:40],
        channel=new.channel,
        anonymous=new.anonymous,
        first_name="" if new.anonymous else new.first_name.strip(),
        last_name="" if new.anonymous else new.last_name.strip(),
        email=new.email.strip(),
        phone=new.phone.strip(),
        contact_preference=preference,
        language=new.language,
        on_behalf=new.on_behalf,
        on_behalf_name=new.on_behalf_name.strip() if new.on_behalf else "",
        on_behalf_relationship=new.on_behalf_relationship.strip() if new.on_behalf else "",
        description=new.description.strip(),
        occurred_at=occurred,
        occurred_text=f"{new.occurred_date} {new.occurred_time}".strip()[:120],
        location=new.location.strip(),
        officer_details=new.officer_details.strip(),
        witnesses=new.witnesses.strip(),
        related_reference=new.related_reference.strip().upper(),
        client_key=new.client_key[:80],
        idempotency_key=new.idempotency_key[:100],
        created_by=author,
        created_at=timezone.now(),
    )
    set_clocks(complaint, complaint_type)
    try:
        with transaction.atomic():
            complaint.save()
            ComplaintEvent.objects.create(
                complaint=complaint,
                kind=ComplaintEvent.CREATED,
                status_to="received",
                public=True,
                author=author,
                created_at=complaint.created_at,
            )
            audit.record(
                AuditEvent.CREATE,
                "complaint",
                complaint.reference,
                user=user,
                request=request,
                summary=f"{kind} complaint via {new.channel}",
                changes={"kind": kind, "channel": new.channel, "suggested": suggestion.code},
                actor_label="public",
            )
            outcomes = uploads.store(complaint, new.files)
            letters.received_notice(complaint)
            texts.send_description(complaint)
            if kind == Kind.SERVICE:
                recovery.open_for_complaint(complaint)
    except IntegrityError:
        if new.idempotency_key:
            existing = Complaint.objects.filter(
                client_key=new.client_key, idempotency_key=new.idempotency_key
            ).first()
            if existing is not None:
                return existing, [], False
        raise
    return complaint, outcomes, True


def add_evidence(
    complaint: Complaint, files: list[Any], *, request: HttpRequest | None = None
) -> list[uploads.Outcome]:
    """More files from the complainant's tracking page."""
    with transaction.atomic():
        outcomes = uploads.store(complaint, files)
        kept = sum(o.accepted for o in outcomes)
        if kept:
            ComplaintEvent.objects.create(
                complaint=complaint,
                kind=ComplaintEvent.EVIDENCE,
                public=True,
                note=f"{kept} file(s) added",
                author_label="Complainant",
            )
        audit.record(
            AuditEvent.CHANGE,
            "complaint",
            complaint.reference,
            request=request,
            summary=f"complainant sent {len(files)} file(s), {kept} kept",
            actor_label="complainant",
        )
    return outcomes


@dataclass
class NewCommendation:
    description: str
    anonymous: bool = False
    first_name: str = ""
    last_name: str = ""
    email: str = ""
    phone: str = ""
    language: str = "en"
    occurred_date: str = ""
    occurred_time: str = ""
    location: str = ""
    officer_details: str = ""
    channel: str = Channel.WEB


def create_commendation(
    new: NewCommendation, *, user: Any = None, request: HttpRequest | None = None
) -> Commendation:
    errors: dict[str, str] = {}
    if not new.description.strip():
        errors["description"] = "please tell us what happened"
    _lengths(
        new,
        {
            "description": MAX_TEXT,
            "officer_details": 2000,
            "location": 250,
            "first_name": 60,
            "last_name": 60,
        },
        errors,
    )
    _contact_errors(new, errors)
    occurred = _when(new, errors)
    if new.language not in ("en", "es"):
        errors["language"] = "must be en or es"
    if errors:
        raise InvalidRequest(errors)
    from bluebridge.complaints import matching

    best = matching.confident_match(new.officer_details)
    with transaction.atomic():
        commendation = Commendation.objects.create(
            anonymous=new.anonymous,
            first_name="" if new.anonymous else new.first_name.strip(),
            last_name="" if new.anonymous else new.last_name.strip(),
            email=new.email.strip(),
            phone=new.phone.strip(),
            language=new.language,
            channel=new.channel,
            description=new.description.strip(),
            occurred_at=occurred,
            occurred_text=f"{new.occurred_date} {new.occurred_time}".strip()[:120],
            location=new.location.strip(),
            officer_details=new.officer_details.strip(),
            officer=best,
            delivered_at=timezone.now() if best else None,
            created_by=user if isinstance(user, User) else None,
        )
        audit.record(
            AuditEvent.CREATE,
            "commendation",
            commendation.reference,
            user=user,
            request=request,
            summary=f"commendation via {new.channel}",
            actor_label="public",
        )
        letters.thank_commender(commendation)
        if commendation.email or commendation.phone:
            commendation.thanked_at = timezone.now()
            commendation.save(update_fields=["thanked_at"])
    return commendation
