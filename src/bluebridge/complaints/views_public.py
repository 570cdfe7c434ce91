"""Public pages: compliment or complain, the complaint form and tracking page, commendations,
and the person's own service-recovery page (with its one-question check)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.views.decorators.http import require_http_methods

from bluebridge.complaints import config, forms, intake, recovery, workflow
from bluebridge.complaints.models import Commendation, Complaint, Status
from bluebridge.complaints.recovery_models import RecoveryCase
from bluebridge.core import audit, roles
from bluebridge.core.access import allow
from bluebridge.core.clients import client_ip
from bluebridge.core.models import AuditEvent
from bluebridge.core.ratelimit import Verdict, rate_limited
from bluebridge.servicedesk.validation import InvalidRequest

STATUS_NAMES: dict[str, Any] = {
    Status.RECEIVED: translation.gettext_lazy("Received"),
    Status.ACKNOWLEDGED: translation.gettext_lazy("Acknowledged"),
    Status.ASSESSED: translation.gettext_lazy("Assessed"),
    Status.INVESTIGATION: translation.gettext_lazy("Under investigation"),
    Status.RECOVERY: translation.gettext_lazy("Being put right"),
    Status.FINDING: translation.gettext_lazy("Decision made"),
    Status.CLOSED: translation.gettext_lazy("Closed"),
    Status.APPEALED: translation.gettext_lazy("Under review (appeal)"),
}


def language() -> str:
    return "es" if (translation.get_language() or "en").startswith("es") else "en"


def _too_many(request: HttpRequest, verdict: Verdict) -> HttpResponse:
    response = render(
        request,
        "servicedesk/public/too_many.html",
        {"retry_after": verdict.retry_after},
        status=429,
    )
    response["Retry-After"] = str(verdict.retry_after)
    return response


def _common() -> dict[str, Any]:
    return {
        "quick_exit_url": config.quick_exit_url(),
        "max_file_mb": config.max_file_bytes() // (1024 * 1024),
        "max_files": config.max_files(),
    }


def render_complaint_form(
    request: HttpRequest,
    data: forms.ComplaintData,
    *,
    errors: dict[str, str] | None = None,
    status: int = 200,
    staff: bool = False,
) -> HttpResponse:
    context = {
        **_common(),
        "data": data,
        "types": forms.type_choices(language()),
        "errors": forms.form_errors(errors or {}),
        "staff": staff,
        "action": reverse("staff-complaint-new" if staff else "complaint-new"),
    }
    return render(request, "complaints/public/complaint_form.html", context, status=status)


@allow(roles.PUBLIC)
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "complaints/public/home.html", _common())


@rate_limited("web-complaint", respond=_too_many)
def _file(request: HttpRequest) -> HttpResponse:
    data = forms.ComplaintData.from_post(request.POST)
    session_key = request.session.session_key if hasattr(request, "session") else None
    new = data.to_new(
        language=language(),
        channel="web",
        client_key="web:" + (session_key or client_ip(request) or ""),
        files=request.FILES.getlist("evidence"),
    )
    try:
        complaint, _outcomes, _created = intake.create_complaint(
            new, user=request.user, request=request
        )
    except InvalidRequest as exc:
        return render_complaint_form(request, data, errors=exc.errors, status=400)
    return redirect(reverse("complaint-track", args=[complaint.tracking_token]) + "?filed=1")


@allow(roles.PUBLIC)
@require_http_methods(["GET", "POST"])
def complaint_new(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        return _file(request)
    return render_complaint_form(request, forms.ComplaintData(form_token=forms.new_form_token()))


def public_timeline(complaint: Complaint) -> list[dict[str, Any]]:
    entries = []
    for event in complaint.events.filter(public=True):
        if event.kind == event.CREATED:
            title = translation.gettext("Complaint received")
        elif event.kind == event.STATUS:
            title = translation.gettext("Status: %(status)s") % {
                "status": STATUS_NAMES.get(event.status_to, event.status_to)
            }
        elif event.kind == event.REPLY:
            title = translation.gettext("You wrote to us")
        elif event.kind == event.EVIDENCE:
            title = translation.gettext("You sent files")
        else:
            title = translation.gettext("We wrote to you")
        note = event.note if event.kind == event.REPLY else ""
        entries.append({"at": timezone.localtime(event.created_at), "title": title, "note": note})
    return entries


def _complaint(token: str) -> Complaint | None:
    return Complaint.objects.select_related("type").filter(tracking_token=token[:40]).first()


def _render_track(
    request: HttpRequest,
    complaint: Complaint,
    *,
    errors: dict[str, str] | None = None,
    message: str = "",
    status: int = 200,
    refused: list[Any] | None = None,
) -> HttpResponse:
    evidence = list(complaint.evidence.all())
    context = {
        **_common(),
        "complaint": complaint,
        "type_name": complaint.type.localized_name(language()) if complaint.type else "",
        "status_name": STATUS_NAMES.get(complaint.status, complaint.status),
        "timeline": public_timeline(complaint),
        "letters": list(complaint.letters.all()),
        "kept_files": [e for e in evidence if e.accepted],
        "refused_files": [
            {"name": e.original_name, "reason": forms.message_for(e.refused_reason)}
            for e in evidence
            if not e.accepted
        ],
        "filed": request.GET.get("filed") == "1",
        "sent": request.GET.get("sent"),
        "errors": forms.form_errors(errors or {}),
        "message": message,
        "tracking_link": request.build_absolute_uri(
            reverse("complaint-track", args=[complaint.tracking_token])
        ),
        "recovery": complaint.recovery_cases.exclude(summary__startswith="Withdrawn").first(),
    }
    return render(request, "complaints/public/track.html", context, status=status)


@rate_limited("web-complaint-track", respond=_too_many)
def _track_post(request: HttpRequest, complaint: Complaint) -> HttpResponse:
    what = request.POST.get("action", "message")
    url = reverse("complaint-track", args=[complaint.tracking_token])
    if what == "evidence":
        files = request.FILES.getlist("evidence")
        if not files:
            return _render_track(
                request, complaint, errors={"evidence": "choose at least one file"}, status=400
            )
        outcomes = intake.add_evidence(complaint, files, request=request)
        refused = [o for o in outcomes if not o.accepted]
        if refused:
            errors = {"evidence": refused[0].reason}
            return _render_track(request, complaint, errors=errors, status=400)
        return redirect(url + "?sent=files#evidence")
    message = request.POST.get("message", "")[:5000]
    try:
        workflow.complainant_reply(complaint, message, request=request)
    except InvalidRequest as exc:
        return _render_track(request, complaint, errors=exc.errors, message=message, status=400)
    return redirect(url + "?sent=message#your-message")


@allow(roles.PUBLIC)
@require_http_methods(["GET", "POST"])
def complaint_track(request: HttpRequest, complaint_token: str) -> HttpResponse:
    """The complainant's private page (the link is the key): status, letters, reply, files."""
    complaint = _complaint(complaint_token)
    if complaint is None:
        return render(request, "complaints/public/not_found.html", _common(), status=404)
    if request.method == "POST":
        return _track_post(request, complaint)
    audit.record(
        AuditEvent.VIEW,
        "complaint",
        complaint.reference,
        request=request,
        summary="complainant opened the tracking page",
        actor_label="complainant",
    )
    return _render_track(request, complaint)


