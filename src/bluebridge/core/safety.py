"""The emergency screen: does a resident's text describe danger happening now?

`screen(text, language)` looks for signs of an emergency (a break-in in progress, a weapon,
someone hurt, a fire, an overdose, a child in danger, being followed, violence now) or of a
personal crisis (suicide or self-harm), in English and Spanish. Forms show "Call 911 now" (or
988 for a crisis) before anything else when it finds one.

It errs on the side of caution. Negation or past tense ("no one was hurt", "last week") only
sets `softened`, so the wording can be gentler; the 911 line is never taken away. Only a
question about paperwork or prevention for a past or imagined event ("how do I get the report
for last month's break-in", "what should I do if my car is broken into") with no sign of danger
now is let through, and never when it is about being followed or a child.

`analyse(text)` gives the detail (reasons, negation, past, immediacy). Later apps may add a
learned detector with `register_detector` (the citizen assistant registers its n-gram model
when it loads), so every form that calls `screen` gets the same layered screen as the chat:
either layer may trigger. The danger patterns live in `safety_rules.py`, the harmless phrases
and context cues in `safety_cues.py`.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal

from bluebridge.core import safety_cues as C
from bluebridge.core import safety_rules as R

EMERGENCY: Literal["emergency"] = "emergency"
CRISIS: Literal["crisis"] = "crisis"

_COMPILED_EMERGENCY = [(name, re.compile(p)) for name, p in R.EMERGENCY_RULES]
_COMPILED_CRISIS = [(name, re.compile(p)) for name, p in R.CRISIS_RULES]
_BENIGN = [re.compile(p) for p in C.BENIGN]
_NEGATION = re.compile(C.NEGATION)
_PAST = re.compile(C.PAST)
_IMMEDIATE = re.compile(C.IMMEDIATE)
_INQUIRY = re.compile(C.INQUIRY)
_HYPOTHETICAL = re.compile(C.HYPOTHETICAL)
_MARKED_HYPOTHETICAL = re.compile(C.MARKED_HYPOTHETICAL)
_PAPERWORK = re.compile(C.PAPERWORK)
_STICKY = re.compile(C.STICKY)
MAX_CHARS = 8000

# A learned detector reads the prepared text and says "emergency", "crisis" or None.
Detector = Callable[[str], str | None]
_DETECTORS: list[Detector] = []


def register_detector(detector: Detector) -> None:
    """Add a learned layer to `screen` (once; apps call this from AppConfig.ready)."""
    if detector not in _DETECTORS:
        _DETECTORS.append(detector)


def _learned(prepared: str) -> str | None:
    """The strongest guess of the registered detectors: crisis, then emergency, then None."""
    guesses = {detector(prepared) for detector in _DETECTORS}
    return CRISIS if CRISIS in guesses else EMERGENCY if EMERGENCY in guesses else None


@dataclass(frozen=True)
class Verdict:
    kind: Literal["emergency", "crisis"] | None
    matched: list[str] = field(default_factory=list)
    softened: bool = False

    def __bool__(self) -> bool:
        return self.kind is not None


@dataclass(frozen=True)
class Findings:
    """Everything the rules saw in one text."""

    emergency: list[str]  # reasons, e.g. ["weapon", "hurt"]
    crisis: list[str]  # ["self-harm"] or []
    emergency_negated: bool  # every emergency match had a negation just before it
    crisis_negated: bool
    past: bool
    immediate: bool
    cleared: bool  # emergency matches only inside a question about the past or a what-if

    @property
    def kind(self) -> Literal["emergency", "crisis"] | None:
        if self.emergency and not self.cleared:
            return EMERGENCY
        if self.crisis:
            return CRISIS
        return None

    @property
    def emergency_softened(self) -> bool:
        return (self.emergency_negated or self.past) and not self.immediate

    @property
    def crisis_softened(self) -> bool:
        return (self.crisis_negated or self.past) and not self.immediate


def normalise(text: str) -> str:
    """Lower case, accents removed, straight apostrophes, single spaces."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    plain = plain.replace("\u2019", "'").replace("\u2018", "'")
    return re.sub(r"\s+", " ", plain)


