"""Filing a service-desk request from the chat: ask for each field, confirm, file.

The flow lives in Conversation.flow: {"kind": "request" | "callback", "category": code,
"step": name, "data": {...}, "key": idempotency key}. Steps: description, location (when the
category needs one), each required question of the category, name (when the category does not
take anonymous reports), contact, confirm. The request is made by servicedesk.services
.create_request from a validation.NewRequest, exactly like the web form; its error messages are
shown at the step they belong to.
"""

from __future__ import annotations

import re
import secrets
from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from bluebridge.assistant.models import Conversation
from bluebridge.assistant.services.replies import (
    HANDOFF,
    REQUEST,
    Option,
    Reply,
    Speaking,
    say,
)
from bluebridge.servicedesk import services as desk
from bluebridge.servicedesk.forms import localize_message
from bluebridge.servicedesk.models import CategoryAttribute, ServiceCategory
from bluebridge.servicedesk.validation import InvalidRequest, NewRequest, active_category

YES = {"yes", "y", "si", "sí", "ok", "okay", "confirm", "confirmar", "send", "enviar"}
NO = {"no", "n", "nope"}
SKIP = {"skip", "omitir", "saltar", "none", "ninguno"}
CANCEL = {"cancel", "cancelar", "stop", "parar", "never mind"}
LATLON = re.compile(r"^\s*(-?\d{1,2}(?:\.\d+)?)\s*[, ]\s*(-?\d{1,3}(?:\.\d+)?)\s*$")


def _plain(text: str) -> str:
    return " ".join(text.lower().strip().strip(".!").split())


def steps_for(category: ServiceCategory) -> list[str]:
    steps = ["description"]
    if category.requires_location:
        steps.append("location")
    steps += [f"attr:{a.code}" for a in category.attributes.all() if a.required]
    if not category.allow_anonymous:
        steps.append("name")
    steps += ["contact", "confirm"]
    return steps


def start(
    conversation: Conversation,
    category: ServiceCategory,
    *,
    description: str = "",
    intro: str = "",
    kind: str = REQUEST,
    flow_kind: str = "request",
    article: str = "",
) -> Reply:
    data: dict[str, Any] = {"attributes": {}}
    if description.strip():
        data["description"] = description.strip()[:4000]
    flow = {
        "kind": flow_kind,
        "category": category.code,
        "article": article,
        "data": data,
        "key": secrets.token_hex(8),
        "step": "",
    }
    flow["step"] = _next_step(category, flow)
    conversation.flow = flow
    conversation.save(update_fields=["flow", "updated_at"])
    return _prompt(conversation, category, intro=intro, kind=kind)


def _next_step(category: ServiceCategory, flow: dict[str, Any]) -> str:
    data = flow["data"]
    for step in steps_for(category):
        if step == "confirm":
            return step
        if step.startswith("attr:"):
            if step[5:] not in data["attributes"]:
                return step
        elif step == "location":
            if not data.get("address") and data.get("lat") is None:
                return step
        elif step == "contact":
            if not data.get("contact_done"):
                return step
        elif step == "name":
            if not data.get("first_name"):
                return step
        elif not data.get(step):
            return step
    return "confirm"


def _attribute(category: ServiceCategory, code: str) -> CategoryAttribute | None:
    return next((a for a in category.attributes.all() if a.code == code), None)


def _value_name(attr: CategoryAttribute, key: str, language: str) -> str:
    for value in attr.values:
        if str(value.get("key")) == key:
            name = value.get("name_es") if language == "es" else value.get("name")
            return str(name or value.get("name") or key)
    return key


