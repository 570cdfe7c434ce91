"""Staff pages for complaints: the list, intake for walk-ins, a complaint and what staff do with
it, evidence files. Conduct complaints: professional standards only; every view is audited and
every refused attempt too."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.models import User
from django.db.models import Count
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from bluebridge.complaints import forms, intake, matching, uploads, visibility, workflow
from bluebridge.complaints.models import (
    Complaint,
    ComplaintType,
    Evidence,
    Finding,
    Kind,
    Status,
)
from bluebridge.complaints.views_public import language, render_complaint_form
from bluebridge.core import roles
from bluebridge.core.access import allow
from bluebridge.servicedesk.validation import InvalidRequest

LIST_ROLES = (*visibility.COMPLAINT_READERS, roles.ADMIN)


@allow(*LIST_ROLES)
@require_GET
def complaint_list(request: HttpRequest) -> HttpResponse:
    """Administrators see counts only (how many, of which kind and state), never content."""
    counts = list(
        Complaint.objects.values("kind", "status")
        .annotate(n=Count("id"))
        .order_by("kind", "status")
    )
    readable = roles.has_role(request.user, *visibility.COMPLAINT_READERS)
    rows = []
    if readable:
        qs = visibility.complaints_for(request.user)
        state = request.GET.get("status", "open")
        if state == "open":
            qs = qs.exclude(status=Status.CLOSED)
        elif state in Status.values:
            qs = qs.filter(status=state)
        kind = request.GET.get("kind", "")
        if kind in Kind.values:
            qs = qs.filter(kind=kind)
        rows = list(qs.order_by("acknowledge_due", "created_at")[:200])
    now = timezone.now()
    return render(
        request,
        "complaints/staff/list.html",
        {
            "rows": rows,
            "readable": readable,
            "now": now,
            "counts": counts if roles.has_role(request.user, roles.ADMIN, roles.STANDARDS) else [],
            "statuses": Status.choices,
            "status": request.GET.get("status", "open"),
        },
    )


@allow(*visibility.INTAKE)
@require_http_methods(["GET", "POST"])
def complaint_new(request: HttpRequest) -> HttpResponse:
    """A front-desk agent files for a walk-in or caller; the resident gets the reference and link."""
    if request.method == "GET":
        return render_complaint_form(
            request, forms.ComplaintData(form_token=forms.new_form_token()), staff=True
        )
    data = forms.ComplaintData.from_post(request.POST)
    new = data.to_new(
        language=request.POST.get("language", language())[:2] or "en",
        channel="staff",
        client_key=f"staff:{request.user.pk}",
        files=request.FILES.getlist("evidence"),
    )
    try:
        complaint, outcomes, _created = intake.create_complaint(
            new, user=request.user, request=request
        )
    except InvalidRequest as exc:
        return render_complaint_form(request, data, errors=exc.errors, status=400, staff=True)
    link = request.build_absolute_uri(reverse("complaint-track", args=[complaint.tracking_token]))
    return render(
        request,
        "complaints/staff/filed.html",
        {
            "complaint": complaint,
            "tracking_link": link,
            "refused": [o for o in outcomes if not o.accepted],
            "can_view": visibility.can_view(request.user, complaint),
        },
    )


def _get(request: HttpRequest, reference: str) -> Complaint:
    complaint = (
        Complaint.objects.select_related("type", "assigned_to", "classified_by")
        .filter(reference=reference.strip().upper()[:16])
        .first()
    )
    if complaint is None:
        raise Http404("no such complaint")
    if not visibility.can_view(request.user, complaint):
        raise visibility.denied(
            "complaint",
            complaint.reference,
            request,
            f"{complaint.kind} complaint not visible to this role",
        )
    return complaint


def _handlers(complaint: Complaint) -> list[User]:
    role = roles.STANDARDS if complaint.kind == Kind.CONDUCT else roles.SUPERVISOR
    names = [role, roles.STANDARDS]
    return list(
        User.objects.filter(is_active=True, groups__name__in=names).distinct().order_by("username")
    )


def _render_detail(
    request: HttpRequest,
    complaint: Complaint,
    *,
    form: str = "",
    errors: dict[str, str] | None = None,
    status: int = 200,
) -> HttpResponse:
    can_handle = visibility.can_handle(request.user, complaint)
    allegations = list(complaint.allegations.select_related("category", "officer"))
    context: dict[str, Any] = {
        "c": complaint,
        "can_handle": can_handle,
        "events": list(complaint.events.select_related("author")),
        "letters": list(complaint.letters.all()),
        "evidence": list(complaint.evidence.all()),
        "allegations": allegations,
        "types": ComplaintType.objects.filter(active=True),
        "conduct_types": ComplaintType.objects.filter(active=True, kind=Kind.CONDUCT),
        "suggestions": matching.suggest(complaint.officer_details) if can_handle else [],
        "next_states": sorted(workflow.TRANSITIONS.get(complaint.status, set())),
        "handlers": _handlers(complaint) if can_handle else [],
        "findings": Finding.choices,
        "form": form,
        "errors": errors or {},
        "posted": request.POST if errors else {},
        "now": timezone.now(),
        "recovery": complaint.recovery_cases.first(),
    }
    return render(request, "complaints/staff/detail.html", context, status=status)


@visibility.audit_denials("complaint", "complaint_ref")
@allow(*visibility.COMPLAINT_READERS)
@require_GET
def complaint_detail(request: HttpRequest, complaint_ref: str) -> HttpResponse:
    complaint = _get(request, complaint_ref)
    visibility.record_view(complaint, request)
    return _render_detail(request, complaint)


def _act(request: HttpRequest, complaint: Complaint, action: str) -> None:
    post, user = request.POST, request.user
    if action == "classify":
        workflow.classify(complaint, post.get("type", ""), user=user, request=request)
    elif action == "acknowledge":
        workflow.acknowledge(complaint, post.get("message", ""), user=user, request=request)
    elif action == "status":
        workflow.change_status(
            complaint, post.get("status", ""), user=user, note=post.get("note", ""), request=request
        )
    elif action == "note":
        workflow.add_note(complaint, post.get("note", ""), user=user, request=request)
    elif action == "assign":
        pk = post.get("assignee", "")
        assignee = next((u for u in _handlers(complaint) if str(u.pk) == pk), None)
        if pk and assignee is None:
            raise InvalidRequest({"assignee": "choose someone from the list"})
        workflow.assign(complaint, assignee, user=user, request=request)
    elif action == "allegation":
        workflow.add_allegation(
            complaint,
            post.get("category", ""),
            post.get("officer", ""),
            post.get("summary", ""),
            user=user,
            request=request,
        )
    elif action == "finding":
        allegation = complaint.allegations.filter(
            pk=post.get("allegation", "0") if post.get("allegation", "").isdigit() else 0
        ).first()
        if allegation is None:
            raise InvalidRequest({"allegation": "choose an allegation"})
        workflow.record_finding(
            allegation, post.get("finding", ""), post.get("reasons", ""), user=user, request=request
        )
    elif action == "update":
        workflow.send_update(complaint, post.get("message", ""), user=user, request=request)
    elif action == "close":
        workflow.close(complaint, post.get("message", ""), user=user, request=request)
    else:
        raise InvalidRequest({"action": "unknown action"})


@visibility.audit_denials("complaint", "complaint_ref")
@allow(*visibility.COMPLAINT_HANDLERS)
@require_POST
def complaint_act(request: HttpRequest, complaint_ref: str) -> HttpResponse:
    complaint = _get(request, complaint_ref)
    if not visibility.can_handle(request.user, complaint):
        raise visibility.denied(
            "complaint", complaint.reference, request, "may not handle this complaint"
        )
    action = request.POST.get("action", "")
    try:
        _act(request, complaint, action)
    except InvalidRequest as exc:
        return _render_detail(request, complaint, form=action, errors=exc.errors, status=400)
    messages.success(request, _("Saved."))
    if not visibility.can_view(request.user, complaint):  # reclassified out of this person's sight
        return redirect("staff-complaints")
    return redirect("staff-complaint", complaint_ref=complaint.reference)


@visibility.audit_denials("complaint", "complaint_ref")
@allow(*visibility.COMPLAINT_HANDLERS)
@require_GET
def evidence_file(request: HttpRequest, complaint_ref: str, evidence_id: int) -> HttpResponse:
    complaint = _get(request, complaint_ref)
    evidence = (
        Evidence.objects.filter(pk=evidence_id, complaint=complaint)
        .exclude(scan_status__in=[Evidence.REFUSED, Evidence.INFECTED])
        .first()
    )
    if evidence is None:
        raise Http404("no such file")
    try:
        handle = uploads.path_of(evidence).open("rb")
    except FileNotFoundError as exc:
        raise Http404("the file is missing") from exc
    visibility.record_view(complaint, request, f"evidence {evidence.pk}")
    response = FileResponse(
        handle, content_type=evidence.content_type or "application/octet-stream"
    )
    response["Cache-Control"] = "private, no-store"
    response["Content-Disposition"] = "attachment"
    response["X-Content-Type-Options"] = "nosniff"
    return response  # type: ignore[return-value]
