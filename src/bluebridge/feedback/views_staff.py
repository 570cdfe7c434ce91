"""Staff pages: the listening dashboard, the CSV export of aggregates, the survey builder."""

from __future__ import annotations

from typing import Any

import segno
from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from bluebridge.core import audit
from bluebridge.core.access import allow
from bluebridge.core.models import Area, AuditEvent
from bluebridge.core.roles import ADMIN, ANALYST, SUPERVISOR
from bluebridge.feedback.models import Kind, QuestionType, Survey
from bluebridge.feedback.services import dashboard, exports, surveys, trust
from bluebridge.feedback.services.periods import PeriodError, parse

DASHBOARD_ROLES = (ANALYST, SUPERVISOR, ADMIN)
BUILDER_ROLES = (SUPERVISOR, ADMIN)
BLANK_ROWS = 2


def _options(request: HttpRequest) -> tuple[str, str, str, str]:
    """(period, kind, small-area rule, error) from the query string, with defaults."""
    period = request.GET.get("period", "").strip() or dashboard.default_period()
    kind = request.GET.get("kind", Area.BEAT)
    small = request.GET.get("small_areas", "pool")
    error = ""
    try:
        parse(period)
    except PeriodError as exc:
        error, period = str(exc), dashboard.default_period()
    if kind not in (Area.BEAT, Area.DISTRICT):
        kind = Area.BEAT
    if small not in trust.SMALL_AREA_RULES:
        small = "pool"
    return period, kind, small, error


@allow(*DASHBOARD_ROLES)
def dashboard_page(request: HttpRequest) -> HttpResponse:
    period, kind, small, error = _options(request)
    # The trend is for the whole city or one area of the chosen kind; an unknown code shows
    # the city rather than an empty table.
    areas = list(Area.objects.filter(kind=kind).order_by("code").values_list("code", "name"))
    trend_area = request.GET.get("trend_area", "city")
    if trend_area not in {code for code, _name in areas}:
        trend_area = "city"
    # Months for the city; an area defaults to quarters (a month rarely has 50 effective answers).
    trend_step = request.GET.get("trend_step") or ("month" if trend_area == "city" else "quarter")
    if trend_step not in trust.TREND_STEPS:
        trend_step = "month"
    board = dashboard.build(
        period, kind=kind, small_areas=small, trend_area=trend_area, trend_step=trend_step
    )
    context: dict[str, Any] = {
        "board": board,
        "period": period,
        "kind": kind,
        "small_areas": small,
        "trend_area": trend_area,
        "trend_step": trend_step,
        "trend_area_name": dict(areas).get(trend_area, ""),
        "areas": areas,
        "rules": trust.SMALL_AREA_RULES,
        "error": error,
        "min_n": 50,
    }
    status = 400 if error else 200
    return render(request, "feedback/staff/dashboard.html", context, status=status)


