"""The conversation pipeline: safety screen, then the intent engine, then answer, clarify or
hand-off; feedback on answers; starting a request from the chat.

`handle(conversation, text, ...)` is the one entry point the widget, the full-page chat, the
API and the CLI share. Every message goes through the safety screen first, in every state.
"""

from __future__ import annotations

from django.db import transaction
from django.http import HttpRequest
from django.utils.translation import gettext as _

from bluebridge.assistant.models import (
    AnswerFeedback,
    Conversation,
    ConversationState,
    Message,
    SafetyHit,
    Sender,
)
from bluebridge.assistant.services import chat_requests, feedback_text, handoff, training
from bluebridge.assistant.services.knowledge import article_for
from bluebridge.assistant.services.replies import (
    ACK,
    ANSWER,
    CLARIFY,
    CRISIS,
    EMERGENCY,
    OUT_OF_SCOPE,
    Option,
    Reply,
    Speaking,
    say,
    silent,
)
from bluebridge.core import audit
from bluebridge.core.models import AuditEvent
from bluebridge.servicedesk.validation import active_category

MAX_TEXT = 2000
MISSES_BEFORE_HANDOFF = 2
ACTIONS = {
    "",
    "choose",
    "helpful",
    "not_helpful",
    "handoff",
    "start_request",
    "pick",
    "skip",
    "confirm",
    "cancel",
}


class BadMessage(ValueError):
    """The message cannot be handled; the text says why (shown to the resident)."""


def language_of(code: str | None) -> str:
    return "es" if (code or "").lower().startswith("es") else "en"


def find_or_start(public_id: str | None, language: str, channel: str = "web") -> Conversation:
    """The open conversation with this id, or a new one (an unknown or closed id starts anew)."""
    if public_id:
        found = Conversation.objects.filter(public_id=public_id[:32]).first()
        if found is not None and found.state != ConversationState.CLOSED:
            return found
    return Conversation.objects.create(language=language_of(language), channel=channel[:10])


def handle(
    conversation: Conversation,
    text: str,
    *,
    language: str | None = None,
    action: str = "",
    value: str = "",
    request: HttpRequest | None = None,
) -> Reply:
    text = (text or "").strip()
    if action not in ACTIONS:
        raise BadMessage(f"unknown action {action!r}")
    if not text and not action:
        raise BadMessage("write a message")
    if len(text) > MAX_TEXT:
        raise BadMessage(f"a message must be at most {MAX_TEXT} characters")
    if "\x00" in text:
        raise BadMessage("the message contains a NUL character")
    if language:
        lang = language_of(language)
        if lang != conversation.language:
            conversation.language = lang
            conversation.save(update_fields=["language", "updated_at"])
    with transaction.atomic():
        Message.objects.create(
            conversation=conversation, sender=Sender.RESIDENT, text=text or f"[{action}]"
        )
        return _respond(conversation, text, action, value[:100], request)


def _respond(
    conversation: Conversation, text: str, action: str, value: str, request: HttpRequest | None
) -> Reply:
    if text:
        hit = _screen(conversation, text, request)
        if hit is not None:
            return hit
    if conversation.state in (ConversationState.WAITING, ConversationState.AGENT):
        return silent(conversation)
    flow = conversation.flow or {}
    in_callback = flow.get("kind") == "callback"
    if action == "handoff" or (not in_callback and text and handoff.asks_for_person(text)):
        return handoff.hand_off(conversation, "asked for a person", request=request)
    if action in ("helpful", "not_helpful"):
        return feedback(conversation, value, action == "helpful", request=request)
    if action == "choose":
        return _answer_slug(conversation, value, question=_last_question(conversation))
    if action == "start_request":
        return start_request(conversation, value)
    if flow:
        return chat_requests.answer(conversation, text, action=action, value=value, request=request)
    if not text:
        raise BadMessage("write a message")
    return _predict(conversation, text)


# --- Safety ---------------------------------------------------------------------------------------


def _screen(conversation: Conversation, text: str, request: HttpRequest | None) -> Reply | None:
    from bluebridge.assistant.safety import screen

    result = screen(text, conversation.language)
    if result.kind not in (EMERGENCY, CRISIS):
        return None
    hit = SafetyHit.objects.create(
        conversation=conversation,
        text=text,
        language=conversation.language,
        kind=result.kind,
        reasons=list(result.reasons),
        detector=result.detector or "",
        softened=bool(result.softened),
    )
    audit.record(
        AuditEvent.CREATE,
        "assistant_safety_hit",
        str(hit.pk),
        request=request,
        summary=f"{result.kind} ({', '.join(result.reasons)[:200]}) by {result.detector}",
        actor_label="assistant",
    )
    options: list[Option] = []
    if result.kind == CRISIS:
        with Speaking(conversation.language):
            options = [Option("handoff", "", _("Talk to a person"))]
    return say(conversation, result.kind, result.reply, options=options)


# --- Answering ------------------------------------------------------------------------------------


