"""The complaint types a new installation starts with, and their clocks (editable in the admin).

Service quality: acknowledge within 2 working days, decide within 30 working days.
Conduct (the civilian-review-board taxonomy): acknowledge within 2 working days, decide within
120 calendar days.
"""

from __future__ import annotations

from typing import Any

SERVICE_CLOCKS = {"acknowledge_days": 2, "decision_days": 30, "decision_clock": "business"}
CONDUCT_CLOCKS = {"acknowledge_days": 2, "decision_days": 120, "decision_clock": "calendar"}

# code, kind, name, name_es, description, description_es
DEFAULT_TYPES: list[tuple[str, str, str, str, str, str]] = [
    (
        "slow_response",
        "service",
        "Slow response",
        "Respuesta lenta",
        "We took too long to respond or to come.",
        "Tardamos demasiado en responder o en llegar.",
    ),
    (
        "no_follow_up",
        "service",
        "No follow-up",
        "Sin seguimiento",
        "We said we would get back to you and did not.",
        "Dijimos que le responderíamos y no lo hicimos.",
    ),
    (
        "unclear_information",
        "service",
        "Unclear information",
        "Información poco clara",
        "What we told you was confusing, wrong or incomplete.",
        "Lo que le dijimos era confuso, incorrecto o incompleto.",
    ),
    (
        "rudeness",
        "service",
        "Unhelpful or impolite service",
        "Servicio poco amable",
        "Staff were unhelpful or impolite, without misconduct.",
        "El personal fue poco amable o poco servicial, sin falta de conducta.",
    ),
    (
        "force",
        "conduct",
        "Use of force",
        "Uso de la fuerza",
        "An officer used physical force or a weapon.",
        "Un agente usó fuerza física o un arma.",
    ),
    (
        "abuse_of_authority",
        "conduct",
        "Abuse of authority",
        "Abuso de autoridad",
        "A stop, search, arrest, threat or refusal that was not justified.",
        "Una detención, registro, arresto, amenaza o negativa injustificada.",
    ),
    (
        "discourtesy",
        "conduct",
        "Discourtesy",
        "Descortesía",
        "An officer was rude, cursed or made insulting gestures.",
        "Un agente fue grosero, insultó o hizo gestos ofensivos.",
    ),
    (
        "offensive_language",
        "conduct",
        "Offensive language",
        "Lenguaje ofensivo",
        "Slurs or remarks about race, religion, gender, sexual orientation, disability or origin.",
        "Insultos o comentarios sobre raza, religión, género, orientación sexual, "
        "discapacidad u origen.",
    ),
    (
        "other_misconduct",
        "conduct",
        "Other misconduct",
        "Otra falta de conducta",
        "Any other behaviour by an officer that may break the rules.",
        "Cualquier otra conducta de un agente que pueda violar las normas.",
    ),
]


def install_default_types(model: Any) -> int:
    """Create the default types that are missing (existing ones are left as configured)."""
    made = 0
    for order, (code, kind, name, name_es, text, text_es) in enumerate(DEFAULT_TYPES):
        clocks = SERVICE_CLOCKS if kind == "service" else CONDUCT_CLOCKS
        _, created = model.objects.get_or_create(
            code=code,
            defaults={
                "kind": kind,
                "name": name,
                "name_es": name_es,
                "description": text,
                "description_es": text_es,
                "order": order,
                **clocks,
            },
        )
        made += created
    return made
