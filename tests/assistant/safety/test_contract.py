"""The safety screen's contract: kinds, fixed replies, softening, languages."""

from __future__ import annotations

import pytest

from bluebridge.assistant.safety import SafetyResult, screen
from bluebridge.assistant.safety.replies import REPLIES


def test_it_gives_the_911_reply_for_danger_happening_now():
    result = screen("Someone is breaking into my house right now", "en")
    assert isinstance(result, SafetyResult)
    assert result.kind == "emergency"
    assert "911" in result.reply
    assert not result.softened
    assert "break-in" in result.reasons
    assert result.detector in {"rules", "both"}


def test_it_answers_in_spanish_when_the_message_language_is_spanish():
    result = screen("Alguien está entrando a mi casa", "es")
    assert result.kind == "emergency"
    assert "Llame al 911" in result.reply


def test_it_gives_the_988_reply_and_offers_a_person_for_suicidal_messages():
    result = screen("I want to kill myself", "en")
    assert result.kind == "crisis"
    assert "988" in result.reply
    assert "person" in result.reply
    spanish = screen("ya no quiero vivir", "es")
    assert spanish.kind == "crisis"
    assert "988" in spanish.reply
    assert "persona" in spanish.reply


def test_it_adds_911_to_the_crisis_reply_when_life_is_in_danger_now():
    result = screen("I took all my pills and I want to die", "en")
    assert result.kind == "crisis"
    assert "988" in result.reply
    assert "911" in result.reply


def test_it_softens_past_danger_but_keeps_the_911_line():
    result = screen("I was followed yesterday, how do I report it", "en")
    assert result.kind == "emergency"
    assert result.softened
    assert "911" in result.reply


def test_it_lets_a_records_question_about_a_past_break_in_through():
    result = screen("how do I get the report for last month's break-in", "en")
    assert result.kind == "none"
    assert result.reply == ""
    assert result.detector == ""
    assert not result


@pytest.mark.parametrize("text", ["", "   ", "hola", "What are the station hours?"])
def test_it_lets_ordinary_messages_through(text):
    assert screen(text, "en").kind == "none"


def test_every_fixed_reply_carries_its_number_in_both_languages():
    for key, texts in REPLIES.items():
        assert set(texts) == {"en", "es"}
        for text in texts.values():
            assert ("988" if key.startswith("crisis") else "911") in text
            if key == "crisis-immediate":
                assert "911" in text


def test_the_model_alone_may_trigger_and_says_so():
    # No rule covers these paraphrases; the learned layer does.
    result = screen("I bought a rope and wrote letters to everyone", "en")
    assert result.kind == "crisis"
    assert result.detector == "model"
    assert "988" in result.reply
    result = screen("el bebé se puso morado y no reacciona", "es")
    assert result.kind == "emergency"
    assert result.detector == "model"
    assert "911" in result.reply


def test_negated_danger_is_softened_but_keeps_911():
    result = screen("nadie salió herido pero hubo un incendio anoche en el edificio", "es")
    assert result.kind == "emergency"
    assert result.softened
    assert "911" in result.reply


def test_a_paperwork_question_never_hides_danger_happening_now():
    result = screen("how do I get a report, a man with a gun is outside my door right now", "en")
    assert result.kind == "emergency"
    assert not result.softened
