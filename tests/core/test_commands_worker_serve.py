"""`bluebridge worker` runs every queue; `bluebridge serve` builds a sound gunicorn command."""

from __future__ import annotations

import os
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django_tasks_db.models import DBTaskResult

from bluebridge.core.tasks import deliver_notification


def test_it_runs_queued_notification_tasks_in_a_batch(transactional_db: Any) -> None:
    deliver_notification.enqueue(987654)  # no such notification: the task says "missing"
    assert DBTaskResult.objects.get().status == "READY"
    call_command(
        "worker", "--batch", "--no-startup-delay", "--interval", "0", "--no-schedule", verbosity=0
    )
    result = DBTaskResult.objects.get()
    assert result.status == "SUCCESSFUL"
    assert result.return_value == "missing"


def test_it_documents_the_worker_options(capsys: Any) -> None:
    from django.core.management import load_command_class

    parser = load_command_class("bluebridge.core", "worker").create_parser("bluebridge", "worker")
    text = parser.format_help()
    for option in ("--batch", "--interval", "--queue-name", "--max-tasks"):
        assert option in text
    assert parser.parse_args([]).queue_name == "*"


def test_it_builds_the_gunicorn_command(capsys: Any) -> None:
    call_command("serve", "--dry-run", "--bind", "127.0.0.1:9000", "--workers", "3")
    line = capsys.readouterr().out
    assert "-m gunicorn bluebridge.wsgi:application" in line
    assert "--bind 127.0.0.1:9000" in line and "--workers 3" in line
    assert "--access-logfile -" in line and "--timeout 60" in line


def test_it_defaults_to_two_workers_per_core_plus_one(capsys: Any) -> None:
    call_command("serve", "--dry-run")
    line = capsys.readouterr().out
    assert f"--workers {2 * (os.cpu_count() or 1) + 1}" in line
    assert "--bind 0.0.0.0:8000" in line


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--workers", "0"], "--workers"),
        (["--bind", "8000"], "--bind"),
        (["--timeout", "0"], "--timeout"),
    ],
)
def test_it_refuses_bad_serve_options(args: list[str], message: str) -> None:
    with pytest.raises(CommandError, match=message):
        call_command("serve", "--dry-run", *args)
