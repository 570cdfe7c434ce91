"""Public survey pages: answering an invitation's link, and the community survey."""

from __future__ import annotations

import hashlib
import secrets
import time
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core import signing
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from bluebridge.core.access import allow
from bluebridge.core.clients import client_ip
from bluebridge.core.models import Area
from bluebridge.core.ratelimit import Client, Verdict, rate_limited
from bluebridge.core.roles import PUBLIC
from bluebridge.env import parse_rate
from bluebridge.feedback import forms
from bluebridge.feedback.models import Invitation, Kind, Response, Survey
from bluebridge.feedback.services import invitations, surveys

DEVICE_COOKIE = "bb_survey_device"
MIN_SECONDS = 3  # a person needs longer than this to answer; faster is a bot
COMMUNITY_RATE_DEFAULT = "20/h"  # per IP address; BLUEBRIDGE_COMMUNITY_SURVEY_RATE overrides
ONE_PER_DEVICE_DAYS = 30
_STARTED_SALT = "bluebridge.feedback.community-started"


def _language() -> str:
    return "es" if (translation.get_language() or "en").startswith("es") else "en"


def _too_many(request: HttpRequest, verdict: Verdict) -> HttpResponse:
    response = render(
        request, "feedback/public/too_many.html", {"retry_after": verdict.retry_after}, status=429
    )
    response["Retry-After"] = str(verdict.retry_after)
    return response


# --- Post-contact (and recovery) survey from its link ---------------------------------------


def _closed_page(request: HttpRequest, invitation: Invitation) -> HttpResponse:
    return render(
        request, "feedback/public/link_closed.html", {"invitation": invitation}, status=410
    )


def _answer_form(
    request: HttpRequest,
    invitation: Invitation,
    values: dict[str, Any] | None = None,
    errors: dict[str, str] | None = None,
    status: int = 200,
) -> HttpResponse:
    version = invitation.survey.current
    assert version is not None
    language = _language()
    context = {
        "survey": invitation.survey,
        "title": invitation.survey.localized_title(language),
        "intro": invitation.survey.localized_intro(language),
        "fields": forms.fields(version, language, values or {}, errors or {}),
        "errors": errors or {},
        "invitation": invitation,
    }
    return render(request, "feedback/public/answer.html", context, status=status)


@allow(PUBLIC)
@rate_limited("survey-answer", respond=_too_many)
def survey_answer(request: HttpRequest, survey_token: str) -> HttpResponse:
    invitation = invitations.find_invitation(survey_token)
    if invitation is None:
        return render(request, "feedback/public/link_unknown.html", status=404)
    if request.method == "POST" and request.POST.get("action") == "stop":
        invitations.opt_out(invitation)
        return render(request, "feedback/public/opted_out.html")
    if not invitation.open:
        return _closed_page(request, invitation)
    if request.method != "POST":
        return _answer_form(request, invitation)
    version = invitation.survey.current
    assert version is not None
    parsed = surveys.parse_answers(version, request.POST)
    if parsed.errors:
        return _answer_form(request, invitation, parsed.values, parsed.errors, status=400)
    try:
        surveys.record(version, parsed.answers, invitation=invitation, language=_language())
    except surveys.SurveyError:
        invitation.refresh_from_db()
        return _closed_page(request, invitation)
    if request.POST.get("opt_out"):
        invitations.opt_out(invitation)
    return redirect("survey-thanks")


@allow(PUBLIC)
def survey_thanks(request: HttpRequest) -> HttpResponse:
    return render(request, "feedback/public/thanks.html")


# --- Community survey ------------------------------------------------------------------------


def started_token(at: float | None = None) -> str:
    """A signed 'form shown at' time; answers sent sooner than MIN_SECONDS later are refused."""
    return signing.dumps({"t": at if at is not None else time.time()}, salt=_STARTED_SALT)


def _too_fast(token: str) -> bool:
    try:
        shown = float(signing.loads(token, salt=_STARTED_SALT, max_age=86400)["t"])
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return True
    return time.time() - shown < MIN_SECONDS


