"""The emergency screen, in English and Spanish."""

from __future__ import annotations

import pytest

from bluebridge.core.safety import screen

EMERGENCIES_EN = [
    ("Someone is breaking into my house right now", "break-in"),
    ("There's an intruder in the garage", "break-in"),
    ("A man with a gun is standing outside", "weapon"),
    ("he pulled a knife on my brother", "weapon"),
    ("my neighbor is bleeding on the sidewalk", "hurt"),
    ("a woman is unconscious at the bus stop", "hurt"),
    ("the garage next door is on fire", "fire"),
    ("I think he took an overdose", "overdose"),
    ("a child is locked in a hot car", "child"),
    ("a car has been following me for ten minutes", "followed"),
    ("two men are fighting outside the bar", "violence"),
    ("my husband is hitting me", "violence"),
    ("my little brother fell thru the ice on the creek", "hurt"),
    ("I just heard the basement window shatter", "break-in"),
    ("I don't know if someone is in the house, the lights went off", "break-in"),
    ("I lost my son at the fair, he's 5", "child"),
    ("a truck hit a man on a bike and he is not moving", "hurt"),
    ("my mom has dementia and she just wandered off from the house", "missing-person"),
    ("two guys dragged a woman into a gray van on 5th street", "violence"),
]
EMERGENCIES_ES = [
    ("Alguien está entrando a mi casa", "break-in"),
    ("Un hombre tiene una pistola", "weapon"),
    ("Mi vecino está sangrando", "hurt"),
    ("Hay un incendio en el edificio", "fire"),
    ("Creo que es una sobredosis", "overdose"),
    ("El niño está solo en el carro", "child"),
    ("Me están siguiendo desde la tienda", "followed"),
    ("Mi pareja me quiere matar", "violence"),
    ("Están golpeando a una mujer en la calle", "violence"),
    ("Creo que hay alguien adentro", "break-in"),
    ("Oigo pasos en la cocina y estoy sola", "break-in"),
    ("Se me perdió mi hija en la feria", "child"),
    ("Mi abuelo tiene alzheimer y se salió de la casa, no lo encontramos", "missing-person"),
]
CRISES = [
    ("I want to kill myself", "en"),
    ("I've been thinking about suicide", "en"),
    ("I'm going to hurt myself", "en"),
    ("Quiero matarme", "es"),
    ("Ya no aguanto, pienso en el suicidio", "es"),
    ("I'm sitting in the garage with the engine running", "en"),
    ("Estoy en la cochera con el motor prendido", "es"),
]
ORDINARY = [
    ("Loud music every night after midnight", "en"),
    ("A car is blocking the fire hydrant on Elm Street", "en"),
    ("Graffiti on the wall of the library", "en"),
    ("The streetlight at the corner is out", "en"),
    ("People smoke in the park", "en"),
    ("Música alta todas las noches", "es"),
    ("Un carro bloquea la boca de incendio", "es"),
    ("Grafiti en la pared de la escuela", "es"),
    ("Perdí mi cartera en el parque", "es"),
    ("The blue van on Oak Street hasn't moved in three weeks", "en"),
    ("firearm background check for a gun purchase", "en"),
    ("Our school has an active shooter drill on Friday, should parents be told?", "en"),
    ("How do I get rid of my late uncle's old rifle?", "en"),
    ("Mi jefe me va a matar de coraje, ¿dónde pago una multa de estacionamiento?", "es"),
    ("Anoche vimos una película de balazos; quería preguntar por el programa de vecinos", "es"),
    ("We watched a documentary about a kidnapping. How do Amber Alerts work?", "en"),
    ("Where can I drop off an unwanted shotgun and some old ammo?", "en"),
    ("Pregunta hipotética: si alguien entra a mi casa, ¿puedo defenderme con un arma?", "es"),
    ("Vi una película de secuestros, ¿cómo funciona la alerta Amber?", "es"),
    ("", "en"),
]


@pytest.mark.parametrize(("text", "rule"), EMERGENCIES_EN + EMERGENCIES_ES)
def test_it_sees_danger_happening_now(text, rule):
    verdict = screen(text, "es" if (text, rule) in EMERGENCIES_ES else "en")
    assert verdict.kind == "emergency"
    assert rule in verdict.matched
    assert not verdict.softened


@pytest.mark.parametrize(("text", "language"), CRISES)
def test_it_sends_self_harm_to_the_crisis_line(text, language):
    verdict = screen(text, language)
    assert verdict.kind == "crisis"
    assert verdict.matched == ["self-harm"]


@pytest.mark.parametrize(("text", "language"), ORDINARY)
def test_it_lets_ordinary_reports_through(text, language):
    verdict = screen(text, language)
    assert verdict.kind is None
    assert not verdict


@pytest.mark.parametrize(
    "text",
    [
        "My car was broken into last night, no one was hurt",
        "Nadie salió herido, me robaron el carro la semana pasada",
        "There was a fight here yesterday",
    ],
)
def test_it_softens_but_keeps_the_911_line_for_past_or_negated_danger(text):
    verdict = screen(text, "en")
    assert verdict.kind == "emergency"
    assert verdict.softened


def test_it_reads_both_languages_whatever_the_page_language():
    assert screen("tiene un cuchillo", "en").kind == "emergency"
    assert screen("he has a gun", "es").kind == "emergency"


def test_it_lets_through_a_report_of_a_past_crash_where_nobody_was_hurt():
    from bluebridge.core.safety import screen

    assert not screen("I'd like to report a hit and run from last Friday, nobody was hurt")
    assert not screen("quiero reportar un choque con fuga del viernes pasado, nadie salió herido")
    assert screen("I'd like to report a crash, a man is hurt and bleeding right now")
