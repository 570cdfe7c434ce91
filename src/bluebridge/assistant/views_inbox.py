"""The agent inbox: conversations handed to a person, the transcript, replies, closing.

Opening a conversation is audited (it holds personal data); the transcript refreshes by HTMX
polling every three seconds, which is not audited again.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from bluebridge.assistant.models import Conversation
from bluebridge.assistant.services import conversation as chat
from bluebridge.assistant.services import handoff
from bluebridge.core import audit, roles
from bluebridge.core.access import allow
from bluebridge.core.models import AuditEvent

AGENTS = (roles.AGENT, roles.SUPERVISOR, roles.ADMIN)


def _conversation(public_id: str) -> Conversation:
    return get_object_or_404(
        Conversation.objects.select_related("assigned_to", "service_request"),
        public_id=public_id[:32],
    )


@allow(*AGENTS)
@require_GET
def inbox(request: HttpRequest) -> HttpResponse:
    context = {
        "conversations": list(handoff.inbox()[:200]),
        "staffed": handoff.staffed(),
        "hours": handoff.hours_text(),
    }
    if request.headers.get("HX-Request"):
        return render(request, "assistant/staff/_inbox_rows.html", context)
    return render(request, "assistant/staff/inbox.html", context)


@allow(*AGENTS)
@require_GET
def conversation_detail(request: HttpRequest, public_id: str) -> HttpResponse:
    conversation = _conversation(public_id)
    audit.record(
        AuditEvent.VIEW,
        "assistant_conversation",
        conversation.public_id,
        request=request,
        summary="conversation opened",
    )
    return render(
        request,
        "assistant/staff/conversation.html",
        {
            "conversation": conversation,
            "transcript": chat.transcript(conversation),
            "safety_hits": list(conversation.safety_hits.all()),
        },
    )


@allow(*AGENTS)
@require_GET
def conversation_messages(request: HttpRequest, public_id: str) -> HttpResponse:
    conversation = _conversation(public_id)
    return render(
        request,
        "assistant/staff/_transcript.html",
        {"conversation": conversation, "transcript": chat.transcript(conversation)},
    )


@allow(*AGENTS)
@require_POST
def conversation_claim(request: HttpRequest, public_id: str) -> HttpResponse:
    conversation = _conversation(public_id)
    try:
        handoff.claim(conversation, request.user, request=request)  # type: ignore[arg-type]
    except ValueError as exc:
        messages.error(request, str(exc))
    return redirect("assistant-conversation", public_id=conversation.public_id)


@allow(*AGENTS)
@require_POST
def conversation_reply(request: HttpRequest, public_id: str) -> HttpResponse:
    conversation = _conversation(public_id)
    text = request.POST.get("text", "")
    try:
        handoff.agent_reply(conversation, request.user, text, request=request)  # type: ignore[arg-type]
    except ValueError as exc:
        if request.headers.get("HX-Request"):
            return render(
                request,
                "assistant/staff/_reply_form.html",
                {"conversation": conversation, "error": str(exc), "typed": text},
                status=400,
            )
        return render(
            request,
            "assistant/staff/conversation.html",
            {
                "conversation": conversation,
                "transcript": chat.transcript(conversation),
                "error": str(exc),
                "typed": text,
            },
            status=400,
        )
    if request.headers.get("HX-Request"):
        response = render(
            request, "assistant/staff/_reply_form.html", {"conversation": conversation}
        )
        response["HX-Trigger"] = "assistant-sent"
        return response
    return redirect("assistant-conversation", public_id=conversation.public_id)


@allow(*AGENTS)
@require_POST
def conversation_close(request: HttpRequest, public_id: str) -> HttpResponse:
    conversation = _conversation(public_id)
    handoff.close(conversation, request.user, request=request)  # type: ignore[arg-type]
    messages.success(request, _("The conversation was closed."))
    return redirect("assistant-inbox")
