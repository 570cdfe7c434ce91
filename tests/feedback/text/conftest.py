"""Small synthetic feedback sets for the text engine's tests (English and Spanish)."""

from __future__ import annotations

import random

import pytest

POSITIVE = [
    "The officer was kind and helpful, thank you",
    "Great response, they came quickly and were polite",
    "Very professional staff, I felt safe and respected",
    "Excellent service, the problem was solved the same day",
    "El agente fue muy amable y nos ayudó mucho, gracias",
    "Excelente atención, llegaron rápido y fueron respetuosos",
]
NEGATIVE = [
    "Nobody came and the officer on the phone was rude",
    "Terrible service, I waited three hours and got no answer",
    "They ignored my complaint, awful and disrespectful",
    "Worst experience, the staff were dismissive and slow",
    "Pésimo servicio, nadie vino y el agente fue grosero",
    "Esperé horas y nunca me respondieron, una vergüenza",
]
NEUTRAL = [
    "I reported a parked car on the corner on Tuesday",
    "The form asked for my reference number and the address",
    "An officer visited in the afternoon to take the report",
    "I called the non-emergency line about a streetlight",
    "Llamé para informar de un coche aparcado en la esquina",
    "Un agente vino por la tarde para tomar la denuncia",
]
FILLERS = ["", " today", " yesterday", " last week", " this morning", " hoy", " ayer"]


def labelled(n_per_class: int, seed: int = 7) -> tuple[list[str], list[str]]:
    rng = random.Random(seed)
    texts: list[str] = []
    labels: list[str] = []
    for label, pool in (("positive", POSITIVE), ("negative", NEGATIVE), ("neutral", NEUTRAL)):
        for _ in range(n_per_class):
            texts.append(rng.choice(pool) + rng.choice(FILLERS))
            labels.append(label)
    order = list(range(len(texts)))
    rng.shuffle(order)
    return [texts[i] for i in order], [labels[i] for i in order]


@pytest.fixture
def labelled_comments() -> tuple[list[str], list[str]]:
    return labelled(80)


PARKING = [
    "Cars parked blocking my driveway again",
    "Someone parked across our driveway, blocked for hours",
    "Illegal parking blocks the driveway every morning",
    "Van parked on the sidewalk blocking the driveway",
    "Driveway blocked by a parked truck again",
    "Coches aparcados bloquean la entrada del garaje",
]
NOISE = [
    "Loud music from the party next door all night",
    "Noise from the bar until 3am, loud music",
    "Neighbours play loud music every night, the noise is unbearable",
    "Loud party noise again at midnight",
    "Music so loud at night we cannot sleep, noise",
    "Mucho ruido y música alta toda la noche",
]
SPEEDING = [
    "Cars speeding down the school road, dangerous",
    "Drivers race and speed near the school crossing",
    "Speeding traffic on Main Road near the school",
    "People speeding past the school every afternoon",
    "Dangerous speeding cars near the children's school",
    "Coches a mucha velocidad junto al colegio",
]


@pytest.fixture
def topics() -> tuple[list[str], list[str]]:
    texts = PARKING + NOISE + SPEEDING
    truth = ["parking"] * len(PARKING) + ["noise"] * len(NOISE) + ["speeding"] * len(SPEEDING)
    return texts, truth
