"""The service desk's rules. Views, the JSON API, Open311 and the assistant all come through here."""

from __future__ import annotations

import time
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.contrib.auth.models import User as UserModel
from django.db import IntegrityError, transaction
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone

from bluebridge.core import audit, events, fast_insert, geography, notifications
from bluebridge.core.models import Holiday
from bluebridge.servicedesk import sla
from bluebridge.servicedesk.models import (
    CLOSED_STATUSES,
    ContactPreference,
    RequestUpdate,
    ServiceRequest,
    Status,
)
from bluebridge.servicedesk.validation import InvalidRequest, NewRequest, validate

User = UserModel | AnonymousUser | None

_calendar_cache: tuple[float, sla.BusinessCalendar] | None = None


def business_calendar() -> sla.BusinessCalendar:
    """The department's business hours and holidays (cached for five minutes per process)."""
    global _calendar_cache
    now = time.monotonic()
    if _calendar_cache is None or now - _calendar_cache[0] > 300:
        holidays = Holiday.objects.values_list("date", flat=True)
        calendar = sla.BusinessCalendar.parse(
            settings.BLUEBRIDGE_BUSINESS_HOURS, settings.BLUEBRIDGE_BUSINESS_DAYS, list(holidays)
        )
        _calendar_cache = (now, calendar)
    return _calendar_cache[1]


def forget_calendar() -> None:
    global _calendar_cache
    _calendar_cache = None


def tracking_url(sr: ServiceRequest) -> str:
    return settings.BLUEBRIDGE_PUBLIC_URL + reverse("track", args=[sr.tracking_token])


def _recipient(sr: ServiceRequest) -> str:
    """Where messages to the resident go; "" when the category is sensitive or they asked for none."""
    if not sr.notifications_allowed:
        return ""
    return sr.email if sr.contact_preference == ContactPreference.EMAIL else sr.phone


def _notice_needed(sr: ServiceRequest) -> bool:
    return bool(_recipient(sr))


def _notify(sr: ServiceRequest, template: str, extra: dict[str, Any] | None = None) -> None:
    """Queue a message to the resident, unless the category is sensitive or they asked for none."""
    recipient = _recipient(sr)
    if not recipient:
        return
    context = {
        "reference": sr.reference,
        "category": sr.category.localized_name(sr.language),
        "status": sr.status,
        "tracking_url": tracking_url(sr),
        "first_name": sr.first_name,
        "expected": timezone.localtime(sr.resolution_due).strftime("%Y-%m-%d %H:%M")
        if sr.resolution_due
        else "",
    }
    context.update(extra or {})
    notifications.queue(
        channel=sr.contact_preference,
        recipient=recipient,
        template=template,
        context=context,
        language=sr.language,
        object_type="service_request",
        object_ref=sr.reference,
    )


