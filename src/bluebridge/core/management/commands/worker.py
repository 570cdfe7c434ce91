"""`bluebridge worker`: run background tasks (notifications, scheduled jobs).

A thin wrapper around django-tasks-db's `db_worker`; every option of db_worker works here.
"""

from __future__ import annotations

from argparse import ArgumentParser

from django_tasks_db.management.commands.db_worker import Command as DbWorkerCommand


class Command(DbWorkerCommand):
    help = (
        "Run the background worker: sends notifications (e-mail, SMS) and runs queued jobs from "
        "the database task queue. Keep one or more running beside the web server. By default it "
        "works every queue (--queue-name '*'); --batch works through what is queued and exits; "
        "--interval sets how long to sleep when idle; --max-tasks stops after that many tasks. "
        "Stop it with Ctrl-C or SIGTERM: it finishes the task in hand first."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        super().add_arguments(parser)
        parser.set_defaults(queue_name="*")
