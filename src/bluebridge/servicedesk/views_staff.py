"""Staff pages of the service desk: the queue, a request and what staff do with it, SLA performance.

Actions are POST + redirect; when a service refuses (InvalidRequest), the request page is shown
again with the message next to the form and everything the agent typed still in it.
"""

from __future__ import annotations

import mimetypes
from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from bluebridge.core import audit, roles
from bluebridge.core.access import allow
from bluebridge.core.models import AuditEvent, Unit
from bluebridge.servicedesk import duplicates, performance, services, staff_actions
from bluebridge.servicedesk import queue as work_queue
from bluebridge.servicedesk.models import CategoryAttribute, RequestUpdate, ServiceRequest, Status
from bluebridge.servicedesk.validation import InvalidRequest

DESK = (roles.AGENT, roles.SUPERVISOR, roles.ADMIN)
READERS = (*DESK, roles.OFFICER, roles.STANDARDS)


def _request_or_404(reference: str) -> ServiceRequest:
    return get_object_or_404(
        ServiceRequest.objects.select_related(
            "category", "area", "unit", "assigned_to", "duplicate_of"
        ),
        reference=reference.strip().upper(),
    )


@allow(*READERS)
@require_GET
def queue(request: HttpRequest) -> HttpResponse:
    now = timezone.now()
    filters = work_queue.parse_filters(request.GET, request.user)
    paginator = Paginator(work_queue.requests_for(filters, now), work_queue.PAGE_SIZE)
    page = paginator.get_page(filters.page)
    context = {
        "filters": filters,
        "page": page,
        "rows": work_queue.rows(list(page.object_list), now),
        "counts": work_queue.counts(filters, now),
        "units": Unit.objects.filter(active=True),
        "status_choices": work_queue.STATUS_CHOICES,
        "sla_choices": work_queue.SLA_CHOICES,
        "links": {
            "refresh": filters.querystring(page=page.number),
            "overdue": filters.querystring(sla="overdue", status="open"),
            "due_soon": filters.querystring(sla="due_soon", status="open"),
            "previous": filters.querystring(page=page.number - 1),
            "next": filters.querystring(page=page.number + 1),
        },
        "now": now,
    }
    if request.headers.get("HX-Request"):
        return render(request, "servicedesk/staff/_queue_results.html", context)
    return render(request, "servicedesk/staff/queue.html", context)


def _attributes(sr: ServiceRequest) -> list[tuple[str, str]]:
    """The request's answers as (question, answer) with list keys turned into their names."""
    questions = {a.code: a for a in sr.category.attributes.all()}
    shown = []
    for code, value in sr.attributes.items():
        attr = questions.get(code)
        if attr is None:
            shown.append((code, str(value)))
            continue
        names = {str(v.get("key")): v.get("name", v.get("key")) for v in attr.values}
        if attr.datatype in (CategoryAttribute.SINGLE, CategoryAttribute.MULTI):
            keys = value if isinstance(value, list) else [value]
            text = ", ".join(str(names.get(str(k), k)) for k in keys)
        else:
            text = str(value)
        shown.append((attr.label, text))
    return shown


def _timeline(sr: ServiceRequest) -> list[RequestUpdate]:
    """Every entry, internal ones included, with status names as staff read them."""
    labels = dict(Status.choices)
    updates = list(sr.updates.order_by("created_at", "id"))
    for update in updates:
        update.status_from_label = labels.get(update.status_from, update.status_from)  # type: ignore[attr-defined]
        update.status_to_label = labels.get(update.status_to, update.status_to)  # type: ignore[attr-defined]
    return updates


def _detail(
    request: HttpRequest,
    sr: ServiceRequest,
    *,
    form: str = "",
    errors: dict[str, str] | None = None,
    status: int = 200,
) -> HttpResponse:
    audit.record(AuditEvent.VIEW, "service_request", sr.reference, request=request)
    values = request.POST if request.method == "POST" else {}
    can_act = roles.has_role(request.user, *DESK)
    context: dict[str, Any] = {
        "sr": sr,
        "attributes": _attributes(sr),
        "timeline": _timeline(sr),
        "clocks": work_queue.clocks_for(sr),
        "can_act": can_act,
        "form": form,
        "errors": errors or {},
        "forms": {
            name: {
                "errors": (errors or {}) if name == form else {},
                "values": values if name == form else {},
            }
            for name in ("assign", "status", "note", "merge")
        },
        "duplicates": sr.duplicates.all(),
    }
    if can_act:
        context.update(
            {
                "status_choices": [
                    (v, label) for v, label in staff_actions.CHOOSABLE_STATUSES if v != sr.status
                ],
                "staff": staff_actions.assignable_staff(sr),
                "suggestions": duplicates.suggest_duplicates(sr) if sr.is_open else [],
            }
        )
    return render(request, "servicedesk/staff/request_detail.html", context, status=status)


