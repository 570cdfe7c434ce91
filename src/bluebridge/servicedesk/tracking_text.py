"""What residents read and type on the tracking pages: status names and reference numbers."""

from __future__ import annotations

import re

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy

from bluebridge.servicedesk.models import Status

# --- Status names residents read -------------------------------------------------------------

STATUS_NAMES: dict[str, Promise] = {
    Status.RECEIVED: gettext_lazy("Received"),
    Status.ACKNOWLEDGED: gettext_lazy("Acknowledged"),
    Status.IN_PROGRESS: gettext_lazy("In progress"),
    Status.ACTION_SCHEDULED: gettext_lazy("Action scheduled"),
    Status.RESOLVED: gettext_lazy("Resolved"),
    Status.CLOSED: gettext_lazy("Closed"),
    Status.DUPLICATE: gettext_lazy("Handled with another report"),
    Status.REFERRED: gettext_lazy("Referred elsewhere"),
    Status.REOPENED: gettext_lazy("Reopened"),
}


def status_name(status: str) -> str:
    return str(STATUS_NAMES.get(status, status))


# --- Reference numbers typed by people ----------------------------------------------------------

_LOOKALIKES = str.maketrans({"O": "0", "I": "1", "L": "1", "U": "V"})


def normalise_reference(text: str) -> str | None:
    """'bb 7k3m q9tz', 'BB7K3MQ9TZ' or '7k3m-q9tz' -> 'BB-7K3M-Q9TZ'; None if it cannot be one."""
    plain = re.sub(r"[^0-9A-Za-z]", "", text or "").upper()
    if len(plain) == 10 and plain.startswith("BB"):
        plain = plain[2:]
    if len(plain) != 8:
        return None
    plain = plain.translate(_LOOKALIKES)
    return f"BB-{plain[:4]}-{plain[4:]}"
