"""The full-page chat at /assistant/: works without JavaScript (form POST, then the page again
with the transcript). With JavaScript, HTMX refreshes the transcript while a person answers."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.views.decorators.http import require_GET, require_http_methods

from bluebridge.assistant.models import Conversation, ConversationState
from bluebridge.assistant.services import conversation as chat
from bluebridge.core import roles
from bluebridge.core.access import allow
from bluebridge.core.ratelimit import Verdict, rate_limited

SESSION_KEY = "assistant_conversation"


def _language() -> str:
    return chat.language_of(translation.get_language())


def _current(request: HttpRequest) -> Conversation | None:
    public_id = request.session.get(SESSION_KEY)
    if not public_id:
        return None
    return Conversation.objects.filter(public_id=public_id).first()


def _too_many(request: HttpRequest, verdict: Verdict) -> HttpResponse:
    response = render(
        request,
        "servicedesk/public/too_many.html",
        {"retry_after": verdict.retry_after},
        status=429,
    )
    response["Retry-After"] = str(verdict.retry_after)
    return response


def _page(
    request: HttpRequest, conversation: Conversation | None, **extra: object
) -> dict[str, object]:
    messages = chat.transcript(conversation) if conversation else []
    last = messages[-1] if messages else None
    waiting = conversation is not None and conversation.state in (
        ConversationState.WAITING,
        ConversationState.AGENT,
    )
    return {
        "conversation": conversation,
        "transcript": messages,
        "options_message": last if last is not None and last.sender == "bot" else None,
        "waiting": waiting,
        **extra,
    }


@rate_limited("assistant-page", respond=_too_many)
def _post(request: HttpRequest) -> HttpResponse:
    if request.POST.get("restart") == "yes":
        request.session.pop(SESSION_KEY, None)
        return redirect("assistant")
    current = _current(request)
    conversation = chat.find_or_start(current.public_id if current else None, _language())
    request.session[SESSION_KEY] = conversation.public_id
    try:
        chat.handle(
            conversation,
            request.POST.get("text", "")[: chat.MAX_TEXT + 1],
            language=_language(),
            action=request.POST.get("action", "")[:20],
            value=request.POST.get("value", "")[:100],
            request=request,
        )
    except chat.BadMessage as exc:
        context = _page(request, conversation, error=str(exc), typed=request.POST.get("text", ""))
        return render(request, "assistant/chat.html", context, status=400)
    return redirect("/assistant/#latest")


@allow(roles.PUBLIC)
@require_http_methods(["GET", "POST"])
def chat_page(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        return _post(request)
    return render(request, "assistant/chat.html", _page(request, _current(request)))


@allow(roles.PUBLIC)
@require_GET
def chat_transcript(request: HttpRequest) -> HttpResponse:
    """The transcript alone (HTMX polls it while a person answers)."""
    return render(request, "assistant/_transcript.html", _page(request, _current(request)))