def _prompt(
    conversation: Conversation,
    category: ServiceCategory,
    *,
    intro: str = "",
    problem: str = "",
    kind: str = REQUEST,
) -> Reply:
    flow, language = conversation.flow, conversation.language
    step = flow["step"]
    options: list[Option] = []
    with Speaking(language):
        cancel = Option("cancel", "", _("Cancel"))
        if step == "description":
            text = _("Please describe the issue in a few words.")
        elif step == "location":
            text = _(
                "Where is it? Type an address, or a latitude and longitude such as "
                "40.0123, -90.0123."
            )
        elif step.startswith("attr:"):
            attr = _attribute(category, step[5:])
            text = attr.localized_label(language) if attr else step[5:]
            if attr and attr.datatype in (CategoryAttribute.SINGLE, CategoryAttribute.MULTI):
                options = [
                    Option(
                        "pick", str(v.get("key")), _value_name(attr, str(v.get("key")), language)
                    )
                    for v in attr.values
                ]
                if attr.datatype == CategoryAttribute.MULTI:
                    text += " " + _("(you can type several, separated by commas)")
        elif step == "name":
            text = _("What is your first name?")
        elif step == "contact":
            if category.allow_anonymous:
                text = _(
                    "If you would like updates, type an e-mail address or a phone number. "
                    "Otherwise choose Skip."
                )
                options = [Option("skip", "", _("Skip"))]
            else:
                text = _("What e-mail address or phone number can we reach you at?")
        else:
            text = _summary(flow, category, language)
            options = [
                Option("confirm", "yes", _("Yes, send it")),
                Option("confirm", "no", _("No")),
            ]
        options.append(cancel)
        parts = [p for p in (intro, problem, text) if p]
    return say(conversation, kind, "\n\n".join(parts), options=options)


def _summary(flow: dict[str, Any], category: ServiceCategory, language: str) -> str:
    data = flow["data"]
    lines = [
        _("Please check your request before I send it:"),
        "- " + _("Type") + ": " + category.localized_name(language),
        "- " + _("Description") + ": " + data.get("description", ""),
    ]
    if data.get("address") or data.get("lat") is not None:
        where = data.get("address") or f"{data.get('lat')}, {data.get('lon')}"
        lines.append("- " + _("Location") + f": {where}")
    for code, value in data["attributes"].items():
        attr = _attribute(category, code)
        if attr is None:
            continue
        shown = (
            ", ".join(_value_name(attr, v, language) for v in value)
            if isinstance(value, list)
            else _value_name(attr, str(value), language)
        )
        lines.append(f"- {attr.localized_label(language)}: {shown}")
    if data.get("first_name"):
        lines.append("- " + _("Name") + ": " + data["first_name"])
    if data.get("email") or data.get("phone"):
        lines.append("- " + _("Contact") + ": " + (data.get("email") or data.get("phone")))
    lines.append(_("Shall I send it?"))
    return "\n".join(lines)


def cancel(conversation: Conversation) -> Reply:
    conversation.flow = {}
    conversation.save(update_fields=["flow", "updated_at"])
    with Speaking(conversation.language):
        text = _("All right, nothing was sent. What else can I help you with?")
    return say(conversation, REQUEST, text)


def _parse_attribute(attr: CategoryAttribute, text: str, action: str, value: str) -> Any:
    if action == "pick" and value:
        return [value] if attr.datatype == CategoryAttribute.MULTI else value
    if attr.datatype not in (CategoryAttribute.SINGLE, CategoryAttribute.MULTI):
        return text.strip()
    names: dict[str, str] = {}
    for item in attr.values:
        key = str(item.get("key"))
        for label in (key, item.get("name"), item.get("name_es")):
            if label:
                names[_plain(str(label))] = key
    if attr.datatype == CategoryAttribute.MULTI:
        parts = [_plain(p) for p in text.split(",") if p.strip()]
        return [names.get(p, p) for p in parts]
    return names.get(_plain(text), text.strip())


def answer(
    conversation: Conversation,
    text: str,
    *,
    action: str = "",
    value: str = "",
    request: HttpRequest | None = None,
) -> Reply:
    """The resident's answer to the current step (typed, or a button)."""
    flow = conversation.flow
    category = active_category(flow.get("category", ""))
    if category is None:
        return cancel(conversation)
    plain = _plain(text)
    if action == "cancel" or plain in CANCEL:
        return cancel(conversation)
    step = flow["step"]
    data = flow["data"]
    language = conversation.language
    problem = ""
    with Speaking(language):
        if step == "confirm":
            choice = (
                value
                if action == "confirm"
                else ("yes" if plain in YES else "no" if plain in NO else "")
            )
            if choice == "yes":
                return _file(conversation, category, request)
            if choice == "no":
                return cancel(conversation)
            problem = _("Please answer yes or no.")
        elif step == "description":
            if not text.strip():
                problem = _("Please write a few words.")
            else:
                data["description"] = text.strip()[:4000]
        elif step == "location":
            match = LATLON.match(text)
            if match:
                data["lat"], data["lon"] = float(match.group(1)), float(match.group(2))
                data.pop("address", None)
            elif len(text.strip()) >= 4:
                data["address"] = text.strip()[:250]
                data["lat"] = data["lon"] = None
            else:
                problem = _("Please type an address or a latitude and longitude.")
        elif step.startswith("attr:"):
            attr = _attribute(category, step[5:])
            if attr is not None:
                parsed = _parse_attribute(attr, text, action, value)
                if parsed in ("", []):
                    problem = _("Please answer this question.")
                else:
                    data["attributes"][attr.code] = parsed
        elif step == "name":
            if not text.strip():
                problem = _("Please type your first name.")
            else:
                data["first_name"] = text.strip()[:60]
        elif step == "contact":
            if action == "skip" or plain in SKIP:
                if category.allow_anonymous:
                    data["contact_done"] = True
                else:
                    problem = _("We need an e-mail address or a phone number to answer you.")
            elif "@" in text:
                data["email"], data["phone"] = text.strip()[:254], ""
                data["contact_done"] = True
            elif sum(c.isdigit() for c in text) >= 7:
                data["phone"], data["email"] = text.strip()[:32], ""
                data["contact_done"] = True
            else:
                problem = _("That does not look like an e-mail address or a phone number.")
    if not problem:
        flow["step"] = _next_step(category, flow)
    conversation.flow = flow
    conversation.save(update_fields=["flow", "updated_at"])
    return _prompt(conversation, category, problem=problem, kind=_kind(flow))


