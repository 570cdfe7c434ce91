"""Survey invitations: who is invited after a contact, the one-time signed link, reminders, expiry.

Rules (post-contact): never for a sensitive category; never when the resident opted out of
surveys (by e-mail or phone, hashed) or asked for no messages; at most one invitation per
person (hashed contact) per CAP_DAYS; the channel follows the contact preference. A link is
answerable once, until it expires; at most one reminder is sent. Recovery surveys (asked for by
the complaints app) keep every rule except the 30-day cap.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import constant_time_compare

from bluebridge.core import notifications
from bluebridge.core.models import Area, Notification, Unit
from bluebridge.feedback.models import Invitation, Kind, OptOut, Survey, SurveyPolicy
from bluebridge.feedback.services.contacts import contact_hash, hashes

CAP_DAYS = 30
SALT = "bluebridge.feedback.invitation"
DEFAULT_SURVEY = {Kind.POST_CONTACT: "post-contact", Kind.RECOVERY: "recovery"}


@dataclass(frozen=True)
class Decision:
    invitation: Invitation | None
    reason: str  # why no invitation was made ("" when one was)


def make_token(invitation: Invitation) -> str:
    return signing.Signer(salt=SALT).sign(f"{invitation.pk}-{invitation.nonce}")


def find_invitation(token: str) -> Invitation | None:
    """The invitation a signed link names, or None when the link is forged or unknown."""
    try:
        value = signing.Signer(salt=SALT).unsign(token or "")
    except signing.BadSignature:
        return None
    pk, _, nonce = value.partition("-")
    if not pk.isdigit():
        return None
    found = Invitation.objects.select_related("survey").filter(pk=int(pk)).first()
    if found is None or not constant_time_compare(found.nonce, nonce):
        return None
    return found


def survey_url(invitation: Invitation) -> str:
    return settings.BLUEBRIDGE_PUBLIC_URL + reverse("survey-answer", args=[make_token(invitation)])


def _channel(contact_preference: str, email: str, phone: str) -> tuple[str, str]:
    if contact_preference == "none":
        return "", ""
    if contact_preference == Notification.SMS and phone:
        return Notification.SMS, phone
    if contact_preference == Notification.EMAIL and email:
        return Notification.EMAIL, email
    if not contact_preference:
        if email:
            return Notification.EMAIL, email
        if phone:
            return Notification.SMS, phone
    return "", ""


def opted_out(*contacts: str) -> bool:
    return OptOut.objects.filter(contact_hash__in=hashes(*contacts)).exists()


def policy_for(source_kind: str, category: str) -> SurveyPolicy | None:
    found = SurveyPolicy.objects.select_related("survey").filter(source_kind=source_kind)
    return found.filter(category=category).first() or found.filter(category="").first()


def invite(
    kind: str,
    source_kind: str,
    source_reference: str,
    *,
    email: str = "",
    phone: str = "",
    contact_preference: str = "",
    language: str = "en",
    survey_slug: str | None = None,
    category: str = "",
    area: Area | None = None,
    unit: Unit | None = None,
    sensitive: bool = False,
    delay: timedelta | None = None,
    reminder_after_hours: int = 72,
    expires_after_days: int = 14,
    now: datetime | None = None,
) -> Decision:
    """Schedule a survey invitation, unless a rule says not to (the reason is returned)."""
    now = now or timezone.now()
    if kind not in Kind.values or kind == Kind.COMMUNITY:
        raise ValueError(f"cannot invite to a survey of kind {kind!r}")
    if sensitive:
        return Decision(None, "sensitive category: no automated messages")
    channel, recipient = _channel(contact_preference, email, phone)
    if not channel:
        return Decision(None, "no way to reach the resident (or they asked for no messages)")
    if opted_out(email, phone):
        return Decision(None, "the resident opted out of surveys")
    slug = survey_slug or DEFAULT_SURVEY[Kind(kind)]
    survey = Survey.objects.filter(slug=slug, active=True).first()
    if survey is None:
        return Decision(None, f"no active survey {slug!r}")
    if kind != Kind.RECOVERY:
        recent = Invitation.objects.filter(
            contact_hash__in=hashes(email, phone),
            created_at__gt=now - timedelta(days=CAP_DAYS),
        ).exclude(status=Invitation.CANCELLED)
        if recent.exists():
            return Decision(None, f"already invited in the last {CAP_DAYS} days")
    send_after = now + (delay or timedelta(0))
    invitation = Invitation.objects.create(
        survey=survey,
        nonce=secrets.token_hex(16),
        kind=kind,
        source_kind=source_kind,
        source_reference=source_reference,
        category=category,
        area=area,
        unit=unit,
        contact_hash=contact_hash(recipient),
        channel=channel,
        recipient=recipient,
        language=language if language in ("en", "es") else "en",
        send_after=send_after,
        reminder_after_hours=reminder_after_hours,
        expires_at=send_after + timedelta(days=expires_after_days),
        created_at=now,
    )
    return Decision(invitation, "")


def on_contact_closed(sender: Any, **kwargs: Any) -> None:
    """Receiver of core.events.contact_closed: invite per the category's survey policy."""
    policy = policy_for(kwargs.get("kind", ""), kwargs.get("category", "") or "")
    if policy is None or not policy.enabled:
        return
    invite(
        Kind.POST_CONTACT,
        kwargs.get("kind", ""),
        kwargs.get("reference", ""),
        email=kwargs.get("email", "") or "",
        phone=kwargs.get("phone", "") or "",
        contact_preference=kwargs.get("contact_preference", "") or "",
        language=kwargs.get("language", "en") or "en",
        survey_slug=policy.survey.slug,
        category=kwargs.get("category", "") or "",
        area=kwargs.get("area"),
        unit=kwargs.get("unit"),
        sensitive=bool(kwargs.get("sensitive")),
        delay=timedelta(hours=policy.delay_hours),
        reminder_after_hours=policy.reminder_after_hours,
        expires_after_days=policy.expires_after_days,
        now=kwargs.get("closed_at") or timezone.now(),
    )


