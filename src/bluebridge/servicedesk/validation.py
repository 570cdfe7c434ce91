"""Checking a new request from any channel; every problem names its field."""

from __future__ import annotations

import math
import time
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.core.validators import EmailValidator, URLValidator

from bluebridge.core import areas
from bluebridge.servicedesk.models import CategoryAttribute, ContactPreference, ServiceCategory

MAX_DESCRIPTION = 4000
PHOTO_FORMATS = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp", "GIF": "image/gif"}


class InvalidRequest(Exception):
    """Raised with a mapping of field name -> message."""

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__("; ".join(f"{k}: {v}" for k, v in errors.items()))
        self.errors = errors


@dataclass
class NewRequest:
    service_code: str
    description: str = ""
    lat: Any = None
    lon: Any = None
    address: str = ""
    address_id: str = ""
    attributes: dict[str, Any] = field(default_factory=dict)
    first_name: str = ""
    last_name: str = ""
    email: str = ""
    phone: str = ""
    contact_preference: str = ""
    language: str = "en"
    device_id: str = ""
    account_id: str = ""
    media_url: str = ""
    photo: UploadedFile | None = None
    channel: str = "web"
    client_key: str = ""
    idempotency_key: str = ""
    require_description: bool = False


@dataclass
class Cleaned:
    category: ServiceCategory
    lat: float | None
    lon: float | None
    area_id: int | None
    attributes: dict[str, Any]
    contact_preference: str


def _number(value: Any, name: str, errors: dict[str, str]) -> float | None:
    if value is None or (isinstance(value, str) and value.strip() == ""):
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        errors[name] = "must be a decimal number"
        return None
    if not math.isfinite(number):
        errors[name] = "must be a finite number"
        return None
    return number


def _check_attribute(attr: CategoryAttribute, value: Any, errors: dict[str, str]) -> Any:
    key = f"attribute[{attr.code}]"
    allowed = {str(v.get("key")) for v in attr.values}
    if attr.datatype == CategoryAttribute.MULTI:
        values = value if isinstance(value, list) else [v for v in str(value).split(",") if v]
        values = [str(v).strip() for v in values]
        bad = [v for v in values if v not in allowed]
        if bad:
            errors[key] = (
                f"unknown value(s) {', '.join(bad)}; choose from {', '.join(sorted(allowed))}"
            )
        return values
    if isinstance(value, list):
        value = value[-1] if value else ""
    text = str(value).strip()
    if attr.datatype == CategoryAttribute.SINGLE:
        if text not in allowed:
            errors[key] = f"unknown value {text!r}; choose from {', '.join(sorted(allowed))}"
        return text
    if attr.datatype == CategoryAttribute.NUMBER:
        return _number(text, key, errors)
    if attr.datatype == CategoryAttribute.DATETIME:
        try:
            return datetime.fromisoformat(text.replace("Z", "+00:00")).isoformat()
        except ValueError:
            errors[key] = "must be a date and time such as 2026-05-01T14:30:00-05:00"
            return text
    limit = 4000 if attr.datatype == CategoryAttribute.TEXT else 500
    if len(text) > limit:
        errors[key] = f"must be at most {limit} characters"
    return text


def check_photo(photo: UploadedFile, errors: dict[str, str]) -> None:
    from PIL import Image, UnidentifiedImageError

    limit = settings.BLUEBRIDGE_MAX_PHOTO_BYTES
    if photo.size is not None and photo.size > limit:
        errors["photo"] = f"is larger than {limit // (1024 * 1024)} MB"
        return
    try:
        with Image.open(photo) as image:
            image.verify()
            kind = image.format or ""
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        errors["photo"] = "is not a picture we can read (use JPEG, PNG, WebP or GIF)"
        return
    finally:
        photo.seek(0)
    if kind not in PHOTO_FORMATS:
        errors["photo"] = "must be a JPEG, PNG, WebP or GIF picture"


_CATEGORY_SECONDS = 60
_categories: dict[str, tuple[float, ServiceCategory]] = {}


def active_category(code: str) -> ServiceCategory | None:
    """The active category with its unit and attributes, cached per process for a minute."""
    now = time.monotonic()
    hit = _categories.get(code)
    if hit is not None and now - hit[0] < _CATEGORY_SECONDS:
        return hit[1]
    category = (
        ServiceCategory.objects.select_related("routing_unit")
        .prefetch_related("attributes")
        .filter(code=code, active=True)
        .first()
    )
    if category is None:
        _categories.pop(code, None)
    else:
        _categories[code] = (now, category)
    return category


