"""Writing Open311 responses as XML (the standard's own format) or JSON, and its error lists."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Any
from xml.etree import ElementTree as ET

from django.http import HttpResponse
from django.utils import timezone

XML, JSON = "xml", "json"
CONTENT_TYPES = {XML: "text/xml; charset=utf-8", JSON: "application/json; charset=utf-8"}

# In XML, a list is an element holding one child element per item: <attributes><attribute>...
LIST_ITEMS = {
    "attributes": "attribute",
    "values": "value",
    "endpoints": "endpoint",
    "formats": "format",
}

# Characters XML 1.0 cannot carry at all (control characters other than tab, newline, return).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


class Open311Error(Exception):
    """An error to answer in the standard's format: a list of (code, description)."""

    def __init__(self, status: int, *descriptions: str, retry_after: int | None = None) -> None:
        super().__init__("; ".join(descriptions))
        self.status = status
        self.descriptions = list(descriptions) or ["error"]
        self.retry_after = retry_after


def w3c(value: datetime | None) -> str:
    """A W3C datetime with the zone offset, e.g. 2026-05-01T14:30:00-05:00 (empty when unknown)."""
    if value is None:
        return ""
    return timezone.localtime(value).isoformat(timespec="seconds")


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime):
        return w3c(value)
    return _NOT_XML.sub("", str(value))


def _append(parent: ET.Element, tag: str, value: Any) -> None:
    element = ET.SubElement(parent, tag)
    if isinstance(value, Mapping):
        for key, item in value.items():
            _append(element, key, item)
    elif isinstance(value, list | tuple):
        child = LIST_ITEMS.get(tag, "item")
        for item in value:
            _append(element, child, item)
    else:
        element.text = _text(value)


def to_xml(root: str, item: str | None, data: Any) -> bytes:
    """`data` is a list of mappings (each written as <item>) or one mapping (written into <root>)."""
    element = ET.Element(root)
    if item is None:
        for key, value in data.items():
            _append(element, key, value)
    else:
        for entry in data:
            _append(element, item, entry)
    return b'<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(
        element, encoding="utf-8", xml_declaration=False
    )


def _json_default(value: Any) -> Any:
    if isinstance(value, datetime):
        return w3c(value)
    raise TypeError(f"cannot write {type(value).__name__} as JSON")


def to_json(data: Any) -> bytes:
    return json.dumps(
        data, ensure_ascii=False, default=_json_default, separators=(",", ":")
    ).encode()


def respond(fmt: str, data: Any, *, root: str, item: str | None, status: int = 200) -> HttpResponse:
    body = to_json(data) if fmt == JSON else to_xml(root, item, data)
    return HttpResponse(body, status=status, content_type=CONTENT_TYPES[fmt])


def errors(
    fmt: str, status: int, descriptions: Iterable[str], retry_after: int | None = None
) -> HttpResponse:
    entries = [{"code": status, "description": text} for text in descriptions]
    response = respond(fmt, entries, root="errors", item="error", status=status)
    if retry_after is not None:
        response["Retry-After"] = str(retry_after)
    return response


def field_errors(fmt: str, problems: Mapping[str, str]) -> HttpResponse:
    """Validation problems (field -> message): one error entry per field, each naming its field."""
    return errors(fmt, 400, [f"{name}: {message}" for name, message in problems.items()])
