"""The public report form: reading what a resident typed, its questions, and friendly errors.

The rules themselves live in services/validation; this module only turns a POST into a
NewRequest, keeps every value for re-rendering, and turns validation errors (field -> message)
into localized messages linked to the right input.
"""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass, field
from typing import Any

from django.http import QueryDict
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from bluebridge.servicedesk.models import CategoryAttribute, ServiceCategory
from bluebridge.servicedesk.validation import NewRequest

TEXT_FIELDS = (
    "service",
    "shown_service",
    "address",
    "lat",
    "lon",
    "description",
    "first_name",
    "last_name",
    "email",
    "phone",
    "contact_preference",
    "form_token",
)
ATTRIBUTE = re.compile(r"^attribute\[([\w-]{1,40})\]$")


def new_form_token() -> str:
    """A per-form token: submitting the same form twice files one request."""
    return secrets.token_urlsafe(18)


@dataclass
class ReportData:
    """Everything the resident typed (never the photo, which browsers cannot refill)."""

    service: str = ""
    shown_service: str = ""
    address: str = ""
    lat: str = ""
    lon: str = ""
    description: str = ""
    first_name: str = ""
    last_name: str = ""
    email: str = ""
    phone: str = ""
    contact_preference: str = ""
    form_token: str = ""
    attributes: dict[str, Any] = field(default_factory=dict)
    not_emergency: bool = False

    @classmethod
    def from_post(cls, post: QueryDict) -> ReportData:
        fields: dict[str, Any] = {name: post.get(name, "")[:5000] for name in TEXT_FIELDS}
        data = cls(**fields)
        for key in post:
            match = ATTRIBUTE.match(key)
            if match:
                values = [v for v in post.getlist(key) if v.strip()]
                data.attributes[match.group(1)] = (
                    values if len(values) > 1 else (values[0] if values else "")
                )
        data.not_emergency = post.get("not_emergency") == "yes"
        data.form_token = data.form_token[:100] or new_form_token()
        return data

    def screened_text(self) -> str:
        """The free text a resident wrote, for the emergency screen."""
        answers = [v for v in self.attributes.values() if isinstance(v, str)]
        return "\n".join([self.description, *answers])

    def to_new_request(self, *, language: str, client_key: str, photo: Any) -> NewRequest:
        multi = set(
            CategoryAttribute.objects.filter(
                category__code=self.service, datatype=CategoryAttribute.MULTI
            ).values_list("code", flat=True)
        )
        attributes = {
            code: (value if isinstance(value, list) else [value] if value else [])
            if code in multi
            else value
            for code, value in self.attributes.items()
        }
        return NewRequest(
            service_code=self.service,
            description=self.description,
            lat=self.lat or None,
            lon=self.lon or None,
            address=self.address,
            attributes=attributes,
            first_name=self.first_name,
            last_name=self.last_name,
            email=self.email,
            phone=self.phone,
            contact_preference=self.contact_preference,
            language=language,
            photo=photo,
            channel="web",
            client_key=client_key,
            idempotency_key=self.form_token,
            require_description=True,
        )


# --- Categories and their questions ----------------------------------------------------------

# Group names come from the catalogue in English; these are their Spanish names.
GROUP_NAMES: dict[str, Promise] = {
    "Neighborhood": gettext_lazy("Neighborhood"),
    "Traffic and parking": gettext_lazy("Traffic and parking"),
    "Property": gettext_lazy("Property"),
    "Online crime report": gettext_lazy("Online crime report"),
    "Records": gettext_lazy("Records"),
    "Community care": gettext_lazy("Community care"),
    "Victim services": gettext_lazy("Victim services"),
}


@dataclass
class CategoryChoice:
    code: str
    name: str
    description: str


@dataclass
class CategoryGroup:
    name: str
    slug: str
    choices: list[CategoryChoice]


