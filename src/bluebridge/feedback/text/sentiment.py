"""Sentiment of free text: the result type and the entry point (VADER unless a model is given)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any

from bluebridge.feedback.text import vader

if TYPE_CHECKING:
    from bluebridge.feedback.text.learned import SentimentModel

LABELS = ("negative", "neutral", "positive")


@dataclass(frozen=True)
class Sentiment:
    label: str  # "negative" | "neutral" | "positive"
    score: float  # -1 (most negative) .. +1 (most positive)
    source: str  # "vader" | "learned"

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def vader_sentiment(texts: Sequence[str], language_hint: str | None = None) -> list[Sentiment]:
    out = []
    for text in texts:
        compound = vader.polarity(text or "", language_hint)["compound"]
        out.append(Sentiment(vader.label_of(compound), round(float(compound), 4), "vader"))
    return out


def analyse_sentiment(
    texts: Sequence[str], model: SentimentModel | None = None, *, language_hint: str | None = None
) -> list[Sentiment]:
    """One Sentiment per text. VADER when model is None or not trained on enough labels."""
    if model is not None and model.is_trained:
        return model.predict(texts)
    return vader_sentiment(texts, language_hint)


def label_from_rating(rating: float, scale: int = 5) -> str:
    """A rating's sentiment label: the bottom 40 % negative, the middle neutral, the top positive.

    On a 1..5 scale: 1-2 negative, 3 neutral, 4-5 positive. On 0..10 (scale=10, NPS style):
    0-6 negative, 7-8 neutral, 9-10 positive.
    """
    if scale == 10:
        return "negative" if rating <= 6 else "neutral" if rating <= 8 else "positive"
    low, high = 1, scale
    position = (rating - low) / (high - low)
    if position < 0.4:
        return "negative"
    if position <= 0.6:
        return "neutral"
    return "positive"
