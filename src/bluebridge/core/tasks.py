"""Background tasks of the core app, run by `bluebridge worker`."""

from __future__ import annotations

from django.utils import timezone
from django_tasks import task

from bluebridge.core import notifications
from bluebridge.core.models import Notification


@task(queue_name="notifications")
def deliver_notification(notification_id: int) -> str:
    note = Notification.objects.filter(pk=notification_id).first()
    if note is None:
        return "missing"
    if notifications.deliver(note):
        return "sent"
    if note.status == Notification.QUEUED:
        delay = notifications.retry_delay(note.attempts.count())
        deliver_notification.using(run_after=timezone.now() + delay).enqueue(notification_id)
        return "retry scheduled"
    return "failed"
