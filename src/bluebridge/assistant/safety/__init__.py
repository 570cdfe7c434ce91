"""The assistant's safety screen: every chat message passes here before anything else.

    from bluebridge.assistant.safety import screen
    result = screen("alguien está entrando a mi casa", "es")
    result.kind      # "emergency"
    result.reply     # the fixed, reviewed Spanish 911 reply

Two detectors are layered and either may trigger:
- the rule engine shared with the service-desk report form (`bluebridge.core.safety`):
  immediacy, weapons, injury, fire, overdose, child in danger, being followed, intruders,
  violence, suicide and self-harm, in English and Spanish, tolerant of accents and common typos;
- a small learned model (`model.py`): character and word n-gram logistic regression trained on
  `data/train.jsonl`, shipped as weights in `data/model.json`.
Negation or past tense only softens the wording; the 911 (or 988) line is always kept.
No Django here: the app logs every hit for review.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from bluebridge.assistant.safety import replies
from bluebridge.assistant.safety.model import predict
from bluebridge.core import safety as rules

NONE = "none"
EMERGENCY = "emergency"
CRISIS = "crisis"

# Reasons that mean danger to life right now, even next to suicidal words ("I took all my
# pills", "I have a gun and want to end it"): the crisis reply then leads with 911.
_IMMEDIATE_REASONS = {"weapon", "hurt", "overdose", "fire", "immediacy", "violence"}


@dataclass(frozen=True)
class SafetyResult:
    kind: str  # "none" | "emergency" | "crisis"
    reply: str  # fixed reviewed text in the message's language ("" for none)
    softened: bool  # negation/past tense seen: softer wording, the 911/988 line kept
    reasons: list[str] = field(default_factory=list)  # e.g. ["weapon", "immediacy"]
    detector: str = ""  # "rules" | "model" | "both" | ""

    def __bool__(self) -> bool:
        return self.kind != NONE


CLEAR = SafetyResult(NONE, "", False, [], "")


def _language(language: str) -> str:
    return "es" if (language or "en").lower().startswith("es") else "en"


def screen(text: str, language: str = "en") -> SafetyResult:
    """Screen one message. `language` picks the reply's language; both are always read."""
    if not text or not text.strip():
        return CLEAR
    lang = _language(language)
    whole, plain = rules.prepare_both(text)  # once: the rules and the model read these
    found = rules.analyse_prepared(plain)
    rule_kind = found.kind
    model_kind = predict(rules.learned_text(whole, plain)).kind
    if model_kind == EMERGENCY and found.cleared:
        # The rules read it as a question about paperwork or a what-if, with no sign of
        # danger now: the model alone does not overrule that.
        model_kind = None
    if rule_kind is None and model_kind is None:
        return CLEAR
    detector = "both" if rule_kind and model_kind else ("rules" if rule_kind else "model")
    crisis = rule_kind == CRISIS or model_kind == CRISIS or bool(found.crisis)
    reasons = list(dict.fromkeys([*found.emergency, *found.crisis]))
    if found.immediate and "immediacy" not in reasons:
        reasons.append("immediacy")
    if model_kind and not rule_kind:
        reasons.append(f"model:{model_kind}")
    if crisis:
        if "self-harm" not in reasons and not found.crisis:
            reasons.insert(0, "self-harm")
        immediate = bool(_IMMEDIATE_REASONS.intersection(found.emergency)) or found.immediate
        if immediate or model_kind == EMERGENCY or (rule_kind == EMERGENCY and found.emergency):
            key = replies.CRISIS_IMMEDIATE
            softened = False
        else:
            softened = found.crisis_softened if found.crisis else False
            key = replies.CRISIS_SOFTENED if softened else replies.CRISIS
        return SafetyResult(CRISIS, replies.reply(key, lang), softened, reasons, detector)
    softened = found.emergency_softened if found.emergency else False
    key = replies.EMERGENCY_SOFTENED if softened else replies.EMERGENCY
    return SafetyResult(EMERGENCY, replies.reply(key, lang), softened, reasons, detector)


__all__ = ["CRISIS", "EMERGENCY", "NONE", "SafetyResult", "screen"]
