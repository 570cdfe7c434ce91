"""Receivers of core.events: the triggers that open recovery cases, and survey scores kept."""

from __future__ import annotations

from typing import Any

from bluebridge.complaints import recovery
from bluebridge.complaints.recovery_models import ContactScore, RecoveryCase, Trigger
from bluebridge.core import events
from bluebridge.servicedesk.models import ServiceRequest

LOW_SCORE = 0.25  # 2 of 5 on a 1-5 scale: (2 - 1) / 4


def _request(reference: str) -> ServiceRequest | None:
    return (
        ServiceRequest.objects.select_related("category", "unit")
        .filter(reference=reference)
        .first()
    )


def on_request_reopened(
    sender: Any, instance: Any = None, reference: str = "", **kwargs: Any
) -> None:
    sr = instance if isinstance(instance, ServiceRequest) else _request(reference)
    if sr is None:
        return
    recovery.open_case(
        Trigger.REOPENED,
        source_kind="request",
        source_reference=sr.reference,
        email=sr.email,
        phone=sr.phone,
        language=sr.language,
        category=sr.category.code,
        unit=sr.unit,
        sensitive=sr.category.sensitive or sr.contact_preference == "none",
        summary=f"{sr.category.name}: reopened",
    )


def is_low(score: float | None, satisfied: bool | None) -> bool:
    return satisfied is False or (score is not None and score <= LOW_SCORE + 1e-9)


def on_survey_answered(
    sender: Any,
    kind: str = "",
    source_kind: str = "",
    source_reference: str = "",
    satisfied: bool | None = None,
    score: float | None = None,
    email: str = "",
    phone: str = "",
    language: str = "en",
    **kwargs: Any,
) -> None:
    if sender is RecoveryCase or kind != "post_contact":
        return  # our own recovery checks, and community surveys, open nothing
    sr = _request(source_reference) if source_kind == "request" else None
    ContactScore.objects.create(
        kind=kind,
        source_kind=source_kind,
        source_reference=(source_reference or "")[:20],
        category=sr.category.code if sr else "",
        unit=sr.unit if sr else None,
        score=score,
        satisfied=satisfied,
    )
    if not is_low(score, satisfied):
        return
    recovery.open_case(
        Trigger.LOW_SURVEY,
        source_kind=source_kind or "survey",
        source_reference=source_reference or "",
        email=email or "",
        phone=phone or "",
        language=language or "en",
        category=sr.category.code if sr else "",
        unit=sr.unit if sr else None,
        sensitive=bool(sr and sr.category.sensitive),
        summary="Low score on the post-contact survey",
    )


def connect() -> None:
    events.request_reopened.connect(on_request_reopened, dispatch_uid="complaints-reopened")
    events.survey_answered.connect(on_survey_answered, dispatch_uid="complaints-survey")