def category_groups(language: str) -> list[CategoryGroup]:
    groups: dict[str, CategoryGroup] = {}
    for category in ServiceCategory.objects.filter(active=True).order_by("order", "name"):
        name = str(GROUP_NAMES.get(category.group, category.group))
        group = groups.setdefault(
            category.group, CategoryGroup(name, re.sub(r"\W+", "-", category.group.lower()), [])
        )
        group.choices.append(
            CategoryChoice(
                category.code,
                category.localized_name(language),
                category.localized_description(language),
            )
        )
    return list(groups.values())


@dataclass
class Question:
    code: str
    id: str
    name: str
    label: str
    datatype: str
    required: bool
    choices: list[tuple[str, str]]
    value: Any
    error: str = ""

    @property
    def selected(self) -> list[str]:
        if isinstance(self.value, list):
            return [str(v) for v in self.value]
        return [str(self.value)] if self.value not in (None, "") else []

    @property
    def is_list(self) -> bool:
        return self.datatype in (CategoryAttribute.SINGLE, CategoryAttribute.MULTI)


def questions(
    category: ServiceCategory | None,
    language: str,
    values: dict[str, Any] | None = None,
    errors: dict[str, FieldError] | None = None,
) -> list[Question]:
    if category is None:
        return []
    values = values or {}
    errors = errors or {}
    result = []
    for attr in category.attributes.all().order_by("order"):
        name = f"attribute[{attr.code}]"
        choices = [
            (
                str(v.get("key")),
                str(v.get("name_es") or v.get("name") if language == "es" else v.get("name")),
            )
            for v in attr.values
        ]
        error = errors.get(name)
        result.append(
            Question(
                code=attr.code,
                id=f"attr-{attr.code}",
                name=name,
                label=attr.localized_label(language),
                datatype=attr.datatype,
                required=attr.required,
                choices=choices,
                value=values.get(attr.code, ""),
                error=error.message if error else "",
            )
        )
    return result


# --- Errors -------------------------------------------------------------------------------------

LABELS: dict[str, Promise] = {
    "service": gettext_lazy("Type of issue"),
    "location": gettext_lazy("Location"),
    "address": gettext_lazy("Address or place"),
    "description": gettext_lazy("Description"),
    "photo": gettext_lazy("Photo"),
    "contact_preference": gettext_lazy("How we contact you"),
    "first_name": gettext_lazy("First name"),
    "last_name": gettext_lazy("Last name"),
    "email": gettext_lazy("E-mail address"),
    "phone": gettext_lazy("Phone number"),
    "contact": gettext_lazy("Contact details"),
    "message": gettext_lazy("Your message"),
    "reference": gettext_lazy("Reference number"),
    "form": pgettext_lazy("error label", "Form"),
}

# Where each form field's error message sits and what the summary links to.
ANCHORS = {
    "service": "service-fieldset",
    "location": "id_address",
    "address": "id_address",
    "description": "id_description",
    "photo": "id_photo",
    "contact_preference": "contact-email",
    "first_name": "id_first_name",
    "last_name": "id_last_name",
    "email": "id_email",
    "phone": "id_phone",
    "contact": "id_first_name",
    "message": "id_message",
    "reference": "id_reference",
    "form": "main-content",
}

