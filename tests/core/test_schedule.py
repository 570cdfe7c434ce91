"""Periodic jobs: each slot is enqueued once, whoever checks and however often."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django_tasks import task
from django_tasks_db.models import DBTaskResult

from bluebridge.core import schedule
from bluebridge.core.models import ScheduledRun

CHICAGO = ZoneInfo("America/Chicago")
RUNS: list[str] = []


@task()
def remember_run() -> str:
    RUNS.append("ran")
    return "done"


@pytest.fixture
def job() -> Iterator[Callable[..., schedule.Job]]:
    names: list[str] = []

    def register(**when: Any) -> schedule.Job:
        names.append("test-job")
        return schedule.register("test-job", remember_run, **when)

    RUNS.clear()
    yield register
    for name in names:
        schedule.unregister(name)


def at(hour: int, minute: int = 0, day: int = 10) -> datetime:
    return datetime(2026, 11, day, hour, minute, tzinfo=CHICAGO)


def test_it_enqueues_a_new_job_once_per_slot(db: Any, job: Any, tasks: Any) -> None:
    job(every=timedelta(minutes=15))
    assert "test-job" in schedule.run_due(at(9, 7))
    assert "test-job" not in schedule.run_due(at(9, 14))  # same slot 09:00-09:15
    assert tasks() == 1 and RUNS == ["ran"]
    assert "test-job" in schedule.run_due(at(9, 15))
    slots = [r.slot for r in ScheduledRun.objects.filter(job="test-job").order_by("slot")]
    assert slots == [at(9, 0), at(9, 15)]


def test_it_runs_a_daily_job_at_its_time_and_not_before(db: Any, job: Any) -> None:
    job(daily_at=time(2, 30))
    assert schedule.run_due(at(1, 0)) == ["test-job"]  # first check: yesterday's slot, at once
    assert schedule.run_due(at(2, 29)) == []
    assert schedule.run_due(at(2, 30)) == ["test-job"]
    assert schedule.run_due(at(23, 59)) == []
    assert schedule.run_due(at(2, 31, day=11)) == ["test-job"]
    assert DBTaskResult.objects.count() == 3


def test_it_refuses_a_job_without_exactly_one_rhythm(job: Any) -> None:
    with pytest.raises(ValueError, match="exactly one"):
        job()
    with pytest.raises(ValueError, match="exactly one"):
        job(every=timedelta(hours=1), daily_at=time(1, 0))
    with pytest.raises(ValueError, match="divide a day"):
        job(every=timedelta(minutes=7))


def test_it_lists_jobs_and_enqueues_due_ones_in_a_worker_batch(
    transactional_db: Any, job: Any, capsys: Any
) -> None:
    job(every=timedelta(hours=1))
    call_command("worker", "--list-jobs")
    assert "test-job: every 1 h" in capsys.readouterr().out
    call_command("worker", "--batch", "--no-startup-delay", "--interval", "0", verbosity=0)
    assert ScheduledRun.objects.filter(job="test-job").count() == 1
    assert RUNS == ["ran"]
