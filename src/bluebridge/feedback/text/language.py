"""A tiny stop-word language guesser: English or Spanish (the languages Bluebridge serves)."""

from __future__ import annotations

import re
import unicodedata


def words(text: str) -> frozenset[str]:
    """A set of words written as one whitespace-separated string."""
    return frozenset(text.split())


_ES = words(
    """de la que el en y los se del las por un para con una su al es lo como mas pero sus le ya
    este porque esta entre cuando muy sin sobre tambien hasta hay donde quien desde todo nos
    durante todos uno les ni contra otros ese eso ante ellos esto antes algunos unos yo otro
    otras otra tanto esa estos mucho quienes nada muchos cual poco ella estar estas algunas algo
    nosotros mis tu te ti tus ellas usted ustedes fue era son estaba estan gracias nadie nunca
    llegaron vino tarde calle policia agente vecinos barrio"""
)
_EN = words(
    """the and to of in is it you that was for on are with as his they be at one have this from
    or had by not but what some we can out other were all there when up your how said an each
    she which do their time if will way about many then them would like so these her see him
    has two more could go been who did my than been into its only new our just very because
    police officer street people came nobody never"""
)

_TOKEN = re.compile(r"[a-zñ]+")


def fold(text: str) -> str:
    """Lower case without accents ("Policía" -> "policia")."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch) or ch == "\u0303")


def guess(text: str) -> str:
    """'es' or 'en' (English when unsure)."""
    tokens = _TOKEN.findall(fold(text).replace("n\u0303", "ñ"))
    es = sum(t in _ES for t in tokens) + 2 * sum(ch in "¿¡ñ" for ch in text.lower())
    en = sum(t in _EN for t in tokens)
    return "es" if es > en and es >= 2 else "en"