# What validation says in English -> what residents read (translated).
_FIXED: dict[str, Promise] = {
    "must be a decimal number": gettext_lazy("must be a number."),
    "must be a finite number": gettext_lazy("must be a number."),
    "please describe the issue": gettext_lazy("please describe the issue."),
    "contains a NUL character": gettext_lazy("contains a character we cannot store."),
    "give both latitude and longitude, or neither": gettext_lazy(
        "the map pin is incomplete: place it again, or remove it and type an address."
    ),
    "must be between -90 and 90": gettext_lazy("the map pin is not a valid place."),
    "must be between -180 and 180": gettext_lazy("the map pin is not a valid place."),
    "is outside the area this department serves": gettext_lazy(
        "this place is outside the area this department serves."
    ),
    "give a location: a point on the map (lat and long) or an address": gettext_lazy(
        "type an address or place, or put a pin on the map."
    ),
    "is not a valid e-mail address": gettext_lazy(
        "enter an e-mail address in the right format, like name@example.com."
    ),
    "is not a valid phone number": gettext_lazy(
        "enter a phone number with 7 to 15 digits, like 555-010-0100."
    ),
    "is needed to send you updates by e-mail": gettext_lazy(
        "enter your e-mail address so we can send you updates, or choose another way."
    ),
    "is needed to send you updates by text message": gettext_lazy(
        "enter your phone number so we can text you updates, or choose another way."
    ),
    "this service needs your name and an e-mail address or phone number": gettext_lazy(
        "for this type of report we need your first name and an e-mail address or phone number."
    ),
    "must be email, sms or none": gettext_lazy("choose e-mail, text message or no updates."),
    "must be en or es": gettext_lazy("choose English or Spanish."),
    "is required": gettext_lazy("answer this question."),
    "is not a picture we can read (use JPEG, PNG, WebP or GIF)": gettext_lazy(
        "we cannot read this file as a picture. Use a JPEG, PNG, WebP or GIF photo."
    ),
    "must be a JPEG, PNG, WebP or GIF picture": gettext_lazy("use a JPEG, PNG, WebP or GIF photo."),
    "write your message": gettext_lazy("write your message."),
}


def localize_message(message: str) -> str:
    if message in _FIXED:
        return str(_FIXED[message])
    if match := re.match(r"is larger than (\d+) MB", message):
        return _("the photo is larger than %(mb)s MB. Choose a smaller one.") % {
            "mb": match.group(1)
        }
    if match := re.match(r"must be at most (\d+) characters", message):
        return _("must be at most %(count)s characters.") % {"count": match.group(1)}
    if message.startswith("unknown value"):
        return _("choose one of the answers listed.")
    if message.startswith("unknown service code"):
        return _("choose a type of issue from the list.")
    if message.startswith("must be a date and time"):
        return _("enter a date and time.")
    if message.startswith("is not a question of service"):
        return _("is not a question for this type of issue.")
    return message


@dataclass
class FieldError:
    key: str
    anchor: str
    label: str
    message: str

    @property
    def text(self) -> str:
        return f"{self.label}: {self.message}"


def form_errors(
    errors: dict[str, str], questions_by_code: dict[str, str] | None = None
) -> dict[str, FieldError]:
    """Validation errors keyed by the form field they belong to, in form order.

    'lat', 'long' and 'location' all belong to the location fieldset (its address input);
    'attribute[x]' belongs to question x; 'service_code' to the category choice.
    """
    labels = questions_by_code or {}
    result: dict[str, FieldError] = {}
    for raw_key, raw_message in errors.items():
        key = {
            "service_code": "service",
            "lat": "location",
            "long": "location",
            "lon": "location",
            "address_string": "address",
            "address_id": "location",
        }.get(raw_key, raw_key)
        message = localize_message(raw_message)
        if match := ATTRIBUTE.match(key):
            code = match.group(1)
            label = labels.get(code, code)
            error = FieldError(key, f"attr-{code}", label, message)
        elif key in LABELS:
            error = FieldError(key, ANCHORS[key], str(LABELS[key]), message)
        else:
            error = FieldError("form", ANCHORS["form"], str(LABELS["form"]), message)
        if error.key in result:
            result[error.key].message += " " + message
        else:
            result[error.key] = error
    order = [
        "service",
        *(k for k in result if k.startswith("attribute[")),
        "location",
        "address",
        "description",
        "photo",
        "contact_preference",
        "contact",
        "first_name",
        "last_name",
        "email",
        "phone",
        "message",
        "reference",
        "form",
    ]
    return {k: result[k] for k in order if k in result}
