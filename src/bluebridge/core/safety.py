"""The emergency screen: does a resident's text describe danger happening now?

`screen(text, language)` looks for signs of an emergency (a break-in in progress, a weapon,
someone hurt, a fire, an overdose, a child in danger, being followed, violence now) or of a
personal crisis (suicide or self-harm), in English and Spanish. Forms show "Call 911 now" (or
988 for a crisis) before anything else when it finds one.

It errs on the side of caution. Negation or past tense ("no one was hurt", "last week") only
sets `softened`, so the wording can be gentler; the 911 line is never taken away.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Literal

EMERGENCY: Literal["emergency"] = "emergency"
CRISIS: Literal["crisis"] = "crisis"

# Each rule: (name, pattern). Patterns run on lower-case text without accents.
_EMERGENCY_RULES: list[tuple[str, str]] = [
    # Break-in in progress
    (
        "break-in",
        r"\b(breaking|broke|break) ?in(to)?\b(?=.{0,40}\b(now|right now|at the moment)\b)",
    ),
    (
        "break-in",
        r"\b(is|are|someone|somebody|they|he|she)('s| is| are)? (trying to )?(breaking|break) ?in",
    ),
    ("break-in", r"\bbreaking in(to)?\b"),
    (
        "break-in",
        r"\b(someone|somebody|a stranger|a man|a woman|people) (is |are )?(inside|in) my (house|home|apartment|room)\b",
    ),
    ("break-in", r"\bintruders?\b|\bburglary in progress\b|\btrying to get in\b"),
    (
        "break-in",
        r"\b(esta|estan|estamos) (entrando|metiendose)\b|\bintentando? (entrar|meterse)\b",
    ),
    (
        "break-in",
        r"\bhay (alguien|un hombre|una mujer|gente|un extrano) (dentro de|en) (mi|la) (casa|departamento|apartamento|cuarto)\b",
    ),
    ("break-in", r"\bse (esta|estan) metiendo\b|\brobando ahora\b|\bintrusos?\b"),
    # Weapons
    (
        "weapon",
        r"\b(guns?|pistols?|handguns?|firearms?|rifles?|shotguns?|knife|knives|machetes?|armed)\b",
    ),
    (
        "weapon",
        r"\b(shooting|shootings|shots? fired|gunshots?|stabbed|stabbing|got shot|been shot)\b",
    ),
    (
        "weapon",
        r"\b(pistolas?|armas?|armados?|armadas?|disparos?|balazos?|balaceras?|tiroteos?|cuchillos?|navajas?|apunal\w*)\b",
    ),
    # Someone hurt
    (
        "hurt",
        r"\b(bleeding|unconscious|unresponsive|not breathing|can'?t breathe|passed out|collapsed|seizure|hurt|injured|wounded)\b(?! myself)",
    ),
    (
        "hurt",
        r"\b(sangrando|sangra|inconscientes?|no respira|desmayad[oa]s?|convulsion\w*|herid[oa]s?|lastimad[oa]s?|lesionad[oa]s?)\b",
    ),
    # Fire
    (
        "fire",
        r"\bfire\b(?! ?(hydrants?|lane|station|department|dept|truck|works|pit|place|alarm test))",
    ),
    (
        "fire",
        r"\b(on fire|burning|flames|smoke (coming|pouring)|(smell|see|lots of|full of) smoke)\b",
    ),
    (
        "fire",
        r"\b(fuego|incendio|incendiando|llamas|quemando\w*|se quema|sale humo|mucho humo|huele a humo)\b(?<!boca de incendio)",
    ),
    # Overdose
    ("overdose", r"\b(overdos\w*|o\.?d\.?'?ing|too many pills)\b|\bsobredosis\b"),
    # A child in danger
    (
        "child",
        r"\b(child|children|kid|kids|baby|babies|toddler|infant)\b.{0,40}\b(alone|locked|in danger|hot car|being hit|beaten|abused|missing)\b",
    ),
    ("child", r"\b(missing|lost) (child|kid|baby|toddler)\b"),
    (
        "child",
        r"\b(nino|nina|ninos|ninas|bebe|bebes|menor|menores)\b.{0,40}\b(solos?|solas?|encerrad[oa]s?|en peligro|golpe\w*|maltrat\w*|desaparecid[oa]s?|perdid[oa]s?)\b",
    ),
    # Being followed
    ("followed", r"\b(following|stalking|chasing) me\b|\bbeing (followed|chased|stalked)\b"),
    (
        "followed",
        r"\bme (esta|estan) (siguiendo|persiguiendo)\b|\bme (sigue|siguen|persigue|persiguen)\b",
    ),
    # Violence now
    (
        "violence",
        r"\b(hitting|beating|attacking|assaulting|choking|strangling|punching|kicking) (me|her|him|them|someone|somebody|a|my|his|her)\b",
    ),
    (
        "violence",
        r"\b(fight|fighting|assault|attack|attacked|raped?|raping|kidnapp?\w*|abducted|hostage)\b",
    ),
    (
        "violence",
        r"\b(threat\w*|going|wants?|trying) to kill\b(?! myself)|\bkill (me|her|him|us|them)\b",
    ),
    (
        "violence",
        r"\b(golpeando|pegando|atacando|ahorcando|estrangulando|pateando)\b|\b(pelea|peleando|peleas|agresion|agrediendo)\b",
    ),
    ("violence", r"\b(violando|violacion|secuestr\w*|rehen\w*)\b"),
    (
        "violence",
        r"\b(amenaz\w*|quiere|va a|intenta\w*|trata de) (con )?matar(me|nos|la|lo|los|las)?\b",
    ),
]

_CRISIS_RULES: list[tuple[str, str]] = [
    (
        "self-harm",
        r"\b(suicid\w*|kill myself|killing myself|end my life|ending my life|take my (own )?life)\b",
    ),
    (
        "self-harm",
        r"\b(want to die|wanna die|self[- ]harm\w*|hurt myself|hurting myself|cut myself|cutting myself)\b",
    ),
    (
        "self-harm",
        r"\b(quiero|voy a|pienso|pensando en|ganas de) (matarme|suicidarme|morirme|quitarme la vida)\b",
    ),
    (
        "self-harm",
        r"\bme quiero (matar|morir|suicidar)\b|\b(hacerme dano|lastimarme|cortarme|autolesion\w*)\b",
    ),
]

# Words that, just before a match, suggest negation ("no one was hurt", "sin armas").
_NEGATION = re.compile(
    r"\b(no|not|nobody|no one|none|never|without|wasn'?t|weren'?t|isn'?t|aren'?t|didn'?t|sin|nadie|ningun\w*|nunca)\b"
    r"(\s+\S+){0,3}\s*$"
)
# Words that suggest it is over ("last week", "yesterday", "la semana pasada").
_PAST = re.compile(
    r"\b(yesterday|last (night|week|month|year)|ago|earlier|already gone|is gone|were gone|"
    r"ayer|anoche|la semana pasada|el mes pasado|hace (\w+ )?(dias|semanas|meses|horas)|ya se fue|ya se fueron)\b"
)

_COMPILED_EMERGENCY = [(name, re.compile(p)) for name, p in _EMERGENCY_RULES]
_COMPILED_CRISIS = [(name, re.compile(p)) for name, p in _CRISIS_RULES]


@dataclass(frozen=True)
class Verdict:
    kind: Literal["emergency", "crisis"] | None
    matched: list[str] = field(default_factory=list)
    softened: bool = False

    def __bool__(self) -> bool:
        return self.kind is not None


def _normalise(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.lower())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    plain = plain.replace("\u2019", "'")
    return re.sub(r"\s+", " ", plain)


def _find(rules: list[tuple[str, re.Pattern[str]]], text: str) -> tuple[list[str], bool]:
    """Names of the rules that match, and whether every match was negated."""
    names: list[str] = []
    all_negated = True
    for name, pattern in rules:
        for match in pattern.finditer(text):
            if name not in names:
                names.append(name)
            if not _NEGATION.search(text[max(0, match.start() - 40) : match.start()]):
                all_negated = False
    return names, bool(names) and all_negated


def screen(text: str, language: str = "en") -> Verdict:
    """Screen `text` (in English or Spanish; both are always checked, people mix languages)."""
    if not text or not text.strip():
        return Verdict(None)
    plain = _normalise(text[:8000])
    crisis, crisis_negated = _find(_COMPILED_CRISIS, plain)
    emergency, emergency_negated = _find(_COMPILED_EMERGENCY, plain)
    past = bool(_PAST.search(plain))
    if emergency:
        softened = emergency_negated or past
        return Verdict(EMERGENCY, emergency + crisis, softened)
    if crisis:
        return Verdict(CRISIS, crisis, crisis_negated)
    return Verdict(None)