def _queue(invitation: Invitation, template: str) -> None:
    notifications.queue(
        channel=invitation.channel,
        recipient=invitation.recipient,
        template=template,
        context={
            "url": survey_url(invitation),
            "title": invitation.survey.localized_title(invitation.language),
            "reference": invitation.source_reference,
            "expires": timezone.localtime(invitation.expires_at).strftime("%Y-%m-%d"),
        },
        language=invitation.language,
        object_type="survey_invitation",
        object_ref=str(invitation.pk),
    )


def _close(invitation: Invitation, status: str) -> None:
    invitation.status = status
    invitation.recipient = ""
    invitation.save(update_fields=["status", "recipient", "updated_at"])


def sweep(now: datetime | None = None) -> dict[str, int]:
    """Send due invitations, send the one reminder, expire old links. Run every 15 minutes."""
    now = now or timezone.now()
    counts = {"sent": 0, "reminded": 0, "expired": 0, "cancelled": 0}
    with transaction.atomic():
        for inv in Invitation.objects.select_for_update().filter(
            status__in=[Invitation.SCHEDULED, Invitation.SENT], expires_at__lte=now
        ):
            _close(inv, Invitation.EXPIRED)
            counts["expired"] += 1
        due = Invitation.objects.select_related("survey").select_for_update()
        for inv in due.filter(status=Invitation.SCHEDULED, send_after__lte=now):
            if OptOut.objects.filter(contact_hash=inv.contact_hash).exists():
                _close(inv, Invitation.CANCELLED)
                counts["cancelled"] += 1
                continue
            _queue(inv, "survey_invitation")
            inv.status, inv.sent_at = Invitation.SENT, now
            inv.save(update_fields=["status", "sent_at", "updated_at"])
            counts["sent"] += 1
        for inv in due.filter(
            status=Invitation.SENT, reminded_at__isnull=True, reminder_after_hours__gt=0
        ):
            if inv.sent_at is None or inv.sent_at + timedelta(hours=inv.reminder_after_hours) > now:
                continue
            if OptOut.objects.filter(contact_hash=inv.contact_hash).exists():
                continue
            _queue(inv, "survey_reminder")
            inv.reminded_at = now
            inv.save(update_fields=["reminded_at", "updated_at"])
            counts["reminded"] += 1
    return counts


def opt_out(invitation: Invitation, source: str = "survey link") -> None:
    """Never invite this contact again; cancels the invitation if not answered."""
    if invitation.contact_hash:
        OptOut.objects.get_or_create(
            contact_hash=invitation.contact_hash, defaults={"source": source}
        )
    if invitation.status in (Invitation.SCHEDULED, Invitation.SENT):
        _close(invitation, Invitation.CANCELLED)
