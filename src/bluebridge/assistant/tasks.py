"""Background tasks of the assistant, run by `bluebridge worker`."""

from __future__ import annotations

import logging

from django_tasks import task

from bluebridge.assistant.services import training

log = logging.getLogger(__name__)


@task()
def train_model() -> str:
    """Retrain the intent engine on the published articles (queued on publish)."""
    try:
        trained = training.train()
    except training.NoModel as exc:
        return f"not trained: {exc}"
    log.info(
        "assistant model %s trained (%s, %d articles, %.1f s)",
        trained.version,
        trained.engine,
        trained.articles,
        trained.seconds,
    )
    return trained.version
