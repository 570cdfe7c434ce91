"""The standard surveys every installation starts with (created by a data migration).

The community survey asks the three items of published resident sentiment surveys (safety,
respect, listening; 0–10) and the number-one issue; the post-contact survey asks satisfaction
(1–5), whether the issue was resolved, would-recommend (0–10, NPS) and a comment.
Question codes named in STANDARD_ITEMS are copied onto the response for fast aggregation.
"""

from __future__ import annotations

from typing import Any

STANDARD_ITEMS = ("safety", "respect", "listen", "csat", "nps")

YES_NO_PARTLY = [
    {"value": "yes", "label": "Yes", "label_es": "Sí"},
    {"value": "partly", "label": "Partly", "label_es": "En parte"},
    {"value": "no", "label": "No", "label_es": "No"},
]

COMMUNITY: list[dict[str, Any]] = [
    {
        "code": "safety",
        "type": "agreement",
        "text": "How safe do you feel in your neighborhood? (0 = not at all safe, 10 = completely safe)",
        "text_es": "¿Qué tan seguro/a se siente en su vecindario? (0 = nada seguro, 10 = completamente seguro)",
        "required": True,
    },
    {
        "code": "respect",
        "type": "agreement",
        "text": "Police in my neighborhood treat residents with respect. (0 = strongly disagree, 10 = strongly agree)",
        "text_es": "La policía de mi vecindario trata a los residentes con respeto. (0 = totalmente en desacuerdo, 10 = totalmente de acuerdo)",
        "required": True,
    },
    {
        "code": "listen",
        "type": "agreement",
        "text": "Police listen to and take into account the concerns of residents. (0 = strongly disagree, 10 = strongly agree)",
        "text_es": "La policía escucha y toma en cuenta las preocupaciones de los residentes. (0 = totalmente en desacuerdo, 10 = totalmente de acuerdo)",
        "required": True,
    },
    {
        "code": "top_issue",
        "type": "text",
        "text": "What is the number one issue you want the police to deal with?",
        "text_es": "¿Cuál es el problema número uno que quiere que la policía atienda?",
        "required": False,
    },
]

POST_CONTACT: list[dict[str, Any]] = [
    {
        "code": "csat",
        "type": "rating",
        "text": "How satisfied are you with how we handled your request? (1 = very dissatisfied, 5 = very satisfied)",
        "text_es": "¿Qué tan satisfecho/a está con cómo atendimos su solicitud? (1 = muy insatisfecho, 5 = muy satisfecho)",
        "required": True,
    },
    {
        "code": "resolved",
        "type": "single",
        "text": "Was your issue resolved?",
        "text_es": "¿Se resolvió su problema?",
        "required": False,
        "choices": YES_NO_PARTLY,
    },
    {
        "code": "nps",
        "type": "recommend",
        "text": "How likely are you to recommend contacting us to a neighbor? (0 = not at all likely, 10 = extremely likely)",
        "text_es": "¿Qué tan probable es que recomiende a un vecino contactarnos? (0 = nada probable, 10 = muy probable)",
        "required": False,
    },
    {
        "code": "comment",
        "type": "text",
        "text": "Anything else you want to tell us?",
        "text_es": "¿Algo más que quiera decirnos?",
        "required": False,
    },
]

RECOVERY: list[dict[str, Any]] = [POST_CONTACT[0], POST_CONTACT[1], POST_CONTACT[3]]

SURVEYS: list[dict[str, Any]] = [
    {
        "slug": "community",
        "kind": "community",
        "title": "Community survey: safety and trust",
        "title_es": "Encuesta comunitaria: seguridad y confianza",
        "intro": "Four short questions about your neighborhood and its police. It takes about two minutes. Answers are anonymous.",
        "intro_es": "Cuatro preguntas breves sobre su vecindario y su policía. Toma unos dos minutos. Las respuestas son anónimas.",
        "questions": COMMUNITY,
    },
    {
        "slug": "post-contact",
        "kind": "post_contact",
        "title": "How did we do?",
        "title_es": "¿Cómo lo hicimos?",
        "intro": "You recently contacted us. Please tell us how it went: it takes a minute.",
        "intro_es": "Usted se comunicó con nosotros hace poco. Cuéntenos cómo le fue: toma un minuto.",
        "questions": POST_CONTACT,
    },
    {
        "slug": "recovery",
        "kind": "recovery",
        "title": "Did we put it right?",
        "title_es": "¿Lo corregimos?",
        "intro": "We followed up on your experience. Please tell us whether we put things right.",
        "intro_es": "Dimos seguimiento a su experiencia. Díganos si corregimos las cosas.",
        "questions": RECOVERY,
    },
]


def install_standard_surveys() -> None:
    """Create the standard surveys and default policies where missing (idempotent).

    The data migration does this on install; tests that flush the database call it again.
    """
    from bluebridge.feedback.models import Survey, SurveyPolicy, SurveyVersion

    for spec in SURVEYS:
        fields = {k: v for k, v in spec.items() if k != "questions"}
        survey, created = Survey.objects.get_or_create(slug=spec["slug"], defaults=fields)
        if created or not survey.versions.exists():
            SurveyVersion.objects.create(survey=survey, number=1, questions=spec["questions"])
    post = Survey.objects.get(slug="post-contact")
    for kind in ("request", "complaint", "chat"):
        SurveyPolicy.objects.get_or_create(
            source_kind=kind, category="", defaults={"survey": post, "delay_hours": 24}
        )
