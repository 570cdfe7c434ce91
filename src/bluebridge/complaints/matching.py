"""Matching what a complainant or commender typed about officers to the roster.

For staff only: the suggestions name officers, and the person who wrote never sees them.
A badge number is a strong match; names are compared loosely (typos, accents); a rank word
('sergeant') adds a little.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass

from bluebridge.core.models import Officer

RANKS = ("officer", "corporal", "sergeant", "lieutenant", "captain", "detective")


@dataclass(frozen=True)
class Match:
    officer: Officer
    score: float
    reasons: tuple[str, ...]


def _plain(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text or "")
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def _similar(word: str, name: str) -> bool:
    return word == name or (
        len(word) >= 4 and difflib.SequenceMatcher(None, word, name).ratio() >= 0.85
    )


def suggest(text: str, limit: int = 5) -> list[Match]:
    plain = _plain(text)
    if not plain.strip():
        return []
    badges = set(re.findall(r"\b\d{3,6}\b", plain))
    words = {w for w in re.findall(r"[a-z][a-z'-]{2,}", plain) if w not in RANKS}
    ranks = {r for r in RANKS if r in plain}
    found = []
    for officer in Officer.objects.filter(active=True).select_related("unit"):
        score, reasons = 0.0, []
        if officer.badge in badges:
            score += 1.0
            reasons.append(f"badge {officer.badge}")
        last, first = _plain(officer.last_name), _plain(officer.first_name)
        if any(_similar(w, last) for w in words):
            score += 0.6
            reasons.append("last name")
        if any(_similar(w, first) for w in words):
            score += 0.3
            reasons.append("first name")
        if score and officer.rank.lower() in ranks:
            score += 0.1
            reasons.append("rank")
        if score >= 0.6:
            found.append(Match(officer, round(score, 2), tuple(reasons)))
    found.sort(key=lambda m: (-m.score, m.officer.last_name))
    return found[:limit]


def confident_match(text: str) -> Officer | None:
    """The one officer a text points to beyond doubt (badge number plus name), else None."""
    matches = suggest(text, limit=2)
    if not matches or matches[0].score < 1.6:
        return None
    if len(matches) > 1 and matches[1].score >= 1.0:
        return None
    return matches[0].officer
