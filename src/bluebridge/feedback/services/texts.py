"""Sentiment of free text from other apps: complaint descriptions and chat feedback.

Complaints and the assistant send `core.events.text_submitted`; `on_text_submitted` stores the
text and queues `analyse_text`, which redacts it, scores its sentiment (the same engine as survey
answers) and wipes the original. A problem here never breaks the sender: bad text is cleaned or
refused with a log line, and a database error is kept inside a savepoint.
"""

from __future__ import annotations

import logging
import unicodedata
from datetime import datetime
from typing import Any

from django.db import DatabaseError, transaction
from django.utils import timezone

from bluebridge.core.models import Area
from bluebridge.feedback import text as engine
from bluebridge.feedback.models import SubmittedText, TextSource
from bluebridge.feedback.services import sentiment_model

log = logging.getLogger(__name__)

MAX_CHARS = 8000  # longer text is cut (sentiment of the first 8,000 characters)
MAX_REDACTED = 1000  # what is kept for quoting


def clean_text(value: Any) -> str:
    """Printable text: None and non-strings become "", control characters (NUL too) spaces."""
    if not isinstance(value, str):
        return ""
    kept = [
        ch if ch in "\n\t" or not unicodedata.category(ch).startswith("C") else " "
        for ch in value[: MAX_CHARS * 2]
    ]
    return "".join(kept).strip()[:MAX_CHARS]


def record(
    source: str,
    reference: str,
    text: Any,
    *,
    language: str = "en",
    area: Area | None = None,
    sensitive: bool = False,
    submitted_at: datetime | None = None,
) -> SubmittedText | None:
    """Store (or replace) a text and queue its analysis. None when there is nothing to analyse.

    Empty text removes an earlier one with the same source and reference.
    """
    if source not in TextSource.values:
        raise ValueError(f"source must be one of {', '.join(TextSource.values)}")
    reference = str(reference or "").strip()[:40]
    if not reference:
        raise ValueError("a reference is required")
    body = clean_text(text)
    if not body:
        SubmittedText.objects.filter(source=source, reference=reference).delete()
        return None
    item, _created = SubmittedText.objects.update_or_create(
        source=source,
        reference=reference,
        defaults={
            "text": body,
            "language": (language or "en")[:8],
            "area": area if isinstance(area, Area) else None,
            "sensitive": bool(sensitive),
            "submitted_at": submitted_at or timezone.now(),
            "redacted": "",
            "sentiment_label": "",
            "sentiment_score": None,
            "sentiment_source": "",
            "analysed_at": None,
        },
    )
    from bluebridge.feedback.tasks import analyse_text

    # The database task backend stores the task in this transaction: both or neither.
    analyse_text.enqueue(item.pk)
    return item


def on_text_submitted(sender: Any, **kwargs: Any) -> None:
    """Receiver of core.events.text_submitted; never raises into the sender."""
    try:
        with transaction.atomic():
            record(
                kwargs.get("source", ""),
                kwargs.get("reference", ""),
                kwargs.get("text", ""),
                language=kwargs.get("language") or "en",
                area=kwargs.get("area"),
                sensitive=bool(kwargs.get("sensitive", False)),
                submitted_at=kwargs.get("submitted_at"),
            )
    except (ValueError, DatabaseError) as error:
        log.warning(
            "text from %s %s not analysed: %s",
            kwargs.get("source"),
            kwargs.get("reference"),
            error,
        )


def analyse(item_id: int) -> bool:
    """Redact and score one stored text, then wipe the original. False when there was nothing."""
    item = SubmittedText.objects.filter(pk=item_id).first()
    if item is None or not item.text:
        return False
    [sentiment] = engine.analyse_sentiment([item.text], sentiment_model.current())
    item.redacted = engine.redact(item.text)[:MAX_REDACTED]
    item.sentiment_label = sentiment.label
    item.sentiment_score = float(sentiment.score)
    item.sentiment_source = sentiment.source
    item.analysed_at = timezone.now()
    item.text = ""
    item.save()
    return True
