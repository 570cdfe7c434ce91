"""Public pages of the service desk: report an issue, see the confirmation, follow a report."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db.models import Max, Min
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from bluebridge.core import audit, roles, safety
from bluebridge.core.access import allow
from bluebridge.core.clients import client_ip
from bluebridge.core.models import Area, AuditEvent, Notification
from bluebridge.core.ratelimit import Verdict, rate_limited
from bluebridge.servicedesk import forms, services, tracking_text
from bluebridge.servicedesk.models import CategoryAttribute, ServiceCategory, ServiceRequest
from bluebridge.servicedesk.validation import InvalidRequest

MAX_SCREEN_CHARS = 8000


def _language() -> str:
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


def _category(code: str) -> ServiceCategory | None:
    if not code:
        return None
    return ServiceCategory.objects.filter(code=code, active=True).first()


def _map_view() -> dict[str, float]:
    """Centre of the areas this department serves, for the map."""
    box = Area.objects.aggregate(
        s=Min("min_lat"), w=Min("min_lon"), n=Max("max_lat"), e=Max("max_lon")
    )
    if box["s"] is None:
        return {"lat": 39.83, "lon": -98.58, "zoom": 4}
    return {"lat": (box["s"] + box["n"]) / 2, "lon": (box["w"] + box["e"]) / 2, "zoom": 13}


def _client_key(request: HttpRequest) -> str:
    session_key = getattr(request, "session", None) and request.session.session_key
    return "web:" + (session_key or client_ip(request))


def _render_form(
    request: HttpRequest,
    data: forms.ReportData,
    *,
    errors: dict[str, str] | None = None,
    verdict: safety.Verdict | None = None,
    notice: str = "",
    status: int = 200,
) -> HttpResponse:
    language = _language()
    category = _category(data.service)
    attr_labels = (
        {a.code: a.localized_label(language) for a in category.attributes.all()} if category else {}
    )
    field_errors = forms.form_errors(errors or {}, attr_labels)
    context: dict[str, Any] = {
        "data": data,
        "groups": forms.category_groups(language),
        "category": category,
        "category_name": category.localized_name(language) if category else "",
        "questions": forms.questions(category, language, data.attributes, field_errors),
        "errors": field_errors,
        "verdict": verdict,
        "notice": notice,
        "map_view": _map_view(),
        "max_photo_mb": _max_photo_mb(),
    }
    return render(request, "servicedesk/public/report.html", context, status=status)


def _max_photo_mb() -> int:
    return int(settings.BLUEBRIDGE_MAX_PHOTO_BYTES // (1024 * 1024))


@rate_limited("web-report", respond=_too_many)
def _submit_report(request: HttpRequest) -> HttpResponse:
    data = forms.ReportData.from_post(request.POST)
    category = _category(data.service)
    has_questions = category is not None and category.attributes.exists()
    if category is not None and has_questions and data.shown_service != data.service:
        # The category changed without JavaScript: show its questions before filing anything.
        data.shown_service = data.service
        notice = _(
            "Please answer the questions for “%(category)s” below, then send your report again."
        ) % {"category": category.localized_name(_language())}
        return _render_form(request, data, notice=notice)
    verdict = safety.screen(data.screened_text(), _language())
    if verdict.kind and not data.not_emergency:
        return _render_form(request, data, verdict=verdict)
    photo = request.FILES.get("photo")
    new = data.to_new_request(language=_language(), client_key=_client_key(request), photo=photo)
    try:
        sr, _created = services.create_request(new, user=request.user, request=request)
    except InvalidRequest as exc:
        data.shown_service = data.service
        return _render_form(request, data, errors=exc.errors, status=400)
    return redirect("report-done", token=sr.tracking_token)


@allow(roles.PUBLIC)
@require_http_methods(["GET", "POST"])
def report(request: HttpRequest) -> HttpResponse:
    """The report form. Works without JavaScript; HTMX and the map only make it nicer."""
    if request.method == "POST":
        return _submit_report(request)
    code = request.GET.get("service", "")[:40]
    category = _category(code)
    data = forms.ReportData(
        service=category.code if category else "",
        shown_service=category.code if category else "",
        form_token=forms.new_form_token(),
    )
    return _render_form(request, data)


@allow(roles.PUBLIC)
@require_http_methods(["POST"])
def report_screen(request: HttpRequest) -> HttpResponse:
    """HTMX: the emergency alert for what the resident is typing (empty when nothing is found)."""
    text = request.POST.get("description", "")[:MAX_SCREEN_CHARS]
    verdict = safety.screen(text, _language())
    return render(request, "servicedesk/public/_emergency.html", {"verdict": verdict, "live": True})


@allow(roles.PUBLIC)
@require_http_methods(["GET"])
def report_fields(request: HttpRequest) -> HttpResponse:
    """HTMX: the questions of the chosen category."""
    category = _category(request.GET.get("service", "")[:40])
    return render(
        request,
        "servicedesk/public/_questions.html",
        {
            "category": category,
            "category_name": category.localized_name(_language()) if category else "",
            "questions": forms.questions(category, _language()),
            "data": forms.ReportData(service=category.code if category else ""),
            "errors": {},
        },
    )


def _request_for_token(token: str) -> ServiceRequest | None:
    return (
        ServiceRequest.objects.select_related("category", "unit")
        .filter(tracking_token=token[:40])
        .first()
    )


def _not_found(request: HttpRequest) -> HttpResponse:
    return render(request, "servicedesk/public/not_found.html", status=404)


def _answers(sr: ServiceRequest, language: str) -> list[tuple[str, str]]:
    """The resident's answers to the category's questions, as (question, answer) text."""
    result = []
    for attr in sr.category.attributes.all().order_by("order"):
        value = sr.attributes.get(attr.code)
        if value in (None, "", []):
            continue
        names = {
            str(v.get("key")): str(
                (v.get("name_es") if language == "es" else None) or v.get("name")
            )
            for v in attr.values
        }
        values = value if isinstance(value, list) else [value]
        if attr.datatype in (CategoryAttribute.SINGLE, CategoryAttribute.MULTI):
            text = ", ".join(names.get(str(v), str(v)) for v in values)
        else:
            text = ", ".join(str(v) for v in values)
        result.append((attr.localized_label(language), text))
    return result


@allow(roles.PUBLIC)
@require_http_methods(["GET"])
def report_done(request: HttpRequest, token: str) -> HttpResponse:
    sr = _request_for_token(token)
    if sr is None:
        return _not_found(request)
    note = (
        Notification.objects.filter(
            object_type="service_request", object_ref=sr.reference, template="request_received"
        )
        .order_by("created_at")
        .first()
    )
    context = {
        "sr": sr,
        "category_name": sr.category.localized_name(_language()),
        "unit_name": (sr.unit.name_es if _language() == "es" and sr.unit.name_es else sr.unit.name),
        "tracking_link": request.build_absolute_uri(reverse("track", args=[sr.tracking_token])),
        "expected": timezone.localtime(sr.resolution_due) if sr.resolution_due else None,
        "first_response": timezone.localtime(sr.first_response_due)
        if sr.first_response_due
        else None,
        "confirmation": note.channel if note else "",
    }
    return render(request, "servicedesk/public/done.html", context)


@rate_limited("web-track-lookup", respond=_too_many)
def _lookup(request: HttpRequest) -> HttpResponse:
    typed = request.POST.get("reference", "")[:60]
    reference = tracking_text.normalise_reference(typed)
    context: dict[str, Any] = {"typed": typed}
    if not typed.strip():
        context["error"] = forms.FieldError(
            "reference",
            "id_reference",
            str(forms.LABELS["reference"]),
            _("enter your reference number."),
        )
        return render(request, "servicedesk/public/track_lookup.html", context, status=400)
    if reference is None:
        context["error"] = forms.FieldError(
            "reference",
            "id_reference",
            str(forms.LABELS["reference"]),
            _("a reference number looks like BB-7K3M-Q9TZ: BB and 8 letters or digits."),
        )
        return render(request, "servicedesk/public/track_lookup.html", context, status=400)
    sr = (
        ServiceRequest.objects.select_related("category")
        .filter(reference=reference, category__sensitive=False)
        .first()
    )
    context["reference"] = reference
    if sr is None:
        context["not_found"] = True
        return render(request, "servicedesk/public/track_lookup.html", context, status=404)
    context["result"] = {
        "reference": sr.reference,
        "status": tracking_text.status_name(sr.status),
        "is_open": sr.is_open,
        "expected": timezone.localtime(sr.resolution_due) if sr.resolution_due else None,
    }
    return render(request, "servicedesk/public/track_lookup.html", context)


@allow(roles.PUBLIC)
@require_http_methods(["GET", "POST"])
def track_lookup(request: HttpRequest) -> HttpResponse:
    """Look up a report by its reference: status and expected date only, nothing personal."""
    if request.method == "POST":
        return _lookup(request)
    return render(request, "servicedesk/public/track_lookup.html", {"typed": ""})


def _timeline(sr: ServiceRequest) -> list[dict[str, Any]]:
    entries = []
    for update in services.public_timeline(sr):
        if update.kind == update.CREATED:
            title = _("Report received")
        elif update.kind == update.STATUS:
            title = _("Status changed to: %(status)s") % {
                "status": tracking_text.status_name(update.status_to)
            }
        elif update.kind == update.REPLY:
            title = _("You added information")
        else:
            title = _("Message from the department")
        entries.append(
            {"at": timezone.localtime(update.created_at), "title": title, "note": update.note}
        )
    return entries


@rate_limited("web-track-reply", respond=_too_many)
def _reply(request: HttpRequest, sr: ServiceRequest) -> HttpResponse:
    message = request.POST.get("message", "")[:5000]
    try:
        services.resident_reply(sr, message, request=request)
    except InvalidRequest as exc:
        errors = forms.form_errors(exc.errors)
        return _render_track(request, sr, message=message, errors=errors, status=400)
    response = redirect(reverse("track", args=[sr.tracking_token]) + "?sent=1#your-message")
    return response


def _render_track(
    request: HttpRequest,
    sr: ServiceRequest,
    *,
    message: str = "",
    errors: dict[str, forms.FieldError] | None = None,
    status: int = 200,
) -> HttpResponse:
    language = _language()
    context = {
        "sr": sr,
        "category_name": sr.category.localized_name(language),
        "status_name": tracking_text.status_name(sr.status),
        "timeline": _timeline(sr),
        "answers": _answers(sr, language),
        "expected": timezone.localtime(sr.resolution_due) if sr.resolution_due else None,
        "message": message,
        "errors": errors or {},
        "sent": request.GET.get("sent") == "1" and not errors,
    }
    return render(request, "servicedesk/public/track.html", context, status=status)


@allow(roles.PUBLIC)
@require_http_methods(["GET", "POST"])
def track(request: HttpRequest, token: str) -> HttpResponse:
    """The resident's private tracking page (the link is the key): timeline, details, reply."""
    sr = _request_for_token(token)
    if sr is None:
        return _not_found(request)
    if request.method == "POST":
        return _reply(request, sr)
    audit.record(
        AuditEvent.VIEW,
        "service_request",
        sr.reference,
        request=request,
        summary="resident opened the tracking page",
        actor_label="resident",
    )
    return _render_track(request, sr)
