"""Administrators' page for issuing and revoking Open311 API keys (/staff/open311-keys/)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path

from bluebridge.core import roles
from bluebridge.core.access import allow
from bluebridge.servicedesk.open311 import keys
from bluebridge.servicedesk.validation import InvalidRequest

TEMPLATE = "servicedesk/open311/keys.html"


@allow(roles.ADMIN)
def keys_page(request: HttpRequest) -> HttpResponse:
    """List keys; POST action=create (the key is shown once) or action=revoke with key_id."""
    errors: dict[str, str] = {}
    new_secret = ""
    values = {"name": "", "rate_limit": ""}
    if request.method == "POST":
        action = request.POST.get("action", "")
        try:
            if action == "create":
                values = {
                    "name": request.POST.get("name", ""),
                    "rate_limit": request.POST.get("rate_limit", ""),
                }
                _key, new_secret = keys.issue(
                    values["name"], rate_limit=_rate_limit(values["rate_limit"]), request=request
                )
                values = {"name": "", "rate_limit": ""}
            elif action == "revoke":
                key_id = request.POST.get("key_id", "")
                if not key_id.isdigit():
                    raise InvalidRequest({"key": "choose a key to revoke"})
                keys.revoke(keys.find(key_id), request=request)
            else:
                errors = {"action": "choose create or revoke"}
        except InvalidRequest as exc:
            errors = exc.errors
    context = {
        "keys": keys.all_keys(),
        "errors": errors,
        "new_secret": new_secret,
        "values": values,
    }
    return render(request, TEMPLATE, context, status=400 if errors else 200)


def _rate_limit(text: str) -> int | None:
    text = text.strip()
    if not text:
        return None
    if not text.isdigit():
        raise InvalidRequest({"rate_limit": "must be a whole number of requests per minute"})
    return int(text)


urlpatterns = [path("", keys_page, name="staff-open311-keys")]
