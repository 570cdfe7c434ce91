"""Reading what Open311 clients send: POST bodies (form, JSON or XML) and the GET filters.

Every problem is an InvalidRequest naming its field, or an Open311Error for a body that cannot be
read at all; nothing here lets bad input through to become a server error.
"""

from __future__ import annotations

import json
import re
from datetime import datetime, time
from typing import Any
from urllib.parse import parse_qsl
from xml.etree import ElementTree as ET

from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent
from django.http import HttpRequest
from django.utils import timezone

from bluebridge.servicedesk.open311.formats import Open311Error
from bluebridge.servicedesk.validation import InvalidRequest, NewRequest

MAX_FIELDS = 1000

# Text fields of POST requests and the longest value each may have.
TEXT_FIELDS: dict[str, int] = {
    "service_code": 40,
    "api_key": 200,
    "jurisdiction_id": 100,
    "address_string": 250,
    "address_id": 64,
    "email": 254,
    "device_id": 100,
    "account_id": 100,
    "first_name": 60,
    "last_name": 60,
    "phone": 32,
    "description": 4000,
    "media_url": 500,
    "locale": 20,
}
NUMBER_FIELDS = ("lat", "long")
_ATTRIBUTE = re.compile(r"^attribute\[([^\]]*)\](\[\])?$")
_CACHE_ATTR = "_open311_post"


class Submitted:
    """A POST body, read: plain fields and the attribute answers (code -> value or list)."""

    def __init__(self) -> None:
        self.fields: dict[str, Any] = {}
        self.attributes: dict[str, Any] = {}

    def add(self, name: str, value: Any, *, many: bool = False) -> None:
        match = _ATTRIBUTE.match(name)
        if match is None:
            self.fields[name] = value
            return
        code = match.group(1)
        if many or match.group(2):
            current = self.attributes.get(code)
            values = (
                current if isinstance(current, list) else ([] if current is None else [current])
            )
            values.extend(value if isinstance(value, list) else [value])
            self.attributes[code] = values
        elif code in self.attributes:  # a repeated attribute[code]=... is a list too
            self.add(f"attribute[{code}][]", value)
        else:
            self.attributes[code] = value

    @property
    def api_key(self) -> str:
        value = self.fields.get("api_key")
        return value if isinstance(value, str) else ""


def _body(request: HttpRequest) -> bytes:
    try:
        return request.body
    except RequestDataTooBig as exc:
        raise Open311Error(413, "the request body is too large") from exc


def _text_of(raw: bytes) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise Open311Error(400, f"the request body is not valid UTF-8 (byte {exc.start})") from exc


def _read_form(raw: bytes, into: Submitted) -> None:
    try:
        pairs = parse_qsl(
            _text_of(raw),
            keep_blank_values=True,
            encoding="utf-8",
            errors="strict",
            max_num_fields=MAX_FIELDS,
        )
    except UnicodeDecodeError as exc:
        raise Open311Error(400, "the form data is not valid UTF-8 once decoded") from exc
    except ValueError as exc:
        raise Open311Error(400, f"the form has more than {MAX_FIELDS} fields") from exc
    for name, value in pairs:
        into.add(name, value)


def _read_json(raw: bytes, into: Submitted) -> None:
    try:
        data = json.loads(_text_of(raw))
    except (json.JSONDecodeError, RecursionError) as exc:
        raise Open311Error(400, f"the JSON body is not valid JSON: {exc}") from exc
    if not isinstance(data, dict):
        raise Open311Error(400, 'the JSON body must be an object such as {"service_code": "noise"}')
    for name, value in data.items():
        if name in ("attribute", "attributes"):
            if not isinstance(value, dict):
                raise Open311Error(
                    400, f'{name}: must be an object such as {{"noise_type": "music"}}'
                )
            for code, answer in value.items():
                into.add(f"attribute[{code}]", answer, many=isinstance(answer, list))
        else:
            into.add(
                str(name), value, many=isinstance(value, list) and name.startswith("attribute[")
            )


def _read_xml(raw: bytes, into: Submitted) -> None:
    head = raw[:4096].upper()
    if b"<!DOCTYPE" in head or b"<!ENTITY" in raw.upper():
        raise Open311Error(400, "the XML body must not contain a DOCTYPE or entities")
    try:
        root = ET.fromstring(raw)  # noqa: S314 (no DTDs or entities get this far)
    except ET.ParseError as exc:
        raise Open311Error(400, f"the XML body is not well-formed XML: {exc}") from exc
    for child in root:
        if child.tag in ("attribute", "attributes"):
            for answer in child:
                into.add(f"attribute[{answer.tag}]", answer.text or "")
        else:
            into.add(child.tag, child.text or "")


