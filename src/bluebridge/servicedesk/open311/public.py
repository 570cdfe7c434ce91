"""What the public Open311 feeds show, and what they keep private.

See docs/decisions/0002-open311-privacy.md: requests in sensitive categories never appear; names,
contact details and device/account ids are never loaded; descriptions and notes have e-mail
addresses and phone numbers removed; points are rounded to 3 decimals; addresses are given by block.
"""

from __future__ import annotations

import re
from typing import Any

from django.conf import settings
from django.db.models import Exists, OuterRef, QuerySet, Subquery
from django.utils.translation import gettext as _

from bluebridge.servicedesk.models import (
    CLOSED_STATUSES,
    CategoryAttribute,
    RequestUpdate,
    ServiceCategory,
    ServiceRequest,
    Status,
)
from bluebridge.servicedesk.open311.formats import w3c

COORDINATE_DECIMALS = 3  # about 110 m of latitude

_EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")
_PHONE = re.compile(r"(?<![\w+])\+?\(?\d[\d\s().\-]{5,}\d(?!\w)")
_DATE = re.compile(r"\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}")
_HOUSE_NUMBER = re.compile(r"^\s*(\d+)[A-Za-z]?(?:-\d+)?\s+(.+)$")
_UNIT = re.compile(r",?\s*(?:apt\.?|apartment|unit|suite|ste\.?|#)\s*[\w-]+", re.IGNORECASE)

# Only these columns are read for public feeds: personal data is never even loaded.
_REQUEST_COLUMNS = (
    "reference",
    "status",
    "description",
    "lat",
    "lon",
    "address",
    "media_url",
    "created_at",
    "updated_at",
    "resolution_due",
    "category__code",
    "category__name",
    "category__name_es",
    "category__resolution_hours",
    "category__clock",
    "unit__name",
)


def _phone(match: re.Match[str]) -> str:
    text = match.group(0)
    digits = sum(c.isdigit() for c in text)
    if not 7 <= digits <= 15 or _DATE.fullmatch(text.strip()):
        return text
    return "[phone removed]"


def redact(text: str) -> str:
    """Text with e-mail addresses and phone numbers taken out."""
    if not text:
        return ""
    return _PHONE.sub(_phone, _EMAIL.sub("[email removed]", text))


def public_address(address: str) -> str:
    """'1234 Elm St Apt 5' -> '1200 block of Elm St'; intersections and places stay as written."""
    text = redact(_UNIT.sub("", address or "")).strip()
    match = _HOUSE_NUMBER.match(text)
    if match is None:
        return text
    number = int(match.group(1)[:9])
    return f"{(number // 100) * 100} block of {match.group(2).strip()}"


def rounded(value: float | None) -> float | None:
    return None if value is None else round(value, COORDINATE_DECIMALS)


def _visible_updates() -> QuerySet[RequestUpdate]:
    """Public timeline entries written by the department (a resident's own replies stay out)."""
    return RequestUpdate.objects.filter(public=True).exclude(kind=RequestUpdate.REPLY)


def requests() -> QuerySet[ServiceRequest]:
    """Requests the public may see, with their latest public note as `status_notes`."""
    latest_note = (
        _visible_updates()
        .filter(request=OuterRef("pk"))
        .exclude(note="")
        .order_by("-created_at", "-id")
        .values("note")[:1]
    )
    return (
        ServiceRequest.objects.filter(category__sensitive=False)
        .select_related("category", "unit")
        .only(*_REQUEST_COLUMNS)
        .annotate(status_notes=Subquery(latest_note))
    )


def updates() -> QuerySet[RequestUpdate]:
    return (
        _visible_updates()
        .filter(request__category__sensitive=False)
        .select_related("request")
        .only(
            "id", "kind", "status_to", "note", "created_at", "request__reference", "request__status"
        )
    )


def service_notice(category: ServiceCategory) -> str:
    if category.clock == ServiceCategory.CALENDAR:
        aim = _("We aim to resolve these within %(hours)s hours.")
    else:
        aim = _("We aim to resolve these within %(hours)s business hours.")
    return _("Not for emergencies: call 911.") + " " + aim % {"hours": category.resolution_hours}


