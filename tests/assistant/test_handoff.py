"""Hand-off to a person: the agent inbox in staffed hours, a callback request outside them."""

from __future__ import annotations

from typing import Any

from django.test import Client

from bluebridge.assistant.models import Conversation, ConversationState, Message
from bluebridge.assistant.services import handoff
from bluebridge.core import events
from bluebridge.core.models import AuditEvent
from bluebridge.servicedesk.models import ServiceRequest


def _waiting(ask: Any) -> Conversation:
    reply = ask("talk to a person")
    assert reply.kind == "handoff"
    return Conversation.objects.get(public_id=reply.conversation)


def test_it_puts_the_conversation_in_the_inbox_with_its_transcript(
    ask: Any, staffed: None, staff_client: Any
) -> None:
    ask("where is the impound lot")
    conversation = _waiting(ask)
    agent = staff_client("agent")
    inbox = agent.get("/staff/assistant/inbox/")
    assert inbox.status_code == 200
    assert conversation.short_id in inbox.content.decode()
    page = agent.get(f"/staff/assistant/conversations/{conversation.public_id}/")
    assert page.status_code == 200
    assert "where is the impound lot" in page.content.decode()
    assert AuditEvent.objects.filter(
        object_type="assistant_conversation", object_ref=conversation.public_id, action="view"
    ).exists()


def test_an_agent_reply_reaches_the_resident_and_the_bot_goes_silent(
    ask: Any, staffed: None, staff_client: Any
) -> None:
    conversation = _waiting(ask)
    agent = staff_client("agent")
    response = agent.post(
        f"/staff/assistant/conversations/{conversation.public_id}/reply/",
        {"text": "Hello, I can help with that."},
    )
    assert response.status_code == 302
    conversation.refresh_from_db()
    assert conversation.state == ConversationState.AGENT
    assert conversation.assigned_to is not None
    silent = ask("thanks, my car was towed")
    assert silent.text == "" and silent.state == "agent"
    resident = Client().get(f"/api/assistant/conversations/{conversation.public_id}/messages")
    texts = [m["text"] for m in resident.json()["messages"] if m["sender"] == "agent"]
    assert texts == ["Hello, I can help with that."]
    after = max(m["id"] for m in resident.json()["messages"])
    later = Client().get(
        f"/api/assistant/conversations/{conversation.public_id}/messages?after={after}"
    )
    assert later.json()["messages"] == []


def test_an_empty_agent_reply_is_refused_and_nothing_is_sent(
    ask: Any, staffed: None, staff_client: Any
) -> None:
    conversation = _waiting(ask)
    response = staff_client("agent").post(
        f"/staff/assistant/conversations/{conversation.public_id}/reply/", {"text": "   "}
    )
    assert response.status_code == 400
    assert "write a reply" in response.content.decode()
    assert not Message.objects.filter(conversation=conversation, sender="agent").exists()


def test_closing_a_conversation_announces_the_contact_closed(
    ask: Any, staffed: None, staff_client: Any
) -> None:
    conversation = _waiting(ask)
    heard: list[dict[str, Any]] = []

    def listener(sender: Any, **kwargs: Any) -> None:
        heard.append(kwargs)

    events.contact_closed.connect(listener)
    try:
        response = staff_client("supervisor").post(
            f"/staff/assistant/conversations/{conversation.public_id}/close/"
        )
    finally:
        events.contact_closed.disconnect(listener)
    assert response.status_code == 302
    conversation.refresh_from_db()
    assert conversation.state == ConversationState.CLOSED
    assert len(heard) == 1 and heard[0]["kind"] == "chat"
    assert heard[0]["reference"] == conversation.public_id
    # The resident's next message starts a new conversation.
    again = ask("when is the front desk open")
    assert again.conversation != conversation.public_id or again.kind != "handoff"


def test_out_of_hours_the_hand_off_becomes_a_request_with_the_promised_time(
    ask: Any, unstaffed: None
) -> None:
    assert not handoff.staffed()
    ask("can I bring my dog to the station lobby")
    start = ask("talk to a person")
    assert start.kind == "handoff"
    assert "will answer by" in start.text
    assert start.state == "bot"
    name = ask("Maria")
    assert name.kind == "handoff"
    contact = ask("maria@example.org")
    assert contact.kind == "handoff" and any(o.action == "confirm" for o in contact.options)
    done = ask("yes", action="confirm", value="yes")
    assert done.reference
    sr = ServiceRequest.objects.get(reference=done.reference)
    assert sr.category.code == handoff.CALLBACK_CATEGORY
    assert sr.channel == "assistant"
    assert "dog to the station lobby" in sr.description
    assert sr.email == "maria@example.org" and sr.first_name == "Maria"
    assert sr.first_response_due is not None
    assert "will answer by" in done.text
    assert not Conversation.objects.filter(state=ConversationState.WAITING).exists()
