"""What the assistant says back: the Reply shape shared by the web pages, the API and the CLI."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from django.utils import translation

from bluebridge.assistant.models import Article, Conversation, Message, Sender

# Reply kinds. The first six are the issue's; REQUEST and ACK are steps around them.
ANSWER, CLARIFY, HANDOFF, OUT_OF_SCOPE = "answer", "clarify", "handoff", "out_of_scope"
EMERGENCY, CRISIS = "emergency", "crisis"
REQUEST, ACK = "request", "ack"
KINDS = (ANSWER, CLARIFY, HANDOFF, OUT_OF_SCOPE, EMERGENCY, CRISIS, REQUEST, ACK)


@dataclass
class Option:
    """A button offered with a reply: sending it back is the same as typing its label."""

    action: str  # choose, helpful, not_helpful, handoff, start_request, pick, skip, confirm, cancel
    value: str
    label: str


@dataclass
class Reply:
    conversation: str  # the conversation's public id
    kind: str
    text: str
    state: str
    article_id: int | None = None
    article_slug: str | None = None
    article_title: str | None = None
    topic: str | None = None
    confidence: float | None = None
    options: list[Option] = field(default_factory=list)
    message_id: int | None = None
    reference: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def say(
    conversation: Conversation,
    kind: str,
    text: str,
    *,
    article: Article | None = None,
    confidence: float | None = None,
    options: list[Option] | None = None,
    question: str = "",
    reference: str | None = None,
) -> Reply:
    """Store the bot's message in the transcript and build the reply for it."""
    opts = options or []
    message = Message.objects.create(
        conversation=conversation,
        sender=Sender.BOT,
        text=text,
        kind=kind,
        article=article,
        confidence=confidence,
        options=[asdict(o) for o in opts],
        question=question[:2000],
    )
    if any(o.action in ("helpful", "not_helpful") and not o.value for o in opts):
        for o in opts:
            if o.action in ("helpful", "not_helpful") and not o.value:
                o.value = str(message.pk)
        message.options = [asdict(o) for o in opts]
        message.save(update_fields=["options"])
    return Reply(
        conversation=conversation.public_id,
        kind=kind,
        text=text,
        state=conversation.state,
        article_id=article.pk if article else None,
        article_slug=article.slug if article else None,
        article_title=article.title if article else None,
        topic=article.topic if article else None,
        confidence=round(confidence, 4) if confidence is not None else None,
        options=opts,
        message_id=message.pk,
        reference=reference,
    )


def silent(conversation: Conversation) -> Reply:
    """No bot message: a person owns the conversation."""
    return Reply(
        conversation=conversation.public_id, kind=HANDOFF, text="", state=conversation.state
    )


class Speaking:
    """`with Speaking(language):` makes gettext answer in the conversation's language."""

    def __init__(self, language: str) -> None:
        self._override = translation.override(language if language in ("en", "es") else "en")

    def __enter__(self) -> None:
        self._override.__enter__()

    def __exit__(self, *exc: object) -> None:
        self._override.__exit__(*exc)  # type: ignore[arg-type]