def _mask_benign(text: str) -> str:
    """`text` with harmless phrases ("gun permit", "fire hydrant") blanked out."""
    chars = list(text)
    for pattern in _BENIGN:
        for match in pattern.finditer(text):
            chars[match.start() : match.end()] = " " * (match.end() - match.start())
    return "".join(chars)


def prepare_both(text: str) -> tuple[str, str]:
    """(the normalised text cut to MAX_CHARS, the same with harmless phrases blanked)."""
    whole = normalise((text or "")[:MAX_CHARS])
    return whole, _mask_benign(whole)


def prepare(text: str) -> str:
    """The text the detectors read: normalised, cut to MAX_CHARS, harmless phrases blanked."""
    return prepare_both(text)[1]


def learned_text(whole: str, plain: str) -> str:
    """What a learned layer reads, from `prepare_both`'s pair: `plain`, unless harmless phrases
    made up most of the text. Then too little is left for an n-gram model ("i want to" of "I
    want to contest a speeding ticket" reads like a crisis), and a harmless pattern may have
    run over danger, so the model reads the whole normalised text instead."""
    kept = len(plain.replace(" ", ""))
    return plain if kept * 2 > len(whole.replace(" ", "")) else whole


def _find(rules: list[tuple[str, re.Pattern[str]]], text: str) -> tuple[list[str], bool]:
    """Names of the rules that match, and whether every match had a negation before it."""
    names: list[str] = []
    all_negated = True
    for name, pattern in rules:
        for match in pattern.finditer(text):
            if name not in names:
                names.append(name)
            if not _NEGATION.search(text[max(0, match.start() - 40) : match.start()]):
                all_negated = False
    return names, bool(names) and all_negated


def _cleared(emergency: list[str], text: str, past: bool, marked: bool) -> bool:
    """Is every danger sign inside a question about paperwork, the past, or a what-if?"""
    if _STICKY.search(text):
        return False
    if marked or _HYPOTHETICAL.search(text):
        return True
    if not set(emergency) <= C.CLEARABLE or not _INQUIRY.search(text):
        return False
    return past or bool(_PAPERWORK.search(text))


def analyse(text: str) -> Findings:
    """What the rules see in `text` (English and Spanish are both always read)."""
    return analyse_prepared(prepare(text))


def analyse_prepared(plain: str) -> Findings:
    """`analyse` of a text already passed through `prepare`."""
    emergency, emergency_negated = _find(_COMPILED_EMERGENCY, plain)
    crisis, crisis_negated = _find(_COMPILED_CRISIS, plain)
    past = bool(_PAST.search(plain))
    immediate = bool(_IMMEDIATE.search(plain))
    marked = bool(_MARKED_HYPOTHETICAL.search(plain))
    cleared = (
        bool(emergency) and (marked or not immediate) and _cleared(emergency, plain, past, marked)
    )
    return Findings(emergency, crisis, emergency_negated, crisis_negated, past, immediate, cleared)


def screen(text: str, language: str = "en") -> Verdict:
    """Screen `text` (in English or Spanish; both are always checked, people mix languages)."""
    if not text or not text.strip():
        return Verdict(None)
    whole, plain = prepare_both(text)  # once: the rules and the learned layers read these
    found = analyse_prepared(plain)
    if found.kind == EMERGENCY:
        return Verdict(EMERGENCY, found.emergency + found.crisis, found.emergency_softened)
    learned = _learned(learned_text(whole, plain)) if _DETECTORS else None
    if found.kind == CRISIS or learned == CRISIS:
        return Verdict(CRISIS, found.crisis or ["self-harm"], found.crisis_softened)
    if learned == EMERGENCY and not found.cleared:
        # The rules read a question about paperwork or a what-if: the model does not overrule.
        return Verdict(EMERGENCY, ["model"], False)
    return Verdict(None)
