"""Tell the feedback app what a resident wrote in a chat (core.events.text_submitted).

Sent when the resident rates an answer ("did this help?"), when the chat is handed to a person
and when it is closed; each time with everything the resident has typed so far, which replaces
what was sent before. Left out: button presses, what they typed while filing a request (names,
contact details, addresses), and whole conversations the safety screen stopped (crisis or
emergency text is never analysed: an empty text withdraws anything sent earlier).
"""

from __future__ import annotations

from bluebridge.assistant.models import Conversation, Sender
from bluebridge.assistant.services.replies import CRISIS, EMERGENCY, REQUEST
from bluebridge.core import events

SKIP_REPLIES = {REQUEST, EMERGENCY, CRISIS}
MAX_CHARS = 4000


def resident_text(conversation: Conversation) -> str:
    """The resident's typed messages, except those the bot answered with a request-flow step."""
    if conversation.safety_hits.exists():
        return ""
    kept: list[str] = []
    pending: str | None = None
    for sender, text, kind in conversation.messages.order_by("id").values_list(
        "sender", "text", "kind"
    ):
        if sender == Sender.RESIDENT:
            if pending is not None:
                kept.append(pending)
            pending = None if text.startswith("[") else text
        elif sender == Sender.BOT and pending is not None:
            if kind not in SKIP_REPLIES:
                kept.append(pending)
            pending = None
    if pending is not None:
        kept.append(pending)
    return "\n".join(kept)[:MAX_CHARS]


def send(conversation: Conversation) -> None:
    request = conversation.service_request
    events.text_submitted.send(
        sender=Conversation,
        source="chat",
        reference=conversation.public_id,
        text=resident_text(conversation),
        language=conversation.language,
        area=request.area if request is not None else None,
        sensitive=False,
        submitted_at=conversation.created_at,
    )