def forget_categories(**_: object) -> None:
    """Drop the cache (connect to post_save/post_delete of ServiceCategory and CategoryAttribute,
    and call it from the tests' `city` fixture like services.forget_calendar())."""
    _categories.clear()


def validate(new: NewRequest) -> Cleaned:
    errors: dict[str, str] = {}
    category = active_category(new.service_code)
    if category is None:
        raise InvalidRequest({"service_code": f"unknown service code {new.service_code!r}"})

    description = new.description or ""
    if len(description) > MAX_DESCRIPTION:
        errors["description"] = f"must be at most {MAX_DESCRIPTION} characters"
    elif new.require_description and not description.strip():
        errors["description"] = "please describe the issue"
    if "\x00" in description:
        errors["description"] = "contains a NUL character"

    lat = _number(new.lat, "lat", errors)
    lon = _number(new.lon, "long", errors)
    area_id = None
    if (lat is None) != (lon is None) and "lat" not in errors and "long" not in errors:
        errors["lat" if lat is None else "long"] = "give both latitude and longitude, or neither"
    elif lat is not None and lon is not None:
        if not (-90 <= lat <= 90):
            errors["lat"] = "must be between -90 and 90"
        elif not (-180 <= lon <= 180):
            errors["long"] = "must be between -180 and 180"
        elif areas.has_areas():
            area_id = areas.find_area_id(lat, lon)
            if area_id is None:
                errors["location"] = "is outside the area this department serves"
    if (
        category.requires_location
        and lat is None
        and not new.address.strip()
        and not new.address_id.strip()
        and not {"lat", "long"} & errors.keys()
    ):
        errors["location"] = "give a location: a point on the map (lat and long) or an address"
    limits = {
        "address_string": (new.address, 250),
        "address_id": (new.address_id, 64),
        "email": (new.email, 254),
        "phone": (new.phone, 32),
        "media_url": (new.media_url, 500),
        "device_id": (new.device_id, 100),
        "account_id": (new.account_id, 100),
    }
    for name, (given, limit) in limits.items():
        if len(given) > limit:
            errors[name] = f"must be at most {limit} characters"
    texts = {
        "address_string": new.address,
        "first_name": new.first_name,
        "last_name": new.last_name,
    }
    for name, given in texts.items():
        if "\x00" in given:
            errors[name] = "contains a NUL character"

    email = new.email.strip()
    if email and "email" not in errors:
        try:
            EmailValidator()(email)
        except ValidationError:
            errors["email"] = "is not a valid e-mail address"
    phone = new.phone.strip()
    if phone and "phone" not in errors:
        digits = [c for c in phone if c.isdigit()]
        if not (7 <= len(digits) <= 15) or any(c not in "0123456789+-(). " for c in phone):
            errors["phone"] = "is not a valid phone number"
    for name in ("first_name", "last_name"):
        if len(getattr(new, name)) > 60:
            errors[name] = "must be at most 60 characters"

    preference = new.contact_preference or (
        ContactPreference.EMAIL
        if email
        else ContactPreference.SMS
        if phone
        else ContactPreference.NONE
    )
    if preference not in ContactPreference.values:
        errors["contact_preference"] = "must be email, sms or none"
    elif preference == ContactPreference.EMAIL and not email:
        errors["email"] = "is needed to send you updates by e-mail"
    elif preference == ContactPreference.SMS and not phone:
        errors["phone"] = "is needed to send you updates by text message"

    if not category.allow_anonymous and not (new.first_name.strip() and (email or phone)):
        errors["contact"] = "this service needs your name and an e-mail address or phone number"

    if new.language not in {code for code, _ in settings.LANGUAGES}:
        errors["language"] = "must be en or es"

    if new.media_url and "media_url" not in errors:
        try:
            URLValidator(schemes=["http", "https"])(new.media_url)
        except ValidationError:
            errors["media_url"] = "is not a valid http(s) URL"

    cleaned_attrs: dict[str, Any] = {}
    known = {a.code: a for a in category.attributes.all()}
    for code in new.attributes:
        if code not in known:
            errors[f"attribute[{code}]"] = f"is not a question of service {category.code}"
    for code, attr in known.items():
        value = new.attributes.get(code)
        if value in (None, "", []):
            if attr.required:
                errors[f"attribute[{code}]"] = "is required"
            continue
        cleaned_attrs[code] = _check_attribute(attr, value, errors)

    if new.photo is not None:
        check_photo(new.photo, errors)

    if errors:
        raise InvalidRequest(errors)
    return Cleaned(category, lat, lon, area_id, cleaned_attrs, preference)
