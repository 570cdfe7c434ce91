"""Service-desk JSON API for staff: requests (list, detail, status, notes, assignment), categories.

Rules live in services.py; this module only reads parameters and shapes answers. Problems come
back as 400 `{"detail": ..., "errors": {field: message}}` (see core/api_errors.py).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.contrib.auth import get_user_model
from django.http import HttpRequest
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from ninja import Query, Router, Schema
from ninja.errors import HttpError
from ninja.responses import Status as Reply

from bluebridge.core import audit, roles
from bluebridge.core.api_auth import STAFF_AUTH
from bluebridge.core.api_auth import roles as require
from bluebridge.core.api_errors import error_response
from bluebridge.core.models import AuditEvent, Unit
from bluebridge.servicedesk import clocks, queue, services, sla, staff_actions
from bluebridge.servicedesk.models import (
    CLOSED_STATUSES,
    RequestUpdate,
    ServiceCategory,
    ServiceRequest,
    Status,
)

router = Router(tags=["service desk"], auth=STAFF_AUTH)

DESK = (roles.AGENT, roles.SUPERVISOR, roles.ADMIN)
READERS = (*DESK, roles.OFFICER, roles.STANDARDS)
STAFF = tuple(sorted(roles.STAFF_ROLES))
MAX_LIMIT = 500


class RequestSummary(Schema):
    reference: str
    status: str
    category: str
    unit: str
    area: str | None
    address: str
    lat: float | None
    lon: float | None
    assigned_to: str | None
    created_at: datetime
    updated_at: datetime
    first_response_due: datetime | None
    resolution_due: datetime | None
    sla_first_response: str
    sla_resolution: str


class UpdateOut(Schema):
    kind: str
    status_from: str
    status_to: str
    note: str
    public: bool
    author: str
    created_at: datetime


class RequestDetail(RequestSummary):
    description: str
    attributes: dict[str, Any]
    channel: str
    first_name: str
    last_name: str
    email: str
    phone: str
    contact_preference: str
    language: str
    media_url: str
    has_photo: bool
    duplicate_of: str | None
    first_response_at: datetime | None
    resolved_at: datetime | None
    closed_at: datetime | None
    updates: list[UpdateOut]


def _summary_fields(sr: ServiceRequest, now: datetime) -> dict[str, Any]:
    clock = clocks.clock(sr, now)
    return {
        "reference": sr.reference,
        "status": sr.status,
        "category": sr.category.code,
        "unit": sr.unit.code,
        "area": sr.area.code if sr.area else None,
        "address": sr.address,
        "lat": sr.lat,
        "lon": sr.lon,
        "assigned_to": sr.assigned_to.get_username() if sr.assigned_to else None,
        "created_at": sr.created_at,
        "updated_at": sr.updated_at,
        "first_response_due": sr.first_response_due,
        "resolution_due": sr.resolution_due,
        "sla_first_response": clock.first_response,
        "sla_resolution": clock.resolution,
    }


def _detail(sr: ServiceRequest) -> RequestDetail:
    updates = [
        UpdateOut(
            kind=u.kind,
            status_from=u.status_from,
            status_to=u.status_to,
            note=u.note,
            public=u.public,
            author=u.author_label,
            created_at=u.created_at,
        )
        for u in RequestUpdate.objects.filter(request=sr).order_by("created_at", "id")
    ]
    return RequestDetail(
        **_summary_fields(sr, timezone.now()),
        description=sr.description,
        attributes=sr.attributes,
        channel=sr.channel,
        first_name=sr.first_name,
        last_name=sr.last_name,
        email=sr.email,
        phone=sr.phone,
        contact_preference=sr.contact_preference,
        language=sr.language,
        media_url=sr.media_url,
        has_photo=bool(sr.photo),
        duplicate_of=sr.duplicate_of.reference if sr.duplicate_of else None,
        first_response_at=sr.first_response_at,
        resolved_at=sr.resolved_at,
        closed_at=sr.closed_at,
        updates=updates,
    )


def _get(reference: str) -> ServiceRequest:
    sr = (
        ServiceRequest.objects.select_related(
            "category", "unit", "area", "assigned_to", "duplicate_of"
        )
        .filter(reference=reference.strip().upper())
        .first()
    )
    if sr is None:
        raise HttpError(404, f"no service request with reference {reference!r}")
    return sr


class RequestQuery(Schema):
    unit: str = ""
    status: str = ""
    category: str = ""
    sla: str = ""
    since: str = ""
    limit: int = 50
    offset: int = 0


class RequestPage(Schema):
    count: int
    limit: int
    offset: int
    items: list[RequestSummary]


@router.get(
    "/requests",
    response=RequestPage,
    summary="List service requests",
    description=(
        "Filters: unit "
        "(code), status (a status, `open` or `closed`), category (code), sla (`due_soon` or "
        "`overdue`), since (ISO 8601: created at or after). Pagination: limit (1-500), offset. "
        "Newest first."
    ),
)
@require(*READERS)
def list_requests(request: HttpRequest, query: Query[RequestQuery]) -> RequestPage:
    errors: dict[str, str] = {}
    now = timezone.now()
    qs = ServiceRequest.objects.select_related("category", "unit", "area", "assigned_to")
    if query.unit:
        if not Unit.objects.filter(code=query.unit).exists():
            errors["unit"] = f"unknown unit {query.unit!r}"
        qs = qs.filter(unit__code=query.unit)
    if query.status == "open":
        qs = qs.exclude(status__in=CLOSED_STATUSES)
    elif query.status == "closed":
        qs = qs.filter(status__in=CLOSED_STATUSES)
    elif query.status:
        if query.status not in Status.values:
            errors["status"] = f"unknown status {query.status!r}; use open, closed or one of " + (
                ", ".join(Status.values)
            )
        qs = qs.filter(status=query.status)
    if query.category:
        if not ServiceCategory.objects.filter(code=query.category).exists():
            errors["category"] = f"unknown category {query.category!r}"
        qs = qs.filter(category__code=query.category)
    if query.sla == sla.OVERDUE:
        qs = qs.filter(queue.overdue_q(now))
    elif query.sla == sla.DUE_SOON:
        qs = qs.filter(queue.due_soon_q(now))
    elif query.sla:
        errors["sla"] = "must be due_soon or overdue"
    if query.since:
        try:
            text = query.since.strip()
            since = parse_datetime(text.replace(" ", "+") if "T" in text else text)
        except ValueError:
            since = None
        if since is None:
            errors["since"] = "must be an ISO 8601 date and time, such as 2026-05-01T08:00:00-05:00"
        else:
            qs = qs.filter(created_at__gte=since if since.tzinfo else timezone.make_aware(since))
    if not 1 <= query.limit <= MAX_LIMIT:
        errors["limit"] = f"must be between 1 and {MAX_LIMIT}"
    if query.offset < 0:
        errors["offset"] = "must not be negative"
    if errors:
        raise error_response(400, errors)
    qs = qs.order_by("-created_at", "-id")
    page = qs[query.offset : query.offset + query.limit]
    return RequestPage(
        count=qs.count(),
        limit=query.limit,
        offset=query.offset,
        items=[RequestSummary(**_summary_fields(sr, now)) for sr in page],
    )


@router.get(
    "/requests/{reference}",
    response=RequestDetail,
    summary="One service request, in full (personal data: each view is audited)",
)
@require(*READERS)
def get_request(request: HttpRequest, reference: str) -> RequestDetail:
    sr = _get(reference)
    audit.record(AuditEvent.VIEW, "service_request", sr.reference, request=request, summary="API")
    return _detail(sr)


class StatusIn(Schema):
    status: str
    public_note: str = ""
    internal_note: str = ""


@router.post(
    "/requests/{reference}/status",
    response=RequestDetail,
    summary="Change a request's status",
    description=(
        "Resolving or referring needs a public_note "
        "(sent to the resident). 400 names the field when the change is refused."
    ),
)
@require(*DESK)
def change_status(request: HttpRequest, reference: str, payload: StatusIn) -> RequestDetail:
    sr = _get(reference)
    services.change_status(
        sr,
        payload.status.strip(),
        user=request.user,
        public_note=payload.public_note,
        internal_note=payload.internal_note,
        request=request,
    )
    return _detail(_get(reference))


class NoteIn(Schema):
    note: str
    public: bool = False


@router.post(
    "/requests/{reference}/notes",
    response={201: RequestDetail},
    summary="Add a note (internal, or public: shown to the resident)",
)
@require(*DESK)
def add_note(request: HttpRequest, reference: str, payload: NoteIn) -> Reply[RequestDetail]:
    sr = _get(reference)
    services.add_note(sr, payload.note, public=payload.public, user=request.user, request=request)
    return Reply(201, _detail(_get(reference)))


class AssignIn(Schema):
    username: str | None = None


@router.post(
    "/requests/{reference}/assign",
    response=RequestDetail,
    summary="Assign a request to a staff member (username), or to nobody (null)",
)
@require(*DESK)
def assign(request: HttpRequest, reference: str, payload: AssignIn) -> RequestDetail:
    sr = _get(reference)
    assignee = None
    name = (payload.username or "").strip()
    if name:
        assignee = get_user_model().objects.filter(username=name, is_active=True).first()
        if assignee is None:
            raise error_response(400, {"username": f"no active user named {name!r}"})
        if not roles.has_role(assignee, *staff_actions.ASSIGNABLE_ROLES):
            raise error_response(400, {"username": f"{name} cannot be given requests to work on"})
    services.assign(sr, assignee, user=request.user, request=request)
    return _detail(_get(reference))


class AttributeOut(Schema):
    code: str
    label: str
    datatype: str
    required: bool
    values: list[dict[str, Any]]


class CategoryOut(Schema):
    code: str
    name: str
    name_es: str
    group: str
    unit: str
    active: bool
    sensitive: bool
    first_response_hours: int
    resolution_hours: int
    clock: str
    attributes: list[AttributeOut]


@router.get(
    "/categories",
    response=list[CategoryOut],
    summary="The service catalogue (active and inactive categories)",
)
@require(*STAFF)
def categories(request: HttpRequest) -> list[CategoryOut]:
    found = ServiceCategory.objects.select_related("routing_unit").prefetch_related("attributes")
    return [
        CategoryOut(
            code=c.code,
            name=c.name,
            name_es=c.name_es,
            group=c.group,
            unit=c.routing_unit.code,
            active=c.active,
            sensitive=c.sensitive,
            first_response_hours=c.first_response_hours,
            resolution_hours=c.resolution_hours,
            clock=c.clock,
            attributes=[
                AttributeOut(
                    code=a.code,
                    label=a.label,
                    datatype=a.datatype,
                    required=a.required,
                    values=a.values,
                )
                for a in c.attributes.all()
            ],
        )
        for c in found
    ]
