"""Letters to complainants and commenders, rendered from templates in their language.

Templates: complaints/letters/<kind>/{subject,body}.<lang>.txt. Every letter is kept (and shown on
the tracking page); it is also sent by e-mail or text message when the person gave details and
asked for messages, through core.notifications (template "complaint_letter").
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.template import TemplateDoesNotExist
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy

from bluebridge.complaints.models import Commendation, Complaint, ContactPreference, Letter
from bluebridge.core import notifications

FINDING_NAMES = {
    "sustained": gettext_lazy("Sustained: the allegation is true and the conduct broke policy"),
    "not_sustained": gettext_lazy("Not sustained: there is not enough evidence to decide"),
    "unfounded": gettext_lazy("Unfounded: what was alleged did not happen"),
    "exonerated": gettext_lazy("Exonerated: it happened, but it was lawful and within policy"),
    "policy_failure": gettext_lazy(
        "Policy failure: the officer followed policy, but the policy itself needs changing"
    ),
}


def tracking_url(complaint: Complaint) -> str:
    return settings.BLUEBRIDGE_PUBLIC_URL + reverse(
        "complaint-track", args=[complaint.tracking_token]
    )


def _render(path: str, language: str, context: dict[str, Any]) -> str:
    with translation.override(language):
        try:
            return render_to_string(f"{path}.{language}.txt", context).strip()
        except TemplateDoesNotExist:
            return render_to_string(f"{path}.en.txt", context).strip()


def _local(when: Any) -> str:
    return timezone.localtime(when).strftime("%Y-%m-%d") if when else ""


def context_for(complaint: Complaint, message: str = "") -> dict[str, Any]:
    language = complaint.language
    with translation.override(language):
        findings = [
            {
                "category": a.category.localized_name(language),
                "finding": str(FINDING_NAMES.get(a.finding, a.finding)),
                "reasons": a.reasons,
            }
            for a in complaint.allegations.select_related("category").exclude(finding="")
        ]
    return {
        "reference": complaint.reference,
        "first_name": "" if complaint.anonymous else complaint.first_name,
        "type_name": complaint.type.localized_name(language) if complaint.type else "",
        "conduct": complaint.kind == "conduct",
        "tracking_url": tracking_url(complaint),
        "acknowledge_due": _local(complaint.acknowledge_due),
        "decision_due": _local(complaint.decision_due),
        "findings": findings,
        "message": message.strip(),
        "department_name": settings.BLUEBRIDGE_DEPARTMENT_NAME,
        "non_emergency_phone": settings.BLUEBRIDGE_NON_EMERGENCY_PHONE,
    }


def write(complaint: Complaint, kind: str, *, user: Any = None, message: str = "") -> Letter:
    """Render a letter, keep it, and send it when the complainant can be reached."""
    if kind not in {k for k, _ in Letter.KINDS}:
        raise ValueError(f"unknown letter {kind!r}")
    context = context_for(complaint, message)
    language = complaint.language if complaint.language in ("en", "es") else "en"
    subject = " ".join(_render(f"complaints/letters/{kind}/subject", language, context).split())
    body = _render(f"complaints/letters/{kind}/body", language, context)
    letter = Letter.objects.create(
        complaint=complaint,
        kind=kind,
        language=language,
        subject=subject[:200],
        body=body,
        sent_by=user if getattr(user, "is_authenticated", False) else None,
        queued=complaint.can_write,
    )
    if complaint.can_write:
        channel = complaint.contact_preference
        notifications.queue(
            channel=channel,
            recipient=complaint.email if channel == ContactPreference.EMAIL else complaint.phone,
            template="complaint_letter",
            context={"subject": subject, "body": body, "tracking_url": context["tracking_url"]},
            language=language,
            object_type="complaint",
            object_ref=complaint.reference,
        )
    return letter


def received_notice(complaint: Complaint) -> None:
    """The instant receipt: reference and private link, when the person left details."""
    if not complaint.can_write:
        return
    channel = complaint.contact_preference
    notifications.queue(
        channel=channel,
        recipient=complaint.email if channel == ContactPreference.EMAIL else complaint.phone,
        template="complaint_received",
        context={
            "reference": complaint.reference,
            "first_name": "" if complaint.anonymous else complaint.first_name,
            "tracking_url": tracking_url(complaint),
            "acknowledge_due": _local(complaint.acknowledge_due),
        },
        language=complaint.language,
        object_type="complaint",
        object_ref=complaint.reference,
    )


def thank_commender(commendation: Commendation) -> None:
    if commendation.email:
        channel, recipient = "email", commendation.email
    elif commendation.phone:
        channel, recipient = "sms", commendation.phone
    else:
        return
    notifications.queue(
        channel=channel,
        recipient=recipient,
        template="commendation_thanks",
        context={
            "reference": commendation.reference,
            "first_name": "" if commendation.anonymous else commendation.first_name,
        },
        language=commendation.language,
        object_type="commendation",
        object_ref=commendation.reference,
    )
