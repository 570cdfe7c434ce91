"""VADER (vaderSentiment 3.3.2) for English, and the VADER method with a Spanish lexicon.

VADER is English-only. For Spanish text the same rules run over a small Spanish lexicon
(lexicon_es.py): Spanish negators and intensifiers are mapped to their English equivalents so
VADER's negation, booster and "but" rules apply, and accents are folded. This is a coarse
baseline; the learned model (learned.py), trained on the department's own rated comments in
both languages, is the better engine once enough labels exist.
"""

from __future__ import annotations

import re
from functools import lru_cache

from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

from bluebridge.feedback.text import language, lexicon_es

POSITIVE_AT = 0.05  # VADER's own recommended thresholds on the compound score
NEGATIVE_AT = -0.05


@lru_cache(maxsize=1)
def _english() -> SentimentIntensityAnalyzer:
    return SentimentIntensityAnalyzer()


@lru_cache(maxsize=1)
def _spanish() -> SentimentIntensityAnalyzer:
    analyser = SentimentIntensityAnalyzer()
    # Only this instance's lexicon changes; the library's module state is left alone.
    analyser.lexicon = {**analyser.lexicon, **lexicon_es.lexicon()}
    return analyser


_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


def _spanish_to_vader(text: str) -> str:
    def swap(match: re.Match[str]) -> str:
        word = match.group(0)
        folded = language.fold(word).replace("n\u0303", "n")
        mapped = lexicon_es.FUNCTION_WORDS_TO_EN.get(folded, folded)
        return mapped.upper() if word.isupper() and len(word) > 1 else mapped

    return _WORD.sub(swap, text)


def polarity(text: str, lang: str | None = None) -> dict[str, float]:
    """VADER's scores {neg, neu, pos, compound}; Spanish text uses the Spanish lexicon."""
    lang = lang or language.guess(text)
    if lang == "es":
        return _spanish().polarity_scores(_spanish_to_vader(text))
    return _english().polarity_scores(text)


def label_of(compound: float) -> str:
    if compound >= POSITIVE_AT:
        return "positive"
    if compound <= NEGATIVE_AT:
        return "negative"
    return "neutral"