def _kind(flow: dict[str, Any]) -> str:
    return HANDOFF if flow.get("kind") == "callback" else REQUEST


_ERROR_STEPS = {
    "description": "description",
    "lat": "location",
    "long": "location",
    "location": "location",
    "address_string": "location",
    "first_name": "name",
    "contact": "name",
    "email": "contact",
    "phone": "contact",
    "contact_preference": "contact",
}


def _file(
    conversation: Conversation, category: ServiceCategory, request: HttpRequest | None
) -> Reply:
    flow, language = conversation.flow, conversation.language
    data = flow["data"]
    attributes = dict(data["attributes"])
    new = NewRequest(
        service_code=category.code,
        description=data.get("description", ""),
        lat=data.get("lat"),
        lon=data.get("lon"),
        address=data.get("address", "") or "",
        attributes=attributes,
        first_name=data.get("first_name", ""),
        email=data.get("email", ""),
        phone=data.get("phone", ""),
        language=language,
        channel="assistant",
        client_key=f"assistant:{conversation.public_id}"[:80],
        idempotency_key=f"chat-{flow['key']}",
        require_description=True,
    )
    try:
        sr, _created = desk.create_request(new, user=None, request=request)
    except InvalidRequest as exc:
        return _back_to_error(conversation, category, exc.errors)
    conversation.flow = {}
    conversation.service_request = sr
    conversation.save(update_fields=["flow", "service_request", "updated_at"])
    with Speaking(language):
        text = _("Thank you. Your request was sent. Its reference is %(reference)s.") % {
            "reference": sr.reference
        }
        if sr.first_response_due:
            due = timezone.localtime(sr.first_response_due).strftime("%Y-%m-%d %H:%M")
            text += " " + _("The department will answer by %(due)s.") % {"due": due}
        text += " " + _("You can follow it here: %(url)s") % {"url": desk.tracking_url(sr)}
    return say(conversation, _kind(flow), text, reference=sr.reference)


def _back_to_error(
    conversation: Conversation, category: ServiceCategory, errors: dict[str, str]
) -> Reply:
    flow = conversation.flow
    data = flow["data"]
    steps = steps_for(category)
    target = "confirm"
    messages = []
    with Speaking(conversation.language):
        for key, message in errors.items():
            step = _ERROR_STEPS.get(key)
            if step is None and key.startswith("attribute["):
                step = f"attr:{key[10:-1]}"
            messages.append(localize_message(message))
            if step in steps and steps.index(step) < steps.index(target):
                target = step
        problem = _("I could not send it yet: %(problems)s") % {"problems": " ".join(messages)}
    # Forget the answer at that step so it is asked again; keep everything else.
    if target == "location":
        data.pop("address", None)
        data["lat"] = data["lon"] = None
    elif target.startswith("attr:"):
        data["attributes"].pop(target[5:], None)
    elif target == "contact":
        data.pop("contact_done", None)
    elif target == "name":
        data.pop("first_name", None)
    elif target != "confirm":
        data.pop(target, None)
    flow["step"] = target
    conversation.flow = flow
    conversation.save(update_fields=["flow", "updated_at"])
    return _prompt(conversation, category, problem=problem, kind=_kind(flow))
