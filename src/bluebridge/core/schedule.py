"""Periodic jobs: "every 15 minutes" or "daily at 02:30", run by `bluebridge worker`.

Apps register jobs in `AppConfig.ready()`:

    from bluebridge.core import schedule
    schedule.register("forecasting-nightly", refresh_forecasts, daily_at=time(2, 30))
    schedule.register("complaints-sla-breaches", scan_breaches, every=timedelta(minutes=15))

The task is a django-tasks task that takes no arguments. Each job has slots: for `every`, the
periods counted from midnight (local time) of the day; for `daily_at`, that time each day in
the site's time zone. `run_due(now)` enqueues every job whose current slot has not been
enqueued yet, recording the slot in `ScheduledRun` (unique per job and slot, so two workers
never enqueue the same slot twice). A job registered for the first time runs at once for the
current slot; slots missed while no worker ran are not replayed, only the latest one.

The worker calls `run_due()` when it starts and then every `CHECK_SECONDS`.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from bluebridge.core.models import ScheduledRun

logger = logging.getLogger(__name__)

CHECK_SECONDS = 30


@dataclass(frozen=True)
class Job:
    name: str
    task: Any  # a django_tasks Task taking no arguments
    every: timedelta | None = None
    daily_at: time | None = None

    def slot(self, now: datetime) -> datetime:
        """The start of the slot `now` falls in (an aware datetime in local time)."""
        local = timezone.localtime(now)
        midnight = local.replace(hour=0, minute=0, second=0, microsecond=0)
        if self.every is not None:
            periods = (local - midnight) // self.every
            return midnight + periods * self.every
        assert self.daily_at is not None
        today = local.replace(
            hour=self.daily_at.hour, minute=self.daily_at.minute, second=0, microsecond=0
        )
        return today if local >= today else today - timedelta(days=1)

    def describe(self) -> str:
        if self.every is not None:
            return f"every {_duration(self.every)}"
        assert self.daily_at is not None
        return f"daily at {self.daily_at:%H:%M}"


_jobs: dict[str, Job] = {}


def _duration(delta: timedelta) -> str:
    seconds = int(delta.total_seconds())
    for unit, size in (("h", 3600), ("min", 60)):
        if seconds % size == 0:
            return f"{seconds // size} {unit}"
    return f"{seconds} s"


def register(
    name: str, task: Any, *, every: timedelta | None = None, daily_at: time | None = None
) -> Job:
    if (every is None) == (daily_at is None):
        raise ValueError(f"job {name!r}: give exactly one of every= or daily_at=")
    if every is not None and (
        every < timedelta(minutes=1) or timedelta(days=1) % every != timedelta(0)
    ):
        raise ValueError(f"job {name!r}: every= must divide a day and be at least a minute")
    job = Job(name, task, every, daily_at)
    _jobs[name] = job
    return job


def unregister(name: str) -> None:
    _jobs.pop(name, None)


def jobs() -> list[Job]:
    return sorted(_jobs.values(), key=lambda j: j.name)


def run_due(now: datetime | None = None) -> list[str]:
    """Enqueue each job whose current slot has not run yet; returns the names enqueued."""
    now = now or timezone.now()
    enqueued = []
    for job in jobs():
        slot = job.slot(now)
        try:
            with transaction.atomic():
                ScheduledRun.objects.create(job=job.name, slot=slot, enqueued_at=now)
                job.task.enqueue()
        except IntegrityError:
            continue  # this slot was enqueued already (maybe by another worker)
        logger.info("scheduled job %s enqueued for slot %s", job.name, slot)
        enqueued.append(job.name)
    return enqueued
