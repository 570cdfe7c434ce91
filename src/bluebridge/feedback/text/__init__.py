"""The feedback text engine: redaction, sentiment, themes and emerging concerns (no Django).

from bluebridge.feedback.text import redact, analyse_sentiment, SentimentModel, find_themes
"""

from bluebridge.feedback.text.alerts import Alert, count_rows, emerging_concerns
from bluebridge.feedback.text.learned import MIN_LABELS, MIN_PER_CLASS, SentimentModel
from bluebridge.feedback.text.redact import redact
from bluebridge.feedback.text.sentiment import (
    LABELS,
    Sentiment,
    analyse_sentiment,
    label_from_rating,
)
from bluebridge.feedback.text.themes import Theme, find_themes

__all__ = [
    "LABELS",
    "MIN_LABELS",
    "MIN_PER_CLASS",
    "Alert",
    "Sentiment",
    "SentimentModel",
    "Theme",
    "analyse_sentiment",
    "count_rows",
    "emerging_concerns",
    "find_themes",
    "label_from_rating",
    "redact",
]