def request_item(sr: ServiceRequest, language: str) -> dict[str, Any]:
    return {
        "service_request_id": sr.reference,
        "status": sr.open311_status,
        "status_notes": redact(getattr(sr, "status_notes", "") or ""),
        "service_name": sr.category.localized_name(language),
        "service_code": sr.category.code,
        "description": redact(sr.description),
        "agency_responsible": sr.unit.name,
        "service_notice": service_notice(sr.category),
        "requested_datetime": w3c(sr.created_at),
        "updated_datetime": w3c(sr.updated_at),
        "expected_datetime": w3c(sr.resolution_due),
        "address": public_address(sr.address),
        "address_id": "",
        "zipcode": "",
        "lat": rounded(sr.lat),
        "long": rounded(sr.lon),
        "media_url": sr.media_url,
    }


def update_item(update: RequestUpdate) -> dict[str, Any]:
    status = update.status_to or update.request.status
    description = redact(update.note)
    if not description and update.status_to:
        description = _("Status: %(status)s") % {"status": Status(update.status_to).label}
    return {
        "update_id": str(update.pk),
        "service_request_id": update.request.reference,
        "status": "closed" if status in CLOSED_STATUSES else "open",
        "updated_datetime": w3c(update.created_at),
        "description": description,
        "media_url": "",
    }


def posted_item(sr: ServiceRequest) -> dict[str, Any]:
    """The answer to the client that filed the request (it may show the tracking link)."""
    from bluebridge.servicedesk.services import tracking_url

    notice = _("Your reference is %(reference)s. Follow it at %(url)s") % {
        "reference": sr.reference,
        "url": tracking_url(sr),
    }
    if sr.resolution_due is not None:
        notice += " " + _("(expected by %(when)s).") % {"when": w3c(sr.resolution_due)}
    return {
        "service_request_id": sr.reference,
        "token": sr.open311_token,
        "service_notice": notice,
        "account_id": sr.account_id,
    }


def services() -> QuerySet[ServiceCategory]:
    has_questions = CategoryAttribute.objects.filter(category=OuterRef("pk"))
    return ServiceCategory.objects.filter(active=True).annotate(metadata=Exists(has_questions))


def service_item(category: ServiceCategory, language: str) -> dict[str, Any]:
    return {
        "service_code": category.code,
        "service_name": category.localized_name(language),
        "description": category.localized_description(language),
        "metadata": bool(getattr(category, "metadata", True)),
        "type": "realtime",
        "keywords": category.keywords,
        "group": category.group,
    }


def definition(category: ServiceCategory, language: str) -> dict[str, Any]:
    attributes = []
    for attr in category.attributes.order_by("order", "id"):
        values = [
            {
                "key": str(v.get("key", "")),
                "name": (v.get("name_es") if language == "es" else None) or v.get("name", ""),
            }
            for v in attr.values
        ]
        attributes.append(
            {
                "variable": attr.variable,
                "code": attr.code,
                "datatype": attr.datatype,
                "required": attr.required,
                "datatype_description": attr.datatype_description,
                "order": attr.order,
                "description": attr.localized_label(language),
                "values": values,
            }
        )
    return {"service_code": category.code, "attributes": attributes}


def discovery() -> dict[str, Any]:
    changed = (
        ServiceCategory.objects.order_by("-updated_at").values_list("updated_at", flat=True).first()
    )
    base = settings.BLUEBRIDGE_PUBLIC_URL
    return {
        "changeset": w3c(changed) if changed else "2026-01-01T00:00:00+00:00",
        "contact": f"{settings.BLUEBRIDGE_DEPARTMENT_NAME}, non-emergency line "
        f"{settings.BLUEBRIDGE_NON_EMERGENCY_PHONE}. Emergencies: call 911.",
        "key_service": f"Ask the department's administrators for an API key ({base}/).",
        "endpoints": [
            {
                "specification": "http://wiki.open311.org/GeoReport_v2",
                "url": f"{base}/open311/v2",
                "changeset": w3c(changed) if changed else "2026-01-01T00:00:00+00:00",
                "type": "production",
                "formats": ["text/xml", "application/json"],
            }
        ],
    }
