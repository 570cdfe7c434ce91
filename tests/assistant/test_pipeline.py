"""The conversation pipeline on a small knowledge base with the TF-IDF engine."""

from __future__ import annotations

from typing import Any

import pytest

from bluebridge.assistant.models import AnswerFeedback, ConversationState, SafetyHit
from bluebridge.assistant.services import conversation as chat
from bluebridge.core.models import AuditEvent


def test_it_answers_a_known_question_with_the_article_and_asks_if_it_helped(ask: Any) -> None:
    reply = ask("how can I get a copy of the police report")
    assert reply.kind == "answer"
    assert reply.article_slug == "police-report-copy"
    assert reply.topic == "Records"
    assert "Records Unit" in reply.text
    assert reply.confidence is not None and 0 < reply.confidence <= 1
    actions = [o.action for o in reply.options]
    assert {"helpful", "not_helpful", "start_request"} <= set(actions)
    assert all(o.value == str(reply.message_id) for o in reply.options if o.action == "helpful")


def test_it_answers_in_spanish_with_the_spanish_article(ask: Any) -> None:
    reply = ask("perdí mi cartera en el parque", language="es")
    assert reply.kind == "answer"
    assert reply.article_slug == "lost-property"
    assert reply.article_title == "Reportar objetos perdidos"
    assert "¿Le sirvió?" in reply.text or "Did this help?" not in reply.text


def test_it_hands_off_out_of_scope_questions_after_two_misses(ask: Any, staffed: None) -> None:
    first = ask("what is the capital of france")
    assert first.kind == "out_of_scope"
    assert [o.action for o in first.options] == ["handoff"]
    second = ask("tell me a joke about cats")
    assert second.kind == "handoff"
    assert second.state == ConversationState.WAITING


def test_it_hands_off_when_asked_for_a_person(ask: Any, staffed: None) -> None:
    reply = ask("I want to talk to a person please")
    assert reply.kind == "handoff"
    assert reply.state == "waiting"
    # The bot is silent afterwards.
    later = ask("hello? how do I get a police report")
    assert later.kind == "handoff" and later.text == ""


def test_it_hands_off_in_spanish_too(ask: Any, staffed: None) -> None:
    reply = ask("quiero hablar con una persona", language="es")
    assert reply.kind == "handoff"
    assert "persona" in reply.text


def test_it_hands_off_after_two_unhelpful_answers(ask: Any, staffed: None) -> None:
    first = ask("my car was towed yesterday")
    assert first.kind == "answer"
    sorry = ask("", action="not_helpful", value=str(first.message_id))
    assert sorry.kind == "ack"
    second = ask("when is the front desk open")
    assert second.kind == "answer"
    handed = ask("", action="not_helpful", value=str(second.message_id))
    assert handed.kind == "handoff"
    assert AnswerFeedback.objects.filter(helpful=False).count() == 2


def test_it_stores_helpful_feedback(ask: Any) -> None:
    answer = ask("do you do fingerprinting")
    thanks = ask("", action="helpful", value=str(answer.message_id))
    assert thanks.kind == "ack"
    assert AnswerFeedback.objects.get().helpful is True


def test_it_refuses_feedback_on_a_message_of_another_conversation(ask: Any) -> None:
    with pytest.raises(chat.BadMessage):
        ask("", action="helpful", value="999999")


def test_it_screens_emergencies_before_anything_else_and_logs_them(ask: Any) -> None:
    reply = ask("someone is breaking into my house right now")
    assert reply.kind == "emergency"
    assert "911" in reply.text
    hit = SafetyHit.objects.get()
    assert hit.kind == "emergency" and hit.reasons
    assert hit.conversation is not None
    assert AuditEvent.objects.filter(object_type="assistant_safety_hit").exists()


def test_it_answers_crisis_with_988_and_offers_a_person(ask: Any) -> None:
    reply = ask("quiero matarme", language="es")
    assert reply.kind == "crisis"
    assert "988" in reply.text
    assert [o.action for o in reply.options] == ["handoff"]


def test_it_screens_messages_even_when_a_person_owns_the_conversation(
    ask: Any, staffed: None
) -> None:
    ask("talk to a person")
    reply = ask("there is a man with a gun outside")
    assert reply.kind == "emergency"


def test_it_asks_which_one_when_the_question_is_ambiguous(ask: Any) -> None:
    reply = ask("how much does it cost")
    if reply.kind != "clarify":  # the engine decides; check the shape when it does
        pytest.skip(f"the engine did not find this ambiguous ({reply.kind})")
    choices = [o for o in reply.options if o.action == "choose"]
    assert len(choices) == 2
    answer = ask(choices[0].label, action="choose", value=choices[0].value)
    assert answer.kind == "answer" and answer.article_slug == choices[0].value


def test_it_answers_the_chosen_article(ask: Any) -> None:
    reply = ask("Fingerprinting services", action="choose", value="fingerprinting")
    assert reply.kind == "answer" and reply.article_slug == "fingerprinting"


def test_it_refuses_empty_and_overlong_messages(ask: Any) -> None:
    with pytest.raises(chat.BadMessage):
        ask("   ")
    with pytest.raises(chat.BadMessage):
        ask("x" * 2001)
    with pytest.raises(chat.BadMessage):
        ask("hi", action="explode")
