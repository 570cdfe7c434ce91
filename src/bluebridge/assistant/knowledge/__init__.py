"""The demo department's knowledge base: one JSON file per topic in this folder.

Each file holds one topic::

    {"slug": "police-report-copy", "topic": "Records", "unit": "records", "category": null,
     "review_by": "2027-06-30",
     "translations": {"en": {"title": "...", "answer": "Markdown", "questions": ["..."]},
                      "es": {"title": "...", "answer": "...", "questions": ["..."]}}}

`load_all()` reads and validates every file; `validate(doc)` lists what is wrong with one.
Pure Python, no Django: the assistant app imports these documents into its models.
"""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path
from typing import Any

DIRECTORY = Path(__file__).resolve().parent
LANGUAGES = ("en", "es")
MIN_QUESTIONS = 15
UNITS = frozenset(
    {"front-desk", "patrol", "traffic", "records", "property", "community", "victim-services"}
)
CATEGORIES = frozenset(
    {
        "noise",
        "abandoned-vehicle",
        "parking",
        "traffic-enforcement",
        "graffiti",
        "lost-property",
        "found-property",
        "minor-theft",
        "vehicle-break-in",
        "records-request",
        "unhoused-welfare",
        "domestic-violence-followup",
    }
)
_SLUG = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")
_KEYS = {"slug", "topic", "unit", "category", "review_by", "translations"}


class InvalidKnowledge(ValueError):
    """A knowledge file is malformed; the message names the file and every problem."""


def validate(doc: Any) -> list[str]:
    """Problems with one topic document (empty when it is valid)."""
    if not isinstance(doc, dict):
        return ["a topic must be a JSON object"]
    errors: list[str] = []
    missing = _KEYS - doc.keys()
    extra = doc.keys() - _KEYS
    if missing:
        errors.append(f"missing keys: {', '.join(sorted(missing))}")
    if extra:
        errors.append(f"unknown keys: {', '.join(sorted(extra))}")
    slug = doc.get("slug")
    if not isinstance(slug, str) or not _SLUG.fullmatch(slug) or len(slug) > 60:
        errors.append("slug must be lowercase words joined by '-' (at most 60 characters)")
    if not isinstance(doc.get("topic"), str) or not doc.get("topic", "").strip():
        errors.append("topic must be a non-empty string")
    if doc.get("unit") not in UNITS:
        errors.append(f"unit must be one of {', '.join(sorted(UNITS))}")
    category = doc.get("category")
    if category is not None and category not in CATEGORIES:
        errors.append(f"category must be null or one of {', '.join(sorted(CATEGORIES))}")
    try:
        date.fromisoformat(str(doc.get("review_by")))
    except ValueError:
        errors.append("review_by must be a date like 2027-06-30")
    translations = doc.get("translations")
    if not isinstance(translations, dict):
        return [*errors, "translations must be an object keyed by language"]
    for lang in LANGUAGES:
        entry = translations.get(lang)
        if not isinstance(entry, dict):
            errors.append(f"translations.{lang} is missing")
            continue
        for key in ("title", "answer"):
            if not isinstance(entry.get(key), str) or not entry[key].strip():
                errors.append(f"translations.{lang}.{key} must be a non-empty string")
        questions = entry.get("questions")
        if not isinstance(questions, list) or not all(
            isinstance(q, str) and q.strip() for q in questions
        ):
            errors.append(f"translations.{lang}.questions must be a list of non-empty strings")
            continue
        if len(questions) < MIN_QUESTIONS:
            errors.append(
                f"translations.{lang} has {len(questions)} questions, at least {MIN_QUESTIONS} needed"
            )
        seen = {q.strip().lower() for q in questions}
        if len(seen) != len(questions):
            errors.append(f"translations.{lang}.questions has duplicates")
    unknown = set(translations) - set(LANGUAGES)
    if unknown:
        errors.append(f"unsupported languages: {', '.join(sorted(unknown))}")
    return errors


def load_all(directory: Path | str | None = None) -> list[dict[str, Any]]:
    """Every topic in `directory` (this folder by default), sorted by slug.

    Raises InvalidKnowledge naming the file and its problems if any file is malformed, and
    when two files share a slug or a file's name is not its slug.
    """
    folder = Path(directory) if directory is not None else DIRECTORY
    docs: list[dict[str, Any]] = []
    problems: list[str] = []
    slugs: dict[str, str] = {}
    for path in sorted(folder.glob("*.json")):
        try:
            doc = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            problems.append(f"{path.name}: not readable JSON ({exc})")
            continue
        errors = validate(doc)
        if not errors and doc["slug"] != path.stem:
            errors.append(f"file name must be the slug ({doc['slug']}.json)")
        if not errors and doc["slug"] in slugs:
            errors.append(f"slug {doc['slug']!r} is also used by {slugs[doc['slug']]}")
        if errors:
            problems.append(f"{path.name}: " + "; ".join(errors))
            continue
        slugs[doc["slug"]] = path.name
        docs.append(doc)
    if problems:
        raise InvalidKnowledge("\n".join(problems))
    return sorted(docs, key=lambda d: d["slug"])


__all__ = ["CATEGORIES", "LANGUAGES", "UNITS", "InvalidKnowledge", "load_all", "validate"]