def create_request(
    new: NewRequest, *, user: User = None, request: HttpRequest | None = None, api_key: Any = None
) -> tuple[ServiceRequest, bool]:
    """Validate and store a new request. Returns (request, created).

    A repeated idempotency key from the same client returns the first request, created=False.
    The reference is only handed back once the transaction has committed. `api_key` is the
    Open311 key the request came with (anything with its `id` and `name`), or None.
    """
    if new.idempotency_key:
        existing = ServiceRequest.objects.filter(
            client_key=new.client_key, idempotency_key=new.idempotency_key
        ).first()
        if existing is not None:
            return existing, False
    cleaned = validate(new)
    category = cleaned.category
    now = timezone.now()
    local_now = timezone.localtime(now)
    calendar = business_calendar()
    author = user if isinstance(user, UserModel) else None
    sr = ServiceRequest(
        category=category,
        description=new.description.strip(),
        attributes=cleaned.attributes,
        lat=cleaned.lat,
        lon=cleaned.lon,
        address=new.address.strip(),
        address_id=new.address_id.strip(),
        area_id=cleaned.area_id,
        h3_cell=geography.h3_cell(cleaned.lat, cleaned.lon)
        if cleaned.lat is not None and cleaned.lon is not None
        else "",
        media_url=new.media_url,
        first_name=new.first_name.strip(),
        last_name=new.last_name.strip(),
        email=new.email.strip(),
        phone=new.phone.strip(),
        contact_preference=cleaned.contact_preference,
        language=new.language,
        device_id=new.device_id[:100],
        account_id=new.account_id[:100],
        resident=author if author is not None and new.channel == "web" else None,
        channel=new.channel,
        api_key_id=getattr(api_key, "id", None),
        client_key=new.client_key[:80],
        idempotency_key=new.idempotency_key[:100],
        unit=category.routing_unit,
        created_at=now,
        created_by=author,
        first_response_due=sla.due_at(
            local_now, category.first_response_hours, category.clock, calendar
        ),
        resolution_due=sla.due_at(local_now, category.resolution_hours, category.clock, calendar),
    )
    if new.photo is not None:
        sr.photo = new.photo
    update = RequestUpdate(
        kind=RequestUpdate.CREATED,
        status_to=Status.RECEIVED,
        public=True,
        author=author,
        author_label="",
        created_at=now,
    )
    event = audit.build(
        audit.AuditEvent.CREATE,
        "service_request",
        sr.reference,
        user=user,
        request=request,
        summary=f"{category.code} via {new.channel}",
        changes={
            "category": category.code,
            "channel": new.channel,
            "unit": category.routing_unit.code,
        },
        actor_label=getattr(api_key, "name", "public"),
    )
    fast = fast_insert.available(ServiceRequest, RequestUpdate, audit.AuditEvent)
    try:
        if _notice_needed(sr) or not fast:
            with transaction.atomic():
                _insert_created(sr, update, event, fast)
                _notify(sr, "request_received")
        else:
            # One statement, atomic by itself: one round trip instead of five (see fast_insert).
            _insert_created(sr, update, event, fast)
    except IntegrityError:
        if new.idempotency_key:
            existing = ServiceRequest.objects.filter(
                client_key=new.client_key, idempotency_key=new.idempotency_key
            ).first()
            if existing is not None:
                return existing, False
        raise
    return sr, True


def _insert_created(sr: ServiceRequest, update: RequestUpdate, event: Any, fast: bool) -> None:
    """Write a new request, its "created" timeline entry and its audit event, atomically
    (`fast`: in one statement, see fast_insert.available)."""
    if fast:
        fast_insert.insert_together(sr, (update, "request_id"), (event, None))
        update.request = sr
        return
    with transaction.atomic():
        sr.save(force_insert=True)
        update.request = sr
        update.save(force_insert=True)
        event.save(force_insert=True)


def _label(user: User) -> str:
    if user is None or not user.is_authenticated:
        return ""
    full = user.get_full_name() if hasattr(user, "get_full_name") else ""
    return full or user.get_username()


def change_status(
    sr: ServiceRequest,
    new_status: str,
    *,
    user: User,
    public_note: str = "",
    internal_note: str = "",
    request: HttpRequest | None = None,
) -> RequestUpdate:
    if new_status not in Status.values:
        raise InvalidRequest({"status": f"unknown status {new_status!r}"})
    if new_status == sr.status:
        raise InvalidRequest(
            {"status": f"the request is already {sr.get_status_display().lower()}"}
        )
    if new_status == Status.REOPENED and sr.is_open:
        raise InvalidRequest({"status": "only a closed request can be reopened"})
    if new_status == Status.DUPLICATE and sr.duplicate_of_id is None:
        raise InvalidRequest({"status": "use merge to mark a request as a duplicate of another"})
    if (
        new_status in {Status.RESOLVED, Status.REFERRED}
        and not public_note.strip()
        and sr.notifications_allowed
    ):
        raise InvalidRequest(
            {"public_note": "tell the resident what was done (a public note is required)"}
        )
    now = timezone.now()
    old = sr.status
    with transaction.atomic():
        sr.status = new_status
        if sr.first_response_at is None and old == Status.RECEIVED:
            sr.first_response_at = now
        if new_status == Status.RESOLVED:
            sr.resolved_at = now
        if new_status in CLOSED_STATUSES and sr.closed_at is None:
            sr.closed_at = now
        if new_status == Status.REOPENED:
            sr.resolved_at = None
            sr.closed_at = None
        sr.updated_by = user if isinstance(user, UserModel) else None
        sr.save()
        update = RequestUpdate.objects.create(
            request=sr,
            kind=RequestUpdate.STATUS,
            status_from=old,
            status_to=new_status,
            note=public_note.strip(),
            public=True,
            author=sr.updated_by,
            author_label=_label(user),
            created_at=now,
        )
        if internal_note.strip():
            RequestUpdate.objects.create(
                request=sr,
                kind=RequestUpdate.NOTE,
                note=internal_note.strip(),
                public=False,
                author=sr.updated_by,
                author_label=_label(user),
                created_at=now,
            )
        audit.record(
            audit.AuditEvent.CHANGE,
            "service_request",
            sr.reference,
            user=user,
            request=request,
            summary=f"status {old} -> {new_status}",
            changes={"status": [old, new_status]},
        )
        if public_note.strip():
            _notify(sr, "request_updated", {"note": public_note.strip(), "status": new_status})
        _announce_status(sr, old, new_status, user)
    return update


