"""JSON API: complaints and commendations from anyone (the reply carries the reference and the
private tracking link); for staff, a complaint in full and its status changes, with the same
visibility rules as the web (a refused attempt is 403 and is audited); officer conduct signals
for professional standards."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from ninja import Router, Schema
from ninja.errors import HttpError
from ninja.responses import Status as Reply

from bluebridge.complaints import intake, letters, officer_signals, visibility, workflow
from bluebridge.complaints.models import Complaint, Status
from bluebridge.core import roles
from bluebridge.core.api_auth import STAFF_AUTH
from bluebridge.core.api_auth import roles as require
from bluebridge.core.ratelimit import default_client, hit
from bluebridge.servicedesk.validation import InvalidRequest

router = Router(tags=["Complaints, commendations and service recovery"], auth=STAFF_AUTH)


def _limit(request: HttpRequest, scope: str) -> None:
    client = default_client(request)
    count, seconds = client.limit
    if not hit(f"{scope}:{client.key}", count, seconds).allowed:
        raise HttpError(429, "too many requests: try again in a minute")


class ComplaintIn(Schema):
    description: str
    what_went_wrong: str = "unsure"
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
    channel: str = "api"
    idempotency_key: str = ""


class ComplaintReply(Schema):
    reference: str
    tracking_url: str
    status: str
    acknowledge_due: datetime | None
    decision_due: datetime | None


@router.post(
    "/complaints",
    auth=None,
    response={201: ComplaintReply, 200: ComplaintReply},
    summary="Make a complaint (anyone; the assistant hands off here with channel=assistant)",
    description=(
        "what_went_wrong: a complaint type code, `service`, `conduct` or `unsure`. The reply "
        "carries the reference and the private tracking link, never anything about officers. "
        "Evidence files are sent from the tracking page. A repeated idempotency_key returns the "
        "first complaint (200)."
    ),
)
@require(roles.PUBLIC)
def create_complaint(request: HttpRequest, payload: ComplaintIn) -> Reply[ComplaintReply]:
    _limit(request, "api-complaint")
    channel = payload.channel if payload.channel in ("api", "assistant") else "api"
    data = payload.dict(exclude={"channel", "idempotency_key"})
    user = request.user if request.user.is_authenticated else None
    complaint, _outcomes, created = intake.create_complaint(
        intake.NewComplaint(
            **data,
            channel=channel,
            client_key=f"api:{default_client(request).key}"[:80],
            idempotency_key=payload.idempotency_key,
        ),
        user=user,
        request=request,
    )
    reply = ComplaintReply(
        reference=complaint.reference,
        tracking_url=letters.tracking_url(complaint),
        status=complaint.status,
        acknowledge_due=complaint.acknowledge_due,
        decision_due=complaint.decision_due,
    )
    return Reply(201 if created else 200, reply)


class CommendationIn(Schema):
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
    channel: str = "api"


class CommendationReply(Schema):
    reference: str
    thanks_url: str


@router.post(
    "/commendations",
    auth=None,
    response={201: CommendationReply},
    summary="Send a commendation (anyone)",
)
@require(roles.PUBLIC)
def create_commendation(request: HttpRequest, payload: CommendationIn) -> Reply[CommendationReply]:
    _limit(request, "api-commendation")
    channel = payload.channel if payload.channel in ("api", "assistant") else "api"
    commendation = intake.create_commendation(
        intake.NewCommendation(**payload.dict(exclude={"channel"}), channel=channel),
        user=request.user if request.user.is_authenticated else None,
        request=request,
    )
    url = request.build_absolute_uri(
        reverse("commendation-thanks", args=[commendation.thanks_token])
    )
    return Reply(201, CommendationReply(reference=commendation.reference, thanks_url=url))


class SignalOut(Schema):
    officer_id: int
    badge: str
    name: str
    unit: str | None
    complaints: int
    allegations: int
    by_type: dict[str, int]
    by_finding: dict[str, int]


@router.get(
    "/complaints/officer-signals",
    response=list[SignalOut],
    summary="Per-officer conduct signals: allegation counts by type and finding (last `days`)",
)
@require(roles.STANDARDS)
def signals(request: HttpRequest, days: int = 365) -> list[dict[str, Any]]:
    from bluebridge.core import audit
    from bluebridge.core.models import AuditEvent

    rows = officer_signals.signals(days=max(1, min(days, 3650)))
    audit.record(AuditEvent.VIEW, "officer_signals", "all", request=request, summary="API")
    return rows


class EventOut(Schema):
    kind: str
    status_from: str
    status_to: str
    note: str
    public: bool
    created_at: datetime


class AllegationOut(Schema):
    id: int
    category: str
    officer_badge: str | None
    finding: str
    reasons: str


class LetterOut(Schema):
    kind: str
    subject: str
    body: str
    created_at: datetime


class ComplaintDetail(Schema):
    reference: str
    kind: str
    type: str | None
    type_confirmed: bool
    suggested_type: str
    status: str
    channel: str
    anonymous: bool
    first_name: str
    last_name: str
    email: str
    phone: str
    language: str
    description: str
    occurred_text: str
    location: str
    officer_details: str
    witnesses: str
    created_at: datetime
    acknowledge_due: datetime | None
    decision_due: datetime | None
    acknowledged_at: datetime | None
    closed_at: datetime | None
    assigned_to: str | None
    allegations: list[AllegationOut]
    letters: list[LetterOut]
    events: list[EventOut]


def _visible(request: HttpRequest, reference: str) -> Complaint:
    complaint = (
        Complaint.objects.select_related("type", "assigned_to")
        .filter(reference=reference.strip().upper()[:16])
        .first()
    )
    if complaint is None:
        raise HttpError(404, f"no complaint with reference {reference!r}")
    if not visibility.can_view(request.user, complaint):
        visibility.refuse(
            "complaint",
            complaint.reference,
            request=request,
            reason=f"{complaint.kind} complaint not visible to this role (API)",
        )
        raise HttpError(403, "your role does not give access to this complaint")
    return complaint


def _detail(c: Complaint) -> ComplaintDetail:
    return ComplaintDetail(
        reference=c.reference,
        kind=c.kind,
        type=c.type.code if c.type else None,
        type_confirmed=c.classified_at is not None,
        suggested_type=c.suggested_type,
        status=c.status,
        channel=c.channel,
        anonymous=c.anonymous,
        first_name=c.first_name,
        last_name=c.last_name,
        email=c.email,
        phone=c.phone,
        language=c.language,
        description=c.description,
        occurred_text=c.occurred_text,
        location=c.location,
        officer_details=c.officer_details,
        witnesses=c.witnesses,
        created_at=c.created_at,
        acknowledge_due=c.acknowledge_due,
        decision_due=c.decision_due,
        acknowledged_at=c.acknowledged_at,
        closed_at=c.closed_at,
        assigned_to=c.assigned_to.get_username() if c.assigned_to else None,
        allegations=[
            AllegationOut(
                id=a.pk,
                category=a.category.code,
                officer_badge=a.officer.badge if a.officer else None,
                finding=a.finding,
                reasons=a.reasons,
            )
            for a in c.allegations.select_related("category", "officer")
        ],
        letters=[
            LetterOut(kind=x.kind, subject=x.subject, body=x.body, created_at=x.created_at)
            for x in c.letters.all()
        ],
        events=[
            EventOut(
                kind=e.kind,
                status_from=e.status_from,
                status_to=e.status_to,
                note=e.note,
                public=e.public,
                created_at=e.created_at,
            )
            for e in c.events.all()
        ],
    )


@router.get(
    "/complaints/{complaint_ref}",
    response=ComplaintDetail,
    summary="One complaint in full (conduct: professional standards only; every view audited)",
)
@require(*visibility.COMPLAINT_READERS)
def get_complaint(request: HttpRequest, complaint_ref: str) -> ComplaintDetail:
    complaint = _visible(request, complaint_ref)
    visibility.record_view(complaint, request, "API")
    return _detail(complaint)


class StatusIn(Schema):
    status: str
    note: str = ""
    message: str = ""


@router.post(
    "/complaints/{complaint_ref}/status",
    response=ComplaintDetail,
    summary="Change a complaint's state",
    description=(
        "`acknowledged` sends the acknowledgement letter (message: an optional personal line); "
        "`closed` sends the outcome letter (message: the outcome and reasons); other states: "
        "assessed, investigation, recovery, finding, appealed (note: internal)."
    ),
)
@require(*visibility.COMPLAINT_HANDLERS)
def change_status(request: HttpRequest, complaint_ref: str, payload: StatusIn) -> ComplaintDetail:
    complaint = _visible(request, complaint_ref)
    if not visibility.can_handle(request.user, complaint):
        raise HttpError(403, "your role may not handle this complaint")
    new = payload.status.strip()
    if new == Status.ACKNOWLEDGED:
        workflow.acknowledge(complaint, payload.message, user=request.user, request=request)
    elif new == Status.CLOSED:
        workflow.close(complaint, payload.message, user=request.user, request=request)
    else:
        workflow.change_status(
            complaint, new, user=request.user, note=payload.note, request=request
        )
    return _detail(_visible(request, complaint_ref))


__all__ = ["InvalidRequest", "router"]
