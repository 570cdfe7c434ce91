"""The department's own sentiment model, trained on survey comments that come with a rating.

A free-text answer is labelled by the satisfaction rating of its response (csat 1-5, else the
would-recommend 0-10; `text.label_from_rating`). The daily job `feedback-sentiment-model` trains
the learned model (docs/feedback-text.md) once there are enough labelled comments (at least
`text.MIN_LABELS`, 10 in each of two classes) and saves it under DATA_DIR/feedback/. From then
on every new text (survey answers, complaints, chats) is scored by it, source "learned"; until
then, and whenever the file cannot be read, VADER answers.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from django.conf import settings

from bluebridge.feedback import text
from bluebridge.feedback.models import Answer, QuestionType

log = logging.getLogger(__name__)

_loaded: dict[str, Any] = {}


def model_path() -> Path:
    return Path(settings.DATA_DIR) / "feedback" / "sentiment-model.pkl"


def labelled_comments() -> tuple[list[str], list[str]]:
    """Every free-text survey answer whose response has a rating, with the rating's label."""
    texts: list[str] = []
    labels: list[str] = []
    rows = (
        Answer.objects.filter(qtype=QuestionType.TEXT)
        .exclude(text="")
        .values_list("text", "response__csat", "response__nps")
        .order_by("id")
    )
    for body, csat, nps in rows:
        if csat is not None:
            labels.append(text.label_from_rating(csat, 5))
        elif nps is not None:
            labels.append(text.label_from_rating(nps, 10))
        else:
            continue
        texts.append(body)
    return texts, labels


def train(*, use_embeddings: bool | None = None) -> dict[str, Any]:
    """Train and save the model when there are enough labels; says what it did."""
    texts, labels = labelled_comments()
    model = text.SentimentModel(
        use_embeddings=use_embeddings,
        finetune_epochs=settings.BLUEBRIDGE_SENTIMENT_FINETUNE_EPOCHS,
    ).fit(texts, labels)
    if not model.is_trained:
        return {"labels": len(labels), "trained": False}
    model.save(model_path())
    _loaded.clear()
    return {
        "labels": len(labels),
        "trained": True,
        "cv_macro_f1": model.cv_macro_f1,
        "fine_tuned": model.is_fine_tuned,
        "seconds": round(model.fit_seconds, 1),
    }


def current() -> text.SentimentModel | None:
    """The saved model (reloaded when the file changes), or None: VADER answers then."""
    path = model_path()
    try:
        stamp = path.stat().st_mtime_ns
    except FileNotFoundError:
        return None
    if _loaded.get("stamp") != stamp:
        try:
            model = text.SentimentModel.load(path)
        except (ValueError, RuntimeError, OSError) as error:
            log.warning("sentiment model %s not used: %s", path, error)
            model = None
        _loaded.update(stamp=stamp, model=model)
    return _loaded.get("model")
