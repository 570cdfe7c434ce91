"""Handing a conversation to a person, and what agents do with it.

During staffed hours (the service desk's business calendar) the conversation waits in the agent
inbox; the bot goes silent once an agent owns it. Outside staffed hours the hand-off becomes a
service-desk request (category `assistant-callback`) and the resident is told by when the
department will answer.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser, User
from django.db import transaction
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from bluebridge.assistant.models import Conversation, ConversationState, Message, Sender
from bluebridge.assistant.services import feedback_text
from bluebridge.assistant.services.replies import HANDOFF, Reply, Speaking, say, silent
from bluebridge.core import audit, events
from bluebridge.core.models import AuditEvent, Unit
from bluebridge.servicedesk import services as desk
from bluebridge.servicedesk import sla
from bluebridge.servicedesk.models import ServiceCategory

CALLBACK_CATEGORY = "assistant-callback"
MAX_AGENT_TEXT = 4000
Actor = AbstractBaseUser | AnonymousUser | None

# What residents type to ask for a person (lower case, accents kept and removed both match).
PERSON_PHRASES = (
    "talk to a person",
    "speak to a person",
    "talk to someone",
    "speak to someone",
    "talk to a human",
    "speak to a human",
    "real person",
    "human please",
    "an agent",
    "talk to an agent",
    "speak with an agent",
    "representative",
    "operator",
    "live person",
    "hablar con una persona",
    "hablar con alguien",
    "hablar con un agente",
    "persona real",
    "un humano",
    "una persona por favor",
    "operador",
    "representante",
)


def asks_for_person(text: str) -> bool:
    plain = " ".join(text.lower().split())
    for a, b in (("á", "a"), ("é", "e"), ("í", "i"), ("ó", "o"), ("ú", "u")):
        plain = plain.replace(a, b)
    return any(phrase in plain for phrase in PERSON_PHRASES)


def staffed(at: datetime | None = None) -> bool:
    """Is the front desk staffed now (business day, inside business hours, not a holiday)?"""
    local = timezone.localtime(at or timezone.now())
    calendar = desk.business_calendar()
    return (
        calendar.is_business_day(local.date()) and calendar.opens <= local.time() < calendar.closes
    )


def callback_category() -> ServiceCategory:
    """The category out-of-hours hand-offs are filed in (made on first use; staff may edit it)."""
    category = ServiceCategory.objects.filter(code=CALLBACK_CATEGORY).first()
    if category is not None:
        return category
    unit, _created = Unit.objects.get_or_create(
        code="front-desk", defaults={"name": "Front Desk", "name_es": "Atención al público"}
    )
    return ServiceCategory.objects.create(
        code=CALLBACK_CATEGORY,
        name="Question for the front desk",
        name_es="Pregunta para la recepción",
        description="A question the assistant could not answer outside staffed hours.",
        description_es="Una pregunta que el asistente no pudo responder fuera del horario de atención.",
        group="General",
        routing_unit=unit,
        first_response_hours=4,
        resolution_hours=24,
        allow_anonymous=False,
        requires_location=False,
        order=999,
    )


def promised_time(category: ServiceCategory, at: datetime | None = None) -> datetime:
    local = timezone.localtime(at or timezone.now())
    return sla.due_at(
        local, category.first_response_hours, category.clock, desk.business_calendar()
    )


def hours_text() -> str:
    calendar = desk.business_calendar()
    return f"{calendar.opens:%H:%M}–{calendar.closes:%H:%M}"


def resident_questions(conversation: Conversation, limit: int = 10) -> str:
    texts = list(
        conversation.messages.filter(sender=Sender.RESIDENT)
        .order_by("-id")
        .values_list("text", flat=True)[:limit]
    )
    return "\n".join(reversed(texts))


def hand_off(
    conversation: Conversation, reason: str, *, request: HttpRequest | None = None
) -> Reply:
    """Send the conversation to a person: the inbox when staffed, else a callback request."""
    from bluebridge.assistant.services import chat_requests

    language = conversation.language
    if conversation.state in (ConversationState.WAITING, ConversationState.AGENT):
        return silent(conversation)
    if not staffed():
        category = callback_category()
        due = timezone.localtime(promised_time(category))
        with Speaking(language):
            notice = _(
                "Our front desk is staffed on business days, %(hours)s, and nobody is here right "
                "now. I can pass your question on: the department will answer by %(due)s."
            ) % {"hours": hours_text(), "due": due.strftime("%Y-%m-%d %H:%M")}
        conversation.handoff_reason = reason[:40]
        conversation.save(update_fields=["handoff_reason", "updated_at"])
        return chat_requests.start(
            conversation,
            category,
            description=resident_questions(conversation) or reason,
            intro=notice,
            kind=HANDOFF,
            flow_kind="callback",
        )
    with transaction.atomic():
        conversation.state = ConversationState.WAITING
        conversation.handed_off_at = timezone.now()
        conversation.handoff_reason = reason[:40]
        conversation.flow = {}
        conversation.save()
        feedback_text.send(conversation)
        with Speaking(language):
            text = _(
                "I'm passing this conversation to a person at the front desk. Stay on this page: "
                "their reply will appear here."
            )
        return say(conversation, HANDOFF, text)


# --- Agents -----------------------------------------------------------------------------------


def inbox() -> QuerySet[Conversation]:
    return (
        Conversation.objects.filter(state__in=[ConversationState.WAITING, ConversationState.AGENT])
        .select_related("assigned_to")
        .order_by("handed_off_at", "id")
    )


def _name(user: User) -> str:
    return user.get_full_name() or user.get_username()


def claim(conversation: Conversation, agent: User, *, request: HttpRequest | None = None) -> None:
    if conversation.state == ConversationState.CLOSED:
        raise ValueError("this conversation is closed")
    if conversation.assigned_to_id == agent.pk and conversation.state == ConversationState.AGENT:
        return
    before = conversation.assigned_to.get_username() if conversation.assigned_to else None
    with transaction.atomic():
        conversation.state = ConversationState.AGENT
        conversation.assigned_to = agent
        conversation.handed_off_at = conversation.handed_off_at or timezone.now()
        conversation.updated_by = agent
        conversation.save()
        Message.objects.create(
            conversation=conversation,
            sender=Sender.SYSTEM,
            text=_agent_joined(conversation.language, agent),
        )
        audit.record(
            AuditEvent.CHANGE,
            "assistant_conversation",
            conversation.public_id,
            user=agent,
            request=request,
            summary="agent took the conversation",
            changes={"assigned_to": [before, agent.get_username()]},
        )


def _agent_joined(language: str, agent: User) -> str:
    with Speaking(language):
        return _("%(name)s from the front desk has joined the conversation.") % {
            "name": agent.first_name or _("An agent")
        }


def agent_reply(
    conversation: Conversation, agent: User, text: str, *, request: HttpRequest | None = None
) -> Message:
    body = text.strip()
    if not body:
        raise ValueError("write a reply")
    if len(body) > MAX_AGENT_TEXT:
        raise ValueError(f"a reply must be at most {MAX_AGENT_TEXT} characters")
    if conversation.state == ConversationState.CLOSED:
        raise ValueError("this conversation is closed")
    with transaction.atomic():
        if conversation.state != ConversationState.AGENT or conversation.assigned_to_id is None:
            claim(conversation, agent, request=request)
        return Message.objects.create(
            conversation=conversation, sender=Sender.AGENT, text=body, author=agent
        )


def close(conversation: Conversation, agent: User, *, request: HttpRequest | None = None) -> None:
    if conversation.state == ConversationState.CLOSED:
        return
    now = timezone.now()
    with transaction.atomic():
        old = conversation.state
        conversation.state = ConversationState.CLOSED
        conversation.closed_at = now
        conversation.updated_by = agent
        conversation.save()
        with Speaking(conversation.language):
            text = _("The conversation was closed. Thank you for contacting us.")
        Message.objects.create(conversation=conversation, sender=Sender.SYSTEM, text=text)
        audit.record(
            AuditEvent.CHANGE,
            "assistant_conversation",
            conversation.public_id,
            user=agent,
            request=request,
            summary="conversation closed",
            changes={"state": [old, ConversationState.CLOSED]},
        )
        sr = conversation.service_request
        events.contact_closed.send(
            sender=Conversation,
            kind="chat",
            instance=conversation,
            reference=conversation.public_id,
            category="",
            sensitive=conversation.safety_hits.exists(),
            email=(sr.email if sr else "") or conversation.flow.get("data", {}).get("email", ""),
            phone=(sr.phone if sr else "") or conversation.flow.get("data", {}).get("phone", ""),
            language=conversation.language,
            contact_preference=sr.contact_preference if sr else "none",
            area=sr.area if sr else None,
            unit=Unit.objects.filter(code="front-desk").first(),
            closed_at=now,
        )
        feedback_text.send(conversation)


def waiting_too_long(minutes: int = 10) -> QuerySet[Conversation]:
    since = timezone.now() - timedelta(minutes=minutes)
    return Conversation.objects.filter(state=ConversationState.WAITING, handed_off_at__lt=since)
