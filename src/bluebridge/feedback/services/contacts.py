"""Contacts reduced to hashes, for opt-outs and the 30-day cap (no address is kept for these)."""

from __future__ import annotations

import hashlib
import re

SALT = "bluebridge.feedback.contact:"


def normalise(contact: str) -> str:
    """An e-mail address in lower case, or a phone number's digits (US country code dropped)."""
    text = (contact or "").strip()
    if "@" in text:
        return text.lower()
    digits = re.sub(r"\D", "", text)
    if len(digits) == 11 and digits.startswith("1"):
        digits = digits[1:]
    return digits


def contact_hash(contact: str) -> str:
    clean = normalise(contact)
    return hashlib.sha256((SALT + clean).encode()).hexdigest() if clean else ""


def hashes(*contacts: str) -> list[str]:
    return [h for h in (contact_hash(c) for c in contacts) if h]
