"""Tiny bilingual training data shared by the engine tests."""

from __future__ import annotations

import pytest

QUESTIONS = {
    "police-reports": [
        "how do I get a copy of a police report",
        "I need a copy of my accident report",
        "where can I request an incident report",
        "can I get the police report for my car crash",
        "¿cómo consigo una copia del informe policial?",
        "necesito una copia del informe del accidente",
        "¿dónde pido un informe de incidente?",
        "quiero el informe policial de mi choque",
    ],
    "noise-complaints": [
        "my neighbour plays loud music every night",
        "there is a loud party next door",
        "how do I report a noise complaint",
        "the dogs next door bark all night",
        "mis vecinos ponen la música muy alta",
        "hay una fiesta muy ruidosa al lado",
        "¿cómo denuncio ruido de los vecinos?",
        "los perros del vecino ladran toda la noche",
    ],
    "parking-tickets": [
        "how do I pay a parking ticket",
        "where can I pay my parking fine",
        "I want to dispute a parking citation",
        "my car got a ticket for parking",
        "¿cómo pago una multa de estacionamiento?",
        "¿dónde pago la multa de aparcamiento?",
        "quiero recurrir una multa de estacionamiento",
        "le pusieron una multa a mi coche mal aparcado",
    ],
}


@pytest.fixture(scope="session")
def training() -> tuple[list[str], list[str]]:
    texts = [q for qs in QUESTIONS.values() for q in qs]
    labels = [label for label, qs in QUESTIONS.items() for _ in qs]
    return texts, labels
