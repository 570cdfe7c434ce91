"""A suggested complaint type from the complainant's words. No Django.

A TF-IDF (character n-grams, so Spanish and typos work) + logistic regression model trained on
a small labelled set written for this purpose. It only suggests: a person confirms the class.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

CONDUCT_CODES = frozenset(
    {"force", "abuse_of_authority", "discourtesy", "offensive_language", "other_misconduct"}
)
CONFIDENT = 0.35

EXAMPLES: dict[str, list[str]] = {
    "slow_response": [
        "I reported a break-in and nobody came for three days",
        "waited over two hours for an officer to arrive after I called",
        "it took weeks to get a reply to my report",
        "my report about the abandoned car has been open for a month with no response",
        "the response was very slow, nobody showed up",
        "called the non-emergency line and waited forever, no one answered",
        "esperé horas y nadie vino a ayudarme",
        "tardaron días en responder a mi reporte",
    ],
    "no_follow_up": [
        "the detective said he would call me back and never did",
        "nobody followed up on my case after the first visit",
        "I was promised an update and heard nothing",
        "no one got back to me about my stolen bike report",
        "I never got the copy of the report they said they would send",
        "they never called back about my case",
        "nadie me volvió a llamar sobre mi caso",
        "prometieron una actualización y nunca la recibí",
    ],
    "unclear_information": [
        "the website gave wrong information about how to get a police report",
        "I was told different things by different people at the front desk",
        "the letter I received was confusing and did not explain what happens next",
        "nobody could tell me where my towed car was",
        "the instructions on the form were unclear and I filled it wrong",
        "I got incorrect information about the fees",
        "la información que me dieron era confusa e incorrecta",
        "no me explicaron qué pasos seguir",
    ],
    "rudeness": [
        "the clerk at the front desk was dismissive and unhelpful",
        "the person on the phone was impatient and hung up on me",
        "staff at the records window were not friendly and ignored my questions",
        "the receptionist was short with me and did not listen",
        "the call taker was not helpful at all",
        "la recepcionista fue poco amable y no me ayudó",
        "el empleado fue impaciente y me colgó el teléfono",
    ],
    "force": [
        "the officer pushed me to the ground and hit me",
        "he slammed me against the car and twisted my arm",
        "they used a taser on my son even though he was not resisting",
        "the officer punched me while I was handcuffed",
        "officer pointed his gun at me and tackled me",
        "I was choked and kicked by the officers during the arrest",
        "the handcuffs were so tight my wrists were injured",
        "el oficial me empujó y me golpeó",
        "me tiraron al suelo y me lastimaron el brazo",
    ],
    "abuse_of_authority": [
        "I was stopped and searched for no reason",
        "the officer searched my car without permission or a warrant",
        "they threatened to arrest me if I kept recording",
        "officer refused to give me his name and badge number",
        "I was detained for an hour without being told why",
        "the officer took my phone and deleted my video",
        "he entered my home without a warrant",
        "me detuvieron y registraron sin ningún motivo",
        "el agente se negó a darme su número de placa",
    ],
    "discourtesy": [
        "the officer cursed at me and told me to shut up",
        "he was rude and sarcastic and laughed at me",
        "the officer yelled at me and used profanity",
        "she gave me the middle finger as she drove away",
        "the officer was extremely rude and insulting during the traffic stop",
        "he swore at me and called me stupid",
        "el oficial me gritó y me insultó",
        "fue muy grosero y usó malas palabras",
    ],
    "offensive_language": [
        "the officer used a racial slur",
        "he made a comment about my religion",
        "the officer mocked my accent and told me to go back to my country",
        "he called me a homophobic slur",
        "officer made fun of my disability",
        "made sexist remarks about women drivers",
        "el agente hizo comentarios racistas sobre mi origen",
        "se burló de mi acento y de mi país",
    ],
    "other_misconduct": [
        "the officer was drunk on duty",
        "I saw an officer take money from a driver",
        "the officer lied in his report about what happened",
        "the officer damaged my property during the search and did not report it",
        "officer was texting while driving and ran a red light without lights",
        "the officer shared my personal information with my neighbour",
        "el oficial aceptó dinero para no poner la multa",
    ],
}


@dataclass(frozen=True)
class Suggestion:
    code: str
    confidence: float
    ranked: tuple[tuple[str, float], ...]

    @property
    def kind(self) -> str:
        return "conduct" if self.code in CONDUCT_CODES else "service"

    @property
    def confident(self) -> bool:
        return self.confidence >= CONFIDENT


@lru_cache(maxsize=1)
def _model() -> Any:
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline

    texts = [t for examples in EXAMPLES.values() for t in examples]
    labels = [code for code, examples in EXAMPLES.items() for _ in examples]
    pipeline = make_pipeline(
        TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True, lowercase=True),
        LogisticRegression(C=20.0, max_iter=2000),
    )
    pipeline.fit(texts, labels)
    return pipeline


def suggest(text: str) -> Suggestion:
    """The most likely type for a complaint's text, with the model's probability."""
    model = _model()
    probabilities = model.predict_proba([text or ""])[0]
    ranked = sorted(
        zip(model.classes_, (float(p) for p in probabilities), strict=True),
        key=lambda pair: -pair[1],
    )
    code, confidence = ranked[0]
    return Suggestion(
        str(code), round(confidence, 3), tuple((str(c), round(p, 3)) for c, p in ranked)
    )