def _device_hash(request: HttpRequest) -> str:
    device = request.COOKIES.get(DEVICE_COOKIE, "")
    return hashlib.sha256(f"{settings.SECRET_KEY}:{device}".encode()).hexdigest() if device else ""


def _answered_recently(device_hash: str) -> bool:
    if not device_hash:
        return False
    since = timezone.now() - timedelta(days=ONE_PER_DEVICE_DAYS)
    return Response.objects.filter(
        kind=Kind.COMMUNITY, device_hash=device_hash, submitted_at__gte=since
    ).exists()


def _community_form(
    request: HttpRequest,
    survey: Survey,
    values: dict[str, Any] | None = None,
    errors: dict[str, str] | None = None,
    status: int = 200,
) -> HttpResponse:
    version = survey.current
    assert version is not None
    language = _language()
    values = values or {}
    context = {
        "survey": survey,
        "title": survey.localized_title(language),
        "intro": survey.localized_intro(language),
        "fields": forms.fields(version, language, values, errors or {}),
        "errors": errors or {},
        "values": values,
        "areas": Area.objects.filter(kind=Area.BEAT).order_by("name"),
        "ages": forms.AGES,
        "sexes": forms.SEXES,
        "races": forms.RACES,
        "started": started_token(),
        "source": request.GET.get("src", "")[:40] or values.get("source", ""),
    }
    response = render(request, "feedback/public/community.html", context, status=status)
    if DEVICE_COOKIE not in request.COOKIES:
        response.set_cookie(
            DEVICE_COOKIE,
            secrets.token_urlsafe(24),
            max_age=365 * 86400,
            httponly=True,
            samesite="Lax",
            secure=settings.SESSION_COOKIE_SECURE,
        )
    return response


def _per_ip(request: HttpRequest) -> Client:
    rate = getattr(settings, "BLUEBRIDGE_COMMUNITY_SURVEY_RATE", COMMUNITY_RATE_DEFAULT)
    return Client(f"ip:{client_ip(request)}", parse_rate(rate))


@rate_limited("community-survey", identify=_per_ip, respond=_too_many)
def _community_submit(request: HttpRequest, survey: Survey) -> HttpResponse:
    if request.POST.get("website"):  # the honeypot: people never see this field
        return redirect("survey-thanks")
    values: dict[str, Any] = {
        k: request.POST.get(k, "") for k in ("area", "age_band", "sex", "race_ethnicity", "source")
    }
    if _too_fast(request.POST.get("started", "")):
        errors = {"form": _("Please take a moment to read the questions, then send your answers.")}
        return _community_form(request, survey, values, errors, status=400)
    device = _device_hash(request)
    if _answered_recently(device):
        return render(request, "feedback/public/already.html", status=409)
    version = survey.current
    assert version is not None
    parsed = surveys.parse_answers(version, request.POST)
    values.update(parsed.values)
    errors = dict(parsed.errors)
    area = Area.objects.filter(kind=Area.BEAT, code=values["area"]).first()
    if values["area"] and area is None:
        errors["area"] = _("choose your neighborhood from the list")
    demographics = surveys.Demographics(
        age_band=values["age_band"] if values["age_band"] in dict(forms.AGES) else "",
        sex=values["sex"] if values["sex"] in dict(forms.SEXES) else "",
        race_ethnicity=(
            values["race_ethnicity"] if values["race_ethnicity"] in dict(forms.RACES) else ""
        ),
    )
    if errors:
        return _community_form(request, survey, values, errors, status=400)
    surveys.record(
        version,
        parsed.answers,
        area=area,
        language=_language(),
        demographics=demographics,
        device_hash=device,
        channel="flyer" if values["source"] else "web",
    )
    return redirect("survey-thanks")


@allow(PUBLIC)
def community_survey(request: HttpRequest) -> HttpResponse:
    survey = Survey.objects.filter(kind=Kind.COMMUNITY, active=True).order_by("pk").first()
    if survey is None or survey.current is None:
        return render(request, "feedback/public/no_survey.html", status=404)
    if request.method == "POST":
        return _community_submit(request, survey)
    if _answered_recently(_device_hash(request)):
        return render(request, "feedback/public/already.html")
    return _community_form(request, survey)
