"""Reading the public forms (complaint, commendation) and turning problems into clear messages."""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass, fields
from typing import Any

from django.http import QueryDict
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from bluebridge.complaints.intake import NewCommendation, NewComplaint
from bluebridge.complaints.models import ComplaintType, Kind
from bluebridge.servicedesk.forms import FieldError
from bluebridge.servicedesk.forms import localize_message as desk_message


def new_form_token() -> str:
    return secrets.token_urlsafe(18)


@dataclass
class ComplaintData:
    what_went_wrong: str = ""
    description: str = ""
    occurred_date: str = ""
    occurred_time: str = ""
    location: str = ""
    officer_details: str = ""
    witnesses: str = ""
    related_reference: str = ""
    anonymous: str = ""
    first_name: str = ""
    last_name: str = ""
    email: str = ""
    phone: str = ""
    contact_preference: str = ""
    on_behalf: str = ""
    on_behalf_name: str = ""
    on_behalf_relationship: str = ""
    form_token: str = ""

    @classmethod
    def from_post(cls, post: QueryDict) -> ComplaintData:
        data = cls(**{f.name: post.get(f.name, "")[:5000] for f in fields(cls)})
        data.form_token = data.form_token[:100] or new_form_token()
        return data

    def to_new(
        self, *, language: str, channel: str, client_key: str, files: list[Any]
    ) -> NewComplaint:
        return NewComplaint(
            description=self.description,
            what_went_wrong=self.what_went_wrong or "unsure",
            anonymous=self.anonymous == "yes",
            first_name=self.first_name,
            last_name=self.last_name,
            email=self.email,
            phone=self.phone,
            contact_preference=self.contact_preference,
            language=language,
            on_behalf=self.on_behalf == "yes",
            on_behalf_name=self.on_behalf_name,
            on_behalf_relationship=self.on_behalf_relationship,
            occurred_date=self.occurred_date,
            occurred_time=self.occurred_time,
            location=self.location,
            officer_details=self.officer_details,
            witnesses=self.witnesses,
            related_reference=self.related_reference,
            channel=channel,
            client_key=client_key,
            idempotency_key=self.form_token,
            files=files,
        )


@dataclass
class CommendationData:
    description: str = ""
    officer_details: str = ""
    occurred_date: str = ""
    occurred_time: str = ""
    location: str = ""
    anonymous: str = ""
    first_name: str = ""
    last_name: str = ""
    email: str = ""
    phone: str = ""

    @classmethod
    def from_post(cls, post: QueryDict) -> CommendationData:
        return cls(**{f.name: post.get(f.name, "")[:5000] for f in fields(cls)})

    def to_new(self, *, language: str, channel: str = "web") -> NewCommendation:
        return NewCommendation(
            description=self.description,
            anonymous=self.anonymous == "yes",
            first_name=self.first_name,
            last_name=self.last_name,
            email=self.email,
            phone=self.phone,
            language=language,
            occurred_date=self.occurred_date,
            occurred_time=self.occurred_time,
            location=self.location,
            officer_details=self.officer_details,
            channel=channel,
        )


def type_choices(language: str) -> dict[str, list[tuple[str, str, str]]]:
    """{"service": [(code, name, description)], "conduct": [...]} for the radio buttons."""
    groups: dict[str, list[tuple[str, str, str]]] = {Kind.SERVICE: [], Kind.CONDUCT: []}
    for t in ComplaintType.objects.filter(active=True).order_by("order", "name"):
        text = t.description_es if language == "es" and t.description_es else t.description
        groups[t.kind].append((t.code, t.localized_name(language), text))
    return groups


LABELS: dict[str, Promise] = {
    "what_went_wrong": gettext_lazy("What went wrong"),
    "description": gettext_lazy("What happened"),
    "occurred_date": gettext_lazy("Date"),
    "occurred_time": gettext_lazy("Time"),
    "location": gettext_lazy("Where"),
    "officer_details": gettext_lazy("Staff or officers involved"),
    "witnesses": gettext_lazy("Witnesses"),
    "related_reference": gettext_lazy("Related reference number"),
    "first_name": gettext_lazy("First name"),
    "last_name": gettext_lazy("Last name"),
    "email": gettext_lazy("E-mail address"),
    "phone": gettext_lazy("Phone number"),
    "contact_preference": gettext_lazy("How we write to you"),
    "on_behalf_name": gettext_lazy("Name of the person you are writing for"),
    "on_behalf_relationship": gettext_lazy("Your relationship to them"),
    "evidence": gettext_lazy("Files"),
    "message": gettext_lazy("Your message"),
    "score": gettext_lazy("Your answer"),
    "comment": gettext_lazy("Comment"),
    "language": gettext_lazy("Language"),
    "form": gettext_lazy("Form"),
}

_FIXED: dict[str, Promise] = {
    "please describe what happened": gettext_lazy("please tell us what happened."),
    "please tell us what happened": gettext_lazy("please tell us what happened."),
    "is needed to send you letters by e-mail": gettext_lazy(
        "enter your e-mail address so we can write to you, or choose another way."
    ),
    "is needed to send you letters by text message": gettext_lazy(
        "enter your phone number so we can text you, or choose another way."
    ),
    "give the name of the person you are writing for": gettext_lazy(
        "give the name of the person you are writing for."
    ),
    "must be a date like 2026-05-01": gettext_lazy("enter a date, like 2026-05-01."),
    "must be a time like 14:30": gettext_lazy("enter a time, like 14:30."),
    "give the date as well as the time": gettext_lazy("give the date as well as the time."),
    "is in the future": gettext_lazy("the date is in the future."),
    "choose a number from 1 to 5": gettext_lazy("choose a number from 1 to 5."),
    "this case is not waiting for your answer": gettext_lazy(
        "we are not waiting for your answer on this case."
    ),
}


def message_for(text: str) -> str:
    if text in _FIXED:
        return str(_FIXED[text])
    if match := re.match(r"the file is larger than (\d+) MB", text):
        return _("the file is larger than %(mb)s MB.") % {"mb": match.group(1)}
    if text.startswith("this type of file is not accepted"):
        return _(
            "this type of file is not accepted: send pictures (JPEG, PNG, WebP, GIF), PDF "
            "documents or videos (MP4, MOV, WebM)."
        )
    if text == "the file is empty":
        return _("the file is empty.")
    if match := re.match(r"at most (\d+) files can be sent at once", text):
        return _("at most %(count)s files can be sent at once.") % {"count": match.group(1)}
    return desk_message(text)


def form_errors(errors: dict[str, str]) -> dict[str, FieldError]:
    result = {}
    for key, text in errors.items():
        field = key if key in LABELS else "form"
        result[field] = FieldError(field, f"id_{field}", str(LABELS[field]), message_for(text))
    return result
