"""SMS providers. Pick one with BLUEBRIDGE_SMS_PROVIDER (a dotted class path).

A provider is any class with `name` and `send(to, body)` that raises SmsError on failure.
Connect a real gateway (Twilio, Vonage, an SMPP relay) by writing a small class like these.
"""

from __future__ import annotations

import json
import sys
import uuid
from pathlib import Path
from typing import Protocol

from django.conf import settings
from django.utils import timezone
from django.utils.module_loading import import_string


class SmsError(Exception):
    pass


class SmsProvider(Protocol):
    name: str

    def send(self, to: str, body: str) -> None: ...


class ConsoleSmsProvider:
    name = "console"

    def send(self, to: str, body: str) -> None:
        sys.stdout.write(f"[sms to {to}] {body}\n")


class FileSmsProvider:
    """Writes each message as a JSON file under DATA_DIR/sms (development and demos)."""

    name = "file"

    def send(self, to: str, body: str) -> None:
        folder = Path(settings.DATA_DIR) / "sms"
        folder.mkdir(parents=True, exist_ok=True)
        stamp = timezone.now().strftime("%Y%m%dT%H%M%S")
        path = folder / f"{stamp}-{uuid.uuid4().hex[:8]}.json"
        path.write_text(
            json.dumps({"to": to, "body": body, "at": timezone.now().isoformat()}), "utf-8"
        )


def get_provider() -> SmsProvider:
    return import_string(settings.BLUEBRIDGE_SMS_PROVIDER)()
