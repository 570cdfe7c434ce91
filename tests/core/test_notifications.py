import json
from pathlib import Path

from django.conf import settings
from django.core import mail
from django.test import override_settings

from bluebridge.core import notifications
from bluebridge.core.models import Notification
from bluebridge.servicedesk import services
from bluebridge.servicedesk.validation import NewRequest
from tests.conftest import INSIDE


class BrokenSms:
    name = "broken"

    def send(self, to: str, body: str) -> None:
        from bluebridge.core.sms import SmsError

        raise SmsError("gateway said no")


def test_it_writes_text_messages_in_the_residents_language(city, tasks):
    sms_dir = Path(settings.DATA_DIR) / "sms"
    before = set(sms_dir.glob("*.json")) if sms_dir.exists() else set()
    sr, _ = services.create_request(
        NewRequest(
            service_code="graffiti",
            lat=INSIDE[0],
            lon=INSIDE[1],
            phone="555-010-2233",
            language="es",
        )
    )
    tasks()
    note = Notification.objects.get(object_ref=sr.reference)
    assert note.channel == "sms" and note.status == Notification.SENT
    assert "recibimos su reporte" in note.body
    written = set(sms_dir.glob("*.json")) - before
    assert any(json.loads(p.read_text())["to"] == "555-010-2233" for p in written)
    assert note.attempts.get().ok


def test_it_renders_spanish_email(city, tasks):
    services.create_request(
        NewRequest(
            service_code="graffiti",
            lat=INSIDE[0],
            lon=INSIDE[1],
            email="r@example.org",
            language="es",
        )
    )
    tasks()
    assert mail.outbox[0].subject.startswith("Recibimos su reporte")


@override_settings(BLUEBRIDGE_SMS_PROVIDER="tests.core.test_notifications.BrokenSms")
def test_it_records_failed_attempts_and_gives_up_after_three(db):
    note = notifications.queue(
        channel="sms",
        recipient="555-010-9999",
        template="request_received",
        context={"reference": "BB-TEST-0001", "tracking_url": "http://x"},
    )
    for _ in range(3):
        notifications.deliver(note)
    note.refresh_from_db()
    assert note.status == Notification.FAILED
    assert [a.ok for a in note.attempts.all()] == [False, False, False]
    assert "gateway said no" in note.attempts.first().error
