"""What residents type in chats goes to the feedback app for sentiment (core.events.text_submitted)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.test import Client
from django.utils import timezone

from bluebridge.assistant.models import Conversation
from bluebridge.feedback.models import SubmittedText
from tests.conftest import INSIDE


def _file_noise_request(ask: Any) -> Conversation:
    answer = ask("my neighbour plays loud music every night, it is unbearable and awful")
    start = next(o for o in answer.options if o.action == "start_request")
    ask(start.label, action="start_request", value=start.value)
    ask("Loud party with speakers in the yard")
    step = ask(f"{INSIDE[0]}, {INSIDE[1]}")
    music = next(o for o in step.options if o.action == "pick" and o.value == "music")
    ask(music.label, action="pick", value=music.value)
    ask("skip")
    done = ask("Yes, send it", action="confirm", value="yes")
    assert done.reference
    return Conversation.objects.get(public_id=done.conversation)


def test_a_rated_then_closed_chat_is_scored_and_shown_for_its_area(
    ask: Any, staffed: None, staff_client: Callable[[str], Client], tasks: Callable[[], int]
) -> None:
    conversation = _file_noise_request(ask)
    answer = ask("when is the front desk open")
    assert answer.kind == "answer"
    ask("", action="not_helpful", value=str(answer.message_id))
    stored = SubmittedText.objects.get(source="chat", reference=conversation.public_id)
    assert "loud music every night" in stored.text and "front desk open" in stored.text
    # What was typed while filing the request (description, place, buttons) is left out.
    assert "Loud party" not in stored.text and str(INSIDE[0]) not in stored.text
    assert "[" not in stored.text and "Yes, send it" not in stored.text
    assert stored.area is not None and stored.area.code == "B1"

    ask("talk to a person")
    ask("This is taking forever, I am really annoyed")
    closed = staff_client("agent").post(
        f"/staff/assistant/conversations/{conversation.public_id}/close/"
    )
    assert closed.status_code == 302
    tasks()
    stored = SubmittedText.objects.get(source="chat", reference=conversation.public_id)
    assert stored.text == "" and stored.sentiment_label == "negative"
    assert "really annoyed" in stored.redacted
    html = staff_client("analyst").get(f"/staff/feedback/?period={timezone.now():%Y-%m}")
    assert 'data-source="chat" data-area="B1"' in html.content.decode()


def test_a_chat_the_safety_screen_stopped_is_never_analysed(
    ask: Any, tasks: Callable[[], int]
) -> None:
    ask("someone is breaking into my house right now")
    answer = ask("how do I get a copy of a police report")
    ask("", action="helpful", value=str(answer.message_id))
    assert not SubmittedText.objects.exists()
    assert tasks() == 0 or not SubmittedText.objects.exists()