def read_post(request: HttpRequest) -> Submitted:
    """The POST body, read once per request (the rate limiter and the view share it)."""
    cached = getattr(request, _CACHE_ATTR, None)
    if isinstance(cached, Submitted):
        return cached
    if isinstance(cached, Open311Error):
        raise cached
    try:
        submitted = _read_post(request)
    except Open311Error as exc:
        setattr(request, _CACHE_ATTR, exc)
        raise
    setattr(request, _CACHE_ATTR, submitted)
    return submitted


def _read_post(request: HttpRequest) -> Submitted:
    kind = (request.content_type or "").lower()
    submitted = Submitted()
    if kind.startswith("multipart/"):
        try:
            for name, values in request.POST.lists():
                for value in values:
                    submitted.add(name, value)
        except (RequestDataTooBig, TooManyFieldsSent) as exc:
            raise Open311Error(
                413 if isinstance(exc, RequestDataTooBig) else 400, str(exc)
            ) from exc
        return submitted
    raw = _body(request)
    if "json" in kind or (kind != "application/x-www-form-urlencoded" and raw.lstrip()[:1] == b"{"):
        _read_json(raw, submitted)
    elif "xml" in kind:
        _read_xml(raw, submitted)
    else:
        _read_form(raw, submitted)
    return submitted


def _text(name: str, value: Any, problems: dict[str, str]) -> str:
    if value is None:
        return ""
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        problems[name] = "must be text"
        return ""
    text = str(value)
    if "\x00" in text:
        problems[name] = "contains a NUL character"
    elif len(text) > TEXT_FIELDS[name]:
        problems[name] = f"must be at most {TEXT_FIELDS[name]} characters"
    return text


def _answer(code: str, value: Any, problems: dict[str, str]) -> Any:
    items = value if isinstance(value, list) else [value]
    for item in items:
        if item is not None and (isinstance(item, bool) or not isinstance(item, str | int | float)):
            problems[f"attribute[{code}]"] = "must be text, a number or a list of them"
        elif isinstance(item, str) and ("\x00" in item or len(item) > 4000):
            problems[f"attribute[{code}]"] = (
                "must be at most 4000 characters, without NUL characters"
            )
    return value


def new_request(submitted: Submitted, *, client_key: str, idempotency_key: str) -> NewRequest:
    """Turn a POST into the service desk's NewRequest; problems name the Open311 field."""
    problems: dict[str, str] = {}
    text = {name: _text(name, submitted.fields.get(name), problems) for name in TEXT_FIELDS}
    numbers = {}
    for name in NUMBER_FIELDS:
        value = submitted.fields.get(name)
        if isinstance(value, bool) or (
            value is not None and not isinstance(value, str | int | float)
        ):
            problems[name] = "must be a decimal number"
            value = None
        numbers[name] = value
    if not text["service_code"].strip() and "service_code" not in problems:
        problems["service_code"] = "is required: one of the codes listed at services.xml"
    attributes = {
        code: _answer(code, value, problems) for code, value in submitted.attributes.items()
    }
    if len(idempotency_key) > 100:
        problems["Idempotency-Key"] = "must be at most 100 characters"
    if problems:
        raise InvalidRequest(problems)
    return NewRequest(
        service_code=text["service_code"].strip(),
        description=text["description"],
        lat=numbers["lat"],
        lon=numbers["long"],
        address=text["address_string"],
        address_id=text["address_id"],
        attributes=attributes,
        first_name=text["first_name"],
        last_name=text["last_name"],
        email=text["email"],
        phone=text["phone"],
        language="es" if text["locale"].lower().startswith("es") else "en",
        device_id=text["device_id"],
        account_id=text["account_id"],
        media_url=text["media_url"].strip(),
        channel="open311",
        client_key=client_key,
        idempotency_key=idempotency_key,
    )


# --- GET filters ----------------------------------------------------------------------------------


def when(name: str, value: str, *, end_of_day: bool = False) -> datetime:
    """A W3C datetime (2026-05-01T14:30:00-05:00, ...Z) or a date; naive values are local time."""
    text = value.strip()
    try:
        parsed = datetime.fromisoformat(text.replace("Z", "+00:00").replace("z", "+00:00"))
    except ValueError as exc:
        raise InvalidRequest(
            {name: "must be a W3C datetime such as 2026-05-01T14:30:00-05:00"}
        ) from exc
    if len(text) == 10 and end_of_day:
        parsed = datetime.combine(parsed.date(), time.max)
    if timezone.is_naive(parsed):
        parsed = timezone.make_aware(parsed)
    return parsed


def whole_number(name: str, value: str, *, low: int, high: int) -> int:
    try:
        number = int(value.strip())
    except ValueError as exc:
        raise InvalidRequest({name: "must be a whole number"}) from exc
    if not low <= number <= high:
        raise InvalidRequest({name: f"must be from {low} to {high}"})
    return number


def comma_list(value: str) -> list[str]:
    return [part.strip() for part in value.split(",") if part.strip()]