@allow(*READERS)
@require_GET
def request_detail(request: HttpRequest, reference: str) -> HttpResponse:
    return _detail(request, _request_or_404(reference))


def _refused(
    request: HttpRequest, sr: ServiceRequest, form: str, exc: InvalidRequest
) -> HttpResponse:
    sr.refresh_from_db()
    return _detail(request, sr, form=form, errors=exc.errors, status=400)


def _back(sr: ServiceRequest, anchor: str = "") -> HttpResponse:
    response = redirect("staff-request", sr.reference)
    if anchor:
        response["Location"] += f"#{anchor}"
    return response


@allow(*DESK)
@require_POST
def request_status(request: HttpRequest, reference: str) -> HttpResponse:
    sr = _request_or_404(reference)
    new_status = request.POST.get("status", "").strip()
    try:
        if not new_status:
            raise InvalidRequest({"status": "choose the new status"})
        if new_status not in dict(staff_actions.CHOOSABLE_STATUSES):
            raise InvalidRequest({"status": f"unknown status {new_status!r}"})
        services.change_status(
            sr,
            new_status,
            user=request.user,
            public_note=request.POST.get("public_note", ""),
            internal_note=request.POST.get("internal_note", ""),
            request=request,
        )
    except InvalidRequest as exc:
        return _refused(request, sr, "status", exc)
    messages.success(request, f"Status changed to {sr.get_status_display().lower()}.")
    return _back(sr)


@allow(*DESK)
@require_POST
def request_note(request: HttpRequest, reference: str) -> HttpResponse:
    sr = _request_or_404(reference)
    visibility = request.POST.get("visibility", "")
    try:
        if visibility not in {"public", "internal"}:
            raise InvalidRequest({"visibility": "choose who can see the note: public or internal"})
        services.add_note(
            sr,
            request.POST.get("note", ""),
            public=visibility == "public",
            user=request.user,
            request=request,
        )
    except InvalidRequest as exc:
        return _refused(request, sr, "note", exc)
    messages.success(
        request, "Public note added." if visibility == "public" else "Internal note added."
    )
    return _back(sr)


@allow(*DESK)
@require_POST
def request_assign(request: HttpRequest, reference: str) -> HttpResponse:
    sr = _request_or_404(reference)
    value = "me" if "to_me" in request.POST else request.POST.get("assignee", "")
    try:
        assignee = staff_actions.assign(sr, value, user=request.user, request=request)
    except InvalidRequest as exc:
        return _refused(request, sr, "assign", exc)
    who = (assignee.get_full_name() or assignee.get_username()) if assignee else "nobody"
    messages.success(request, f"Assigned to {who}.")
    return _back(sr)


@allow(*DESK)
@require_POST
def request_merge(request: HttpRequest, reference: str) -> HttpResponse:
    sr = _request_or_404(reference)
    try:
        into = staff_actions.merge_into(
            sr, request.POST.get("into", ""), user=request.user, request=request
        )
    except InvalidRequest as exc:
        return _refused(request, sr, "merge", exc)
    messages.success(request, f"{sr.reference} was merged into {into.reference}.")
    return _back(into)


@allow(*READERS)
@require_GET
def request_photo(request: HttpRequest, reference: str) -> HttpResponse:
    sr = _request_or_404(reference)
    if not sr.photo:
        raise Http404("this request has no photo")
    try:
        handle = sr.photo.open("rb")
    except FileNotFoundError as exc:
        raise Http404("the photo file is missing") from exc
    audit.record(AuditEvent.VIEW, "service_request", sr.reference, request=request, summary="photo")
    content_type = mimetypes.guess_type(sr.photo.name or "")[0] or "application/octet-stream"
    response = FileResponse(handle, content_type=content_type)
    response["Cache-Control"] = "private, no-store"
    response["Content-Disposition"] = "inline"
    return response  # type: ignore[return-value]  # a streaming response, which @allow passes on


@allow(roles.SUPERVISOR, roles.ANALYST, roles.ADMIN)
@require_GET
def sla_performance(request: HttpRequest) -> HttpResponse:
    days, error = performance.parse_days(request.GET.get("days"))
    report = performance.by_unit(days)
    return render(
        request,
        "servicedesk/staff/sla.html",
        {"report": report, "days": days, "error": error, "periods": performance.PERIODS},
        status=400 if error else 200,
    )
