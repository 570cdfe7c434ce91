"""Filing a real service-desk request from the chat."""

from __future__ import annotations

from typing import Any

from bluebridge.assistant.models import Conversation
from bluebridge.servicedesk.models import ServiceRequest
from tests.conftest import INSIDE, OUTSIDE


def _start_noise_request(ask: Any) -> Any:
    answer = ask("my neighbour plays loud music every night")
    assert answer.article_slug == "noise-complaint"
    start = next(o for o in answer.options if o.action == "start_request")
    return ask(start.label, action="start_request", value=start.value)


def test_it_files_a_noise_request_from_the_chat(ask: Any) -> None:
    step = _start_noise_request(ask)
    assert step.kind == "request" and "describe" in step.text
    step = ask("Loud party with speakers in the yard")
    assert "Where is it?" in step.text
    step = ask(f"{INSIDE[0]}, {INSIDE[1]}")
    music = next(o for o in step.options if o.action == "pick" and o.value == "music")
    step = ask(music.label, action="pick", value=music.value)
    assert any(o.action == "skip" for o in step.options)
    step = ask("skip")
    assert any(o.action == "confirm" for o in step.options)
    assert "Loud party" in step.text
    done = ask("Yes, send it", action="confirm", value="yes")
    assert done.kind == "request" and done.reference
    sr = ServiceRequest.objects.get(reference=done.reference)
    assert sr.category.code == "noise"
    assert sr.channel == "assistant"
    assert sr.attributes == {"noise_type": "music"}
    assert sr.area is not None and sr.area.code == "B1"
    assert sr.description == "Loud party with speakers in the yard"
    conversation = Conversation.objects.get(public_id=done.conversation)
    assert conversation.service_request == sr and conversation.flow == {}


def test_it_shows_the_service_desks_error_and_asks_again(ask: Any) -> None:
    _start_noise_request(ask)
    ask("Dogs barking all night")
    ask(f"{OUTSIDE[0]}, {OUTSIDE[1]}")
    ask("animal")  # typed name of the list value
    ask("skip")
    refused = ask("yes")
    assert ServiceRequest.objects.count() == 0
    assert "outside the area" in refused.text
    assert "Where is it?" in refused.text
    ask("12 Main Street")
    done = ask("yes")
    sr = ServiceRequest.objects.get(reference=done.reference)
    assert sr.address == "12 Main Street" and sr.attributes == {"noise_type": "animal"}


def test_it_can_be_cancelled_and_files_nothing(ask: Any) -> None:
    _start_noise_request(ask)
    ask("Music")
    reply = ask("cancel")
    assert "nothing was sent" in reply.text
    assert ServiceRequest.objects.count() == 0
    assert Conversation.objects.get(public_id=reply.conversation).flow == {}


def test_it_asks_for_contact_when_the_category_needs_it(ask: Any) -> None:
    answer = ask("I lost my wallet on the bus")
    start = next(o for o in answer.options if o.action == "start_request")
    ask(start.label, action="start_request", value=start.value)
    ask("Brown leather wallet")
    ask("wallet")  # the required "item" question
    step = ask("Sam")
    refused = ask("skip")
    assert "e-mail" in refused.text
    step = ask("555-010-2222")
    done = ask("yes")
    sr = ServiceRequest.objects.get(reference=done.reference)
    assert sr.phone == "555-010-2222" and sr.first_name == "Sam"
    assert step.options