def _last_question(conversation: Conversation) -> str:
    """The resident's last typed question (not a button press)."""
    for text in (
        conversation.messages.filter(sender=Sender.RESIDENT)
        .order_by("-id")
        .values_list("text", flat=True)[:10]
    ):
        if not text.startswith("["):
            return text
    return ""


def _predict(conversation: Conversation, text: str) -> Reply:
    try:
        _version, engine = training.current_engine()
    except training.NoModel:
        return _miss(conversation, confidence=None)
    prediction = engine.predict([text])[0]
    if prediction.decision == "clarify":
        labels = [label for label, _score in prediction.alternatives[:2]]
        articles = [article_for(label, conversation.language) for label in labels]
        found = [a for a in articles if a is not None]
        if len(found) == 2 and found[0].slug != found[1].slug:
            with Speaking(conversation.language):
                reply_text = _("Did you mean “%(a)s” or “%(b)s”?") % {
                    "a": found[0].title,
                    "b": found[1].title,
                }
                options = [Option("choose", a.slug, a.title) for a in found]
                options.append(Option("handoff", "", _("Neither: talk to a person")))
            return say(
                conversation,
                CLARIFY,
                reply_text,
                confidence=prediction.confidence,
                options=options,
                question=text,
            )
        if found:
            return _answer_slug(
                conversation, found[0].slug, question=text, confidence=prediction.confidence
            )
    if prediction.decision == "answer" and prediction.label:
        return _answer_slug(
            conversation, prediction.label, question=text, confidence=prediction.confidence
        )
    return _miss(conversation, confidence=prediction.confidence, question=text)


def _answer_slug(
    conversation: Conversation, slug: str, *, question: str, confidence: float | None = None
) -> Reply:
    article = article_for(slug, conversation.language)
    if article is None:
        return _miss(conversation, confidence=confidence, question=question)
    with Speaking(conversation.language):
        options = [
            Option("helpful", "", _("Yes, this helped")),
            Option("not_helpful", "", _("No, it did not help")),
        ]
        category = article.category
        if category is not None and category.active:
            options.insert(
                0,
                Option(
                    "start_request",
                    article.slug,
                    _("Start a request: %(name)s")
                    % {"name": category.localized_name(conversation.language)},
                ),
            )
        text = article.answer + "\n\n" + _("Did this help?")
    return say(
        conversation,
        ANSWER,
        text,
        article=article,
        confidence=confidence,
        options=options,
        question=question,
    )


def _miss(conversation: Conversation, *, confidence: float | None, question: str = "") -> Reply:
    """Out of scope: offer a person; the second miss in a row hands off by itself."""
    conversation.unhelpful_count += 1
    conversation.save(update_fields=["unhelpful_count", "updated_at"])
    if conversation.unhelpful_count >= MISSES_BEFORE_HANDOFF:
        return handoff.hand_off(conversation, "out of scope")
    with Speaking(conversation.language):
        text = _(
            "I'm sorry, I don't have an answer to that. You can ask in other words, or talk to a "
            "person."
        )
        options = [Option("handoff", "", _("Talk to a person"))]
    return say(
        conversation, OUT_OF_SCOPE, text, confidence=confidence, options=options, question=question
    )


# --- Feedback and requests ------------------------------------------------------------------------


def feedback(
    conversation: Conversation,
    message_id: str,
    helpful: bool,
    *,
    request: HttpRequest | None = None,
) -> Reply:
    message = (
        conversation.messages.filter(pk=int(message_id), sender=Sender.BOT, kind=ANSWER).first()
        if message_id.isdigit()
        else None
    )
    if message is None:
        raise BadMessage("there is no answer with this id in this conversation")
    AnswerFeedback.objects.update_or_create(message=message, defaults={"helpful": helpful})
    feedback_text.send(conversation)
    if helpful:
        conversation.unhelpful_count = 0
        conversation.save(update_fields=["unhelpful_count", "updated_at"])
        with Speaking(conversation.language):
            return say(conversation, ACK, _("Thank you! Is there anything else I can help with?"))
    conversation.unhelpful_count += 1
    conversation.save(update_fields=["unhelpful_count", "updated_at"])
    if conversation.unhelpful_count >= MISSES_BEFORE_HANDOFF:
        return handoff.hand_off(conversation, "not helpful", request=request)
    with Speaking(conversation.language):
        text = _("Sorry about that. You can ask in other words, or talk to a person.")
        options = [Option("handoff", "", _("Talk to a person"))]
    return say(conversation, ACK, text, options=options)


def start_request(conversation: Conversation, slug: str) -> Reply:
    article = article_for(slug, conversation.language)
    category = active_category(article.category.code) if article and article.category else None
    if category is None:
        raise BadMessage("this answer has no request to start")
    with Speaking(conversation.language):
        intro = _("Let's file a request: %(name)s. You can cancel at any time.") % {
            "name": category.localized_name(conversation.language)
        }
    return chat_requests.start(conversation, category, intro=intro, article=slug)


def transcript(conversation: Conversation, after: int = 0) -> list[Message]:
    return list(conversation.messages.filter(id__gt=after).order_by("id"))
