"""Staff pages: commendations, service-recovery cases, analytics, officer conduct signals."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.models import User
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from bluebridge.complaints import analytics, matching, officer_signals, recovery, visibility
from bluebridge.complaints.recovery_models import RecoveryCase
from bluebridge.core import audit, roles
from bluebridge.core.access import allow
from bluebridge.core.models import AuditEvent, Officer
from bluebridge.servicedesk.validation import InvalidRequest


def _render_commendations(request: HttpRequest, error: str = "") -> HttpResponse:
    rows = list(visibility.commendations_for(request.user).order_by("-created_at")[:200])
    is_supervisor = roles.has_role(request.user, roles.SUPERVISOR)
    for c in rows:
        suggestions = (
            matching.suggest(c.officer_details) if is_supervisor and c.officer_id is None else []
        )
        c.suggestions = suggestions  # type: ignore[attr-defined]
        if c.officer and c.officer.user_id == request.user.pk:
            audit.record(
                AuditEvent.VIEW, "commendation", c.reference, request=request, summary="own"
            )
    return render(
        request,
        "complaints/staff/commendations.html",
        {"rows": rows, "error": error, "is_supervisor": is_supervisor},
        status=400 if error else 200,
    )


@allow(*visibility.COMMENDATION_READERS)
@require_GET
def commendations(request: HttpRequest) -> HttpResponse:
    """Supervisors see their unit's commendations (and unmatched ones); officers their own."""
    return _render_commendations(request)


@allow(roles.SUPERVISOR)
@require_POST
def commendation_match(request: HttpRequest) -> HttpResponse:
    """A supervisor passes an unmatched commendation to the officer it is about."""
    item = (
        visibility.commendations_for(request.user)
        .filter(reference=request.POST.get("reference", "")[:16])
        .first()
    )
    officer_id = request.POST.get("officer", "")
    officer = Officer.objects.filter(pk=officer_id).first() if officer_id.isdigit() else None
    if item is None or officer is None:
        return _render_commendations(request, _("Choose a commendation and an officer."))
    item.officer, item.delivered_at = officer, timezone.now()
    item.matched_by = request.user if isinstance(request.user, User) else None
    item.save(update_fields=["officer", "matched_by", "delivered_at", "updated_at"])
    audit.record(
        AuditEvent.CHANGE,
        "commendation",
        item.reference,
        request=request,
        summary=f"matched to officer {officer.badge}",
    )
    messages.success(request, _("Commendation passed to the officer."))
    return redirect("staff-commendations")


@allow(*visibility.RECOVERY)
@require_GET
def recovery_list(request: HttpRequest) -> HttpResponse:
    state = request.GET.get("status", "open")
    qs = RecoveryCase.objects.select_related("unit").order_by("acknowledge_due")
    if state == "open":
        qs = qs.exclude(status=RecoveryCase.CLOSED)
    elif state in dict(RecoveryCase.STATUSES):
        qs = qs.filter(status=state)
    return render(
        request,
        "complaints/staff/recovery_list.html",
        {"rows": list(qs[:200]), "status": state, "now": timezone.now()},
    )


def _case(reference: str) -> RecoveryCase:
    case = (
        RecoveryCase.objects.select_related("unit", "complaint")
        .filter(reference=reference.strip().upper()[:16])
        .first()
    )
    if case is None:
        raise Http404("no such case")
    return case


@allow(*visibility.RECOVERY)
@require_http_methods(["GET", "POST"])
def recovery_detail(request: HttpRequest, recovery_ref: str) -> HttpResponse:
    case = _case(recovery_ref)
    errors: dict[str, str] = {}
    if request.method == "POST":
        try:
            if request.POST.get("action") == "close":
                recovery.close(
                    case, request.POST.get("note", ""), user=request.user, request=request
                )
            else:
                recovery.do_step(
                    case,
                    request.POST.get("step", ""),
                    request.POST.get("message", ""),
                    user=request.user,
                    request=request,
                )
        except InvalidRequest as exc:
            errors = exc.errors
        else:
            messages.success(request, _("Saved."))
            return redirect("staff-recovery-case", recovery_ref=case.reference)
    audit.record(AuditEvent.VIEW, "recovery_case", case.reference, request=request)
    earlier = (
        RecoveryCase.objects.filter(person_key=case.person_key).exclude(pk=case.pk)
        if case.person_key
        else []
    )
    return render(
        request,
        "complaints/staff/recovery_detail.html",
        {
            "case": case,
            "notes": list(case.notes.all()),
            "errors": errors,
            "posted": request.POST,
            "next_step": case.next_step(),
            "earlier": list(earlier)[:10],
            "complaint_visible": case.complaint is not None
            and visibility.can_view(request.user, case.complaint),
        },
        status=400 if errors else 200,
    )


@allow(*visibility.ANALYTICS)
@require_GET
def analytics_page(request: HttpRequest) -> HttpResponse:
    try:
        days = max(7, min(3650, int(request.GET.get("days", "365"))))
    except ValueError:
        days = 365
    return render(
        request, "complaints/staff/analytics.html", {"r": analytics.report(days), "days": days}
    )


@allow(roles.STANDARDS)
@require_GET
def signals_page(request: HttpRequest) -> HttpResponse:
    rows = officer_signals.signals()
    audit.record(
        AuditEvent.VIEW, "officer_signals", "all", request=request, summary=f"{len(rows)} officers"
    )
    return render(request, "complaints/staff/signals.html", {"rows": rows})