@rate_limited("web-commendation", respond=_too_many)
def _commend(request: HttpRequest) -> HttpResponse:
    data = forms.CommendationData.from_post(request.POST)
    try:
        commendation = intake.create_commendation(
            data.to_new(language=language()), user=request.user, request=request
        )
    except InvalidRequest as exc:
        return render(
            request,
            "complaints/public/commendation_form.html",
            {**_common(), "data": data, "errors": forms.form_errors(exc.errors)},
            status=400,
        )
    return redirect("commendation-thanks", commendation_token=commendation.thanks_token)


@allow(roles.PUBLIC)
@require_http_methods(["GET", "POST"])
def commendation_new(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        return _commend(request)
    return render(
        request,
        "complaints/public/commendation_form.html",
        {**_common(), "data": forms.CommendationData(), "errors": {}},
    )


@allow(roles.PUBLIC)
@require_http_methods(["GET"])
def commendation_thanks(request: HttpRequest, commendation_token: str) -> HttpResponse:
    commendation = Commendation.objects.filter(thanks_token=commendation_token[:40]).first()
    if commendation is None:
        return render(request, "complaints/public/not_found.html", _common(), status=404)
    return render(
        request,
        "complaints/public/commendation_thanks.html",
        {**_common(), "commendation": commendation},
    )


def _render_case(
    request: HttpRequest,
    case: RecoveryCase,
    *,
    errors: dict[str, str] | None = None,
    status: int = 200,
) -> HttpResponse:
    context = {
        **_common(),
        "case": case,
        "notes": list(case.notes.filter(public=True)),
        "errors": forms.form_errors(errors or {}),
        "answered": request.GET.get("answered") == "1",
        "scores": [
            (5, translation.gettext("5 – completely")),
            (4, "4"),
            (3, "3"),
            (2, "2"),
            (1, translation.gettext("1 – not at all")),
        ],
        "chosen": request.POST.get("score", ""),
        "comment": request.POST.get("comment", ""),
    }
    return render(request, "complaints/public/recovery.html", context, status=status)


@allow(roles.PUBLIC)
@require_http_methods(["GET", "POST"])
def recovery_case(request: HttpRequest, recovery_token: str) -> HttpResponse:
    """What we are doing to put things right, and (once fixed) "Did we put things right?"."""
    case = RecoveryCase.objects.filter(token=recovery_token[:40]).first()
    if case is None:
        return render(request, "complaints/public/not_found.html", _common(), status=404)
    if request.method == "POST":
        try:
            recovery.verify(
                case,
                request.POST.get("score"),
                request.POST.get("comment", "")[:3000],
                request=request,
            )
        except InvalidRequest as exc:
            return _render_case(request, case, errors=exc.errors, status=400)
        return redirect(reverse("recovery-case", args=[case.token]) + "?answered=1")
    return _render_case(request, case)
