"""Background work of the feedback app, run by `bluebridge worker`."""

from __future__ import annotations

from typing import Any

from django_tasks import task

from bluebridge.feedback.services import concerns, invitations, sentiment_model, texts


@task()
def analyse_response(response_id: int) -> int:
    """Redact and score the sentiment of a response's free-text answers."""
    return concerns.analyse_response(response_id)


@task()
def analyse_text(item_id: int) -> bool:
    """Redact and score the sentiment of a complaint's or a chat's text (text_submitted)."""
    return texts.analyse(item_id)


@task()
def sweep_invitations() -> dict[str, int]:
    """Every 15 minutes: send due invitations, the one reminder, expire old links."""
    return invitations.sweep()


@task()
def scan_concerns() -> dict[str, int]:
    """Daily: recurring concerns by area and month, and emerging-concern alerts."""
    return concerns.scan()


@task()
def train_sentiment_model() -> dict[str, Any]:
    """Daily: train the department's sentiment model on rated survey comments, once enough."""
    return sentiment_model.train()
