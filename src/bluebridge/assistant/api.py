"""JSON API of the citizen assistant (mounted at /api/): the chat itself, for the widget and
for other clients. Public (no account), rate limited per client like the web forms."""

from __future__ import annotations

from datetime import datetime

from django.http import HttpRequest, HttpResponse
from ninja import Query, Router, Schema

from bluebridge.assistant.models import Conversation
from bluebridge.assistant.rendering import MARKDOWN_KINDS, to_html
from bluebridge.assistant.services import conversation as chat
from bluebridge.core import ratelimit, roles
from bluebridge.core.api_auth import roles as require
from bluebridge.core.api_errors import error_response

router = Router(tags=["Citizen assistant"])


class MessageIn(Schema):
    conversation: str | None = None
    text: str = ""
    language: str = "en"
    action: str = ""
    value: str = ""


class OptionOut(Schema):
    action: str
    value: str
    label: str


class ReplyOut(Schema):
    conversation: str
    kind: str
    text: str
    html: str
    state: str
    article_id: int | None
    article_slug: str | None
    article_title: str | None
    topic: str | None
    confidence: float | None
    options: list[OptionOut]
    message_id: int | None
    reference: str | None


class MessageOut(Schema):
    id: int
    sender: str
    kind: str
    text: str
    html: str
    options: list[OptionOut]
    created_at: datetime


class TranscriptOut(Schema):
    conversation: str
    state: str
    language: str
    messages: list[MessageOut]


class After(Schema):
    after: int = 0


def _limited(request: HttpRequest) -> HttpResponse | None:
    client = ratelimit.default_client(request)
    count, seconds = client.limit
    verdict = ratelimit.hit(f"assistant:{client.key}", count, seconds)
    return None if verdict.allowed else ratelimit.too_many_response(request, verdict)


@router.post(
    "/assistant/messages",
    response={200: ReplyOut},
    summary="Send a message to the assistant and get its reply",
    description=(
        "Send `text` (and `language`: en or es) with the `conversation` id from the previous "
        "reply, or none to start a conversation. A button of a previous reply is sent as its "
        "`action` and `value` (with its label as `text`). Reply kinds: answer, clarify, "
        "handoff, out_of_scope, emergency, crisis, and request (a step of filing a request) "
        "or ack (an acknowledgement). After a hand-off, read the person's replies from "
        "GET /api/assistant/conversations/{id}/messages."
    ),
)
@require(roles.PUBLIC)
def send_message(request: HttpRequest, payload: MessageIn) -> object:
    refused = _limited(request)
    if refused is not None:
        return refused
    conversation = chat.find_or_start(payload.conversation, payload.language, channel="api")
    try:
        reply = chat.handle(
            conversation,
            payload.text,
            language=payload.language,
            action=payload.action,
            value=payload.value,
            request=request,
        )
    except chat.BadMessage as exc:
        raise error_response(400, {"text": str(exc)}) from exc
    data = reply.as_dict()
    data["html"] = to_html(reply.text) if reply.kind in MARKDOWN_KINDS else ""
    return data


@router.get(
    "/assistant/conversations/{conversation_id}/messages",
    response=TranscriptOut,
    summary="A conversation's messages (after the given message id), for the resident's widget",
)
@require(roles.PUBLIC)
def conversation_messages(
    request: HttpRequest, conversation_id: str, query: Query[After]
) -> object:
    refused = _limited(request)
    if refused is not None:
        return refused
    conversation = Conversation.objects.filter(public_id=conversation_id[:32]).first()
    if conversation is None:
        raise error_response(404, {"conversation": "no conversation with this id"})
    messages = chat.transcript(conversation, after=max(0, query.after))
    return {
        "conversation": conversation.public_id,
        "state": conversation.state,
        "language": conversation.language,
        "messages": [
            {
                "id": m.pk,
                "sender": m.sender,
                "kind": m.kind,
                "text": m.text,
                "html": to_html(m.text) if m.kind in MARKDOWN_KINDS else "",
                "options": m.options,
                "created_at": m.created_at,
            }
            for m in messages
        ],
    }
