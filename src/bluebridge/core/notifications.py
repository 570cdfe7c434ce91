"""Notifications: queue a message for a person; the worker renders and sends it.

Messages are rendered from templates in the recipient's language:
templates/notifications/<template>/subject.<lang>.txt, body.<lang>.txt and sms.<lang>.txt.
Requests never wait on delivery: they only insert a Notification and enqueue a task.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage
from django.template import TemplateDoesNotExist
from django.template.loader import render_to_string
from django.utils import timezone, translation

from bluebridge.core.models import DeliveryAttempt, Notification
from bluebridge.core.sms import SmsError, get_provider

SUPPORTED_LANGUAGES = {code for code, _ in settings.LANGUAGES}


def queue(
    *,
    channel: str,
    recipient: str,
    template: str,
    context: dict[str, Any],
    language: str = "en",
    object_type: str = "",
    object_ref: str = "",
) -> Notification:
    if channel not in {Notification.EMAIL, Notification.SMS}:
        raise ValueError(f"unknown channel {channel!r}")
    note = Notification.objects.create(
        channel=channel,
        recipient=recipient,
        template=template,
        language=language if language in SUPPORTED_LANGUAGES else "en",
        context=context,
        object_type=object_type,
        object_ref=object_ref,
    )
    from bluebridge.core.tasks import deliver_notification

    # The database task backend writes the task in the same transaction as the notification:
    # both exist once the caller commits, or neither does.
    deliver_notification.enqueue(note.pk)
    return note


def _render(template: str, part: str, language: str, context: dict[str, Any]) -> str:
    with translation.override(language):
        try:
            return render_to_string(
                f"notifications/{template}/{part}.{language}.txt", context
            ).strip()
        except TemplateDoesNotExist:
            return render_to_string(f"notifications/{template}/{part}.en.txt", context).strip()


def render(note: Notification) -> tuple[str, str]:
    context = dict(note.context, department_name=settings.BLUEBRIDGE_DEPARTMENT_NAME)
    if note.channel == Notification.SMS:
        return "", _render(note.template, "sms", note.language, context)
    subject = " ".join(_render(note.template, "subject", note.language, context).split())
    return subject, _render(note.template, "body", note.language, context)


def deliver(note: Notification) -> bool:
    """Render and send one notification, recording the attempt. Returns True when sent."""
    if note.status == Notification.SENT:
        return True
    subject, body = render(note)
    note.subject, note.body = subject[:200], body
    provider_name = "email" if note.channel == Notification.EMAIL else ""
    try:
        if note.channel == Notification.EMAIL:
            provider_name = settings.EMAIL_BACKEND.rsplit(".", 2)[-2]
            EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [note.recipient]).send()
        else:
            provider = get_provider()
            provider_name = provider.name
            provider.send(note.recipient, body)
    except (OSError, SmsError) as exc:
        DeliveryAttempt.objects.create(
            notification=note, ok=False, provider=provider_name, error=str(exc)[:2000]
        )
        tries = note.attempts.count()
        note.status = (
            Notification.FAILED if tries >= Notification.MAX_ATTEMPTS else Notification.QUEUED
        )
        note.save(update_fields=["subject", "body", "status"])
        return False
    DeliveryAttempt.objects.create(notification=note, ok=True, provider=provider_name)
    note.status, note.sent_at = Notification.SENT, timezone.now()
    note.save(update_fields=["subject", "body", "status", "sent_at"])
    return True


def retry_delay(attempts: int) -> timedelta:
    return timedelta(minutes=2 ** max(0, attempts - 1))
