"""`bluebridge worker`: run background tasks (notifications, scheduled jobs).

A thin wrapper around django-tasks-db's `db_worker`; every option of db_worker works here. Beside
the task loop, a scheduler thread enqueues periodic jobs (core/schedule.py) when they fall due.
"""

from __future__ import annotations

import logging
import threading
from argparse import ArgumentParser
from typing import Any

from django.db import close_old_connections
from django_tasks_db.management.commands.db_worker import Command as DbWorkerCommand

from bluebridge.core import schedule

logger = logging.getLogger("bluebridge.worker")


class Scheduler(threading.Thread):
    """Calls schedule.run_due() every CHECK_SECONDS until stopped."""

    def __init__(self) -> None:
        super().__init__(name="bluebridge-scheduler", daemon=True)
        self.stopping = threading.Event()

    def run(self) -> None:
        while not self.stopping.is_set():
            try:
                schedule.run_due()
            except Exception:  # keep the scheduler alive; the error is logged for operators
                logger.exception("scheduled jobs could not be enqueued")
            finally:
                close_old_connections()
            self.stopping.wait(schedule.CHECK_SECONDS)


class Command(DbWorkerCommand):
    help = (
        "Run the background worker: sends notifications (e-mail, SMS), runs queued jobs from the "
        "database task queue and enqueues periodic jobs when due (nightly forecasts, survey "
        "reminders, SLA scans). Keep one or more running beside the web server. By default it "
        "works every queue (--queue-name '*'); --batch enqueues due periodic jobs once, works "
        "through what is queued and exits; --interval sets how long to sleep when idle; "
        "--max-tasks stops after that many tasks; --no-schedule leaves periodic jobs to another "
        "worker; --list-jobs prints the periodic jobs and exits. Stop it with Ctrl-C or SIGTERM: "
        "it finishes the task in hand first."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        super().add_arguments(parser)
        parser.set_defaults(queue_name="*")
        parser.add_argument(
            "--no-schedule",
            action="store_true",
            help="do not enqueue periodic jobs from this worker",
        )
        parser.add_argument(
            "--list-jobs", action="store_true", help="print the periodic jobs and exit"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options.pop("list_jobs", False):
            for job in schedule.jobs():
                self.stdout.write(f"{job.name}: {job.describe()}")
            return
        no_schedule = options.pop("no_schedule", False)
        scheduler = None
        if not no_schedule:
            if options.get("batch"):
                schedule.run_due()
            else:
                scheduler = Scheduler()
                scheduler.start()
        try:
            super().handle(*args, **options)
        finally:
            if scheduler is not None:
                scheduler.stopping.set()
