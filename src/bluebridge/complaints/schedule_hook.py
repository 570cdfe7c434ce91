"""Registers the SLA-breach scan with core's scheduler once it exists (it is being added)."""

from __future__ import annotations

import importlib
from datetime import timedelta


def register() -> bool:
    try:
        schedule = importlib.import_module("bluebridge.core.schedule")
    except ImportError:
        return False  # until core.schedule lands, run `complaints scan-breaches` from cron
    from bluebridge.complaints.tasks import scan_breaches

    schedule.register("complaints-sla-breaches", scan_breaches, every=timedelta(minutes=15))
    return True