def _announce_status(sr: ServiceRequest, old: str, new: str, user: User) -> None:
    """Tell other apps (surveys, service recovery) that a contact closed or reopened."""
    if new == Status.REOPENED:
        events.request_reopened.send(
            sender=ServiceRequest, instance=sr, reference=sr.reference, user=user
        )
    elif new in CLOSED_STATUSES and old not in CLOSED_STATUSES and new != Status.DUPLICATE:
        events.contact_closed.send(
            sender=ServiceRequest,
            kind="request",
            instance=sr,
            reference=sr.reference,
            category=sr.category.code,
            sensitive=sr.category.sensitive,
            email=sr.email,
            phone=sr.phone,
            language=sr.language,
            contact_preference=sr.contact_preference,
            area=sr.area,
            unit=sr.unit,
            closed_at=sr.closed_at,
        )


def add_note(
    sr: ServiceRequest, note: str, *, public: bool, user: User, request: HttpRequest | None = None
) -> RequestUpdate:
    text = note.strip()
    if not text:
        raise InvalidRequest({"note": "write a note"})
    if len(text) > 4000:
        raise InvalidRequest({"note": "must be at most 4000 characters"})
    now = timezone.now()
    author = user if isinstance(user, UserModel) else None
    with transaction.atomic():
        update = RequestUpdate.objects.create(
            request=sr,
            kind=RequestUpdate.NOTE,
            note=text,
            public=public,
            author=author,
            author_label=_label(user),
            created_at=now,
        )
        fields = ["updated_at", "updated_by"]
        if public and sr.first_response_at is None:
            sr.first_response_at = now
            fields.append("first_response_at")
        sr.updated_by = author
        sr.save(update_fields=fields)
        audit.record(
            audit.AuditEvent.CHANGE,
            "service_request",
            sr.reference,
            user=user,
            request=request,
            summary=f"{'public' if public else 'internal'} note",
        )
        if public:
            _notify(sr, "request_updated", {"note": text})
    return update


def resident_reply(
    sr: ServiceRequest, text: str, *, request: HttpRequest | None = None
) -> RequestUpdate:
    """More information or a reply from the resident, sent from their tracking page."""
    body = text.strip()
    if not body:
        raise InvalidRequest({"message": "write your message"})
    if len(body) > 4000:
        raise InvalidRequest({"message": "must be at most 4000 characters"})
    with transaction.atomic():
        update = RequestUpdate.objects.create(
            request=sr, kind=RequestUpdate.REPLY, note=body, public=True, author_label="Resident"
        )
        sr.save(update_fields=["updated_at"])
        audit.record(
            audit.AuditEvent.CHANGE,
            "service_request",
            sr.reference,
            request=request,
            summary="resident added information",
            actor_label="resident",
        )
    return update


def assign(
    sr: ServiceRequest, assignee: Any, *, user: User, request: HttpRequest | None = None
) -> None:
    before = sr.assigned_to.get_username() if sr.assigned_to else None
    after = assignee.get_username() if assignee else None
    with transaction.atomic():
        sr.assigned_to = assignee
        sr.updated_by = user if isinstance(user, UserModel) else None
        sr.save(update_fields=["assigned_to", "updated_at", "updated_by"])
        RequestUpdate.objects.create(
            request=sr,
            kind=RequestUpdate.ASSIGN,
            note=f"assigned to {after or 'nobody'}",
            public=False,
            author=sr.updated_by,
            author_label=_label(user),
        )
        audit.record(
            audit.AuditEvent.CHANGE,
            "service_request",
            sr.reference,
            user=user,
            request=request,
            summary="assignment",
            changes={"assigned_to": [before, after]},
        )


def public_timeline(sr: ServiceRequest) -> list[RequestUpdate]:
    return list(sr.updates.filter(public=True).order_by("created_at", "id"))