@allow(*DASHBOARD_ROLES)
def export_csv(request: HttpRequest) -> HttpResponse:
    period, kind, small, error = _options(request)
    what = request.GET.get("what", "trust")
    if error or what not in exports.EXPORTS:
        message = error or f"what must be one of {', '.join(exports.EXPORTS)}"
        return HttpResponse(message, status=400, content_type="text/plain; charset=utf-8")
    body = (
        exports.trust_csv(period, kind, small) if what == "trust" else exports.service_csv(period)
    )
    audit.record(
        AuditEvent.EXPORT,
        "feedback_aggregates",
        f"{what}:{period}",
        request=request,
        summary=f"CSV of {what} aggregates for {period}",
    )
    response = HttpResponse(body, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="feedback-{what}-{period}.csv"'
    return response


@allow(*BUILDER_ROLES)
def community_qr(request: HttpRequest) -> HttpResponse:
    """An SVG QR code of the community survey's public link, for flyers (?src= tags the flyer)."""
    source = "".join(
        ch for ch in request.GET.get("src", "flyer")[:40] if ch.isalnum() or ch in "-_"
    )
    url = f"{settings.BLUEBRIDGE_PUBLIC_URL}{reverse('community-survey')}?src={source or 'flyer'}"
    svg = segno.make(url, error="m").svg_inline(scale=8, title=_("Community survey: %s") % url)
    return HttpResponse(svg, content_type="image/svg+xml")


# --- Survey builder --------------------------------------------------------------------------


@allow(*BUILDER_ROLES)
def survey_list(request: HttpRequest) -> HttpResponse:
    errors: dict[str, str] = {}
    values = {"slug": "", "title": "", "kind": Kind.POST_CONTACT}
    if request.method == "POST":
        values = {k: request.POST.get(k, "").strip() for k in ("slug", "title", "kind")}
        try:
            survey = surveys.create_survey(
                values["slug"],
                values["kind"],
                values["title"],
                request.user,  # type: ignore[arg-type]
            )
        except surveys.SurveyError as exc:
            errors = exc.errors
        else:
            audit.record(
                AuditEvent.CREATE, "survey", survey.slug, request=request, summary=survey.title
            )
            return redirect("feedback-survey-edit", survey=survey.slug)
    context = {
        "surveys": Survey.objects.prefetch_related("versions").all(),
        "kinds": Kind.choices,
        "errors": errors,
        "values": values,
    }
    return render(request, "feedback/staff/surveys.html", context, status=400 if errors else 200)


def _rows_from_post(request: HttpRequest) -> list[dict[str, Any]]:
    rows = []
    count = int(request.POST.get("rows", "0") or 0)
    for k in range(1, min(count, surveys.MAX_QUESTIONS + BLANK_ROWS) + 1):
        code = request.POST.get(f"q{k}-code", "").strip()
        if not code and not request.POST.get(f"q{k}-text", "").strip():
            continue  # an empty row
        if request.POST.get(f"q{k}-delete"):
            continue
        rows.append(
            {
                "code": code,
                "type": request.POST.get(f"q{k}-type", ""),
                "text": request.POST.get(f"q{k}-text", ""),
                "text_es": request.POST.get(f"q{k}-text_es", ""),
                "required": bool(request.POST.get(f"q{k}-required")),
                "choices": surveys.parse_choices(request.POST.get(f"q{k}-choices", "")),
                "choices_text": request.POST.get(f"q{k}-choices", ""),
            }
        )
    return rows


def _choices_text(q: dict[str, Any]) -> str:
    return "\n".join(
        " | ".join(p for p in (c["value"], c.get("label", ""), c.get("label_es", "")))
        for c in q.get("choices", [])
    )


@allow(*BUILDER_ROLES)
def survey_edit(request: HttpRequest, survey: str) -> HttpResponse:
    found = get_object_or_404(Survey, slug=survey)
    errors: dict[str, str] = {}
    if request.method == "POST":
        rows = _rows_from_post(request)
        try:
            with_meta = surveys.update_survey(
                found,
                title=request.POST.get("title", ""),
                title_es=request.POST.get("title_es", ""),
                intro=request.POST.get("intro", ""),
                intro_es=request.POST.get("intro_es", ""),
                active=bool(request.POST.get("active")),
                questions=rows,
                user=request.user,  # type: ignore[arg-type]
            )
        except surveys.SurveyError as exc:
            errors = exc.errors
        else:
            audit.record(
                AuditEvent.CHANGE,
                "survey",
                found.slug,
                request=request,
                summary=f"version {with_meta.number}",
            )
            messages.success(request, _("Saved: version %(n)s is live.") % {"n": with_meta.number})
            return redirect("feedback-survey-edit", survey=found.slug)
        questions = rows
    else:
        current = found.current
        questions = [
            dict(q, choices_text=_choices_text(q)) for q in (current.questions if current else [])
        ]
    questions = questions + [{"code": "", "type": "", "text": ""} for _ in range(BLANK_ROWS)]
    context = {
        "survey": found,
        "questions": questions,
        "types": QuestionType.choices,
        "errors": errors,
        "versions": found.versions.all()[:10],
    }
    return render(
        request, "feedback/staff/survey_edit.html", context, status=400 if errors else 200
    )
