"""Turning survey versions into form fields for the templates, and demographic choices."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from bluebridge.core.demo.population import AGE_BANDS, RACE_ETHNICITY
from bluebridge.feedback.models import NUMERIC_TYPES, SurveyVersion

ANCHORS = {
    "rating": (_("very dissatisfied"), _("very satisfied")),
    "agreement": (_("not at all"), _("completely")),
    "recommend": (_("not at all likely"), _("extremely likely")),
}
SEXES = [("female", _("Female")), ("male", _("Male"))]
RACES = [
    ("hispanic", _("Hispanic or Latino")),
    ("white", _("White")),
    ("black", _("Black or African American")),
    ("asian", _("Asian")),
    ("other", _("Another race or more than one")),
]
assert [r for r, _label in RACES] == RACE_ETHNICITY
AGES = [(band, band) for band in AGE_BANDS]


def fields(
    version: SurveyVersion, language: str, values: dict[str, Any], errors: dict[str, str]
) -> list[dict[str, Any]]:
    out = []
    for q in version.questions:
        code, qtype = q["code"], q["type"]
        label = q.get("text_es") if language == "es" and q.get("text_es") else q["text"]
        field: dict[str, Any] = {
            "code": code,
            "id": f"q-{code}",
            "type": qtype,
            "label": label,
            "required": q.get("required", False),
            "error": errors.get(code, ""),
            "value": values.get(code, ""),
        }
        if qtype in NUMERIC_TYPES:
            low, high = NUMERIC_TYPES[qtype]
            field["options"] = [(str(v), str(v)) for v in range(low, high + 1)]
            field["selected"] = [str(values.get(code, ""))]
            field["anchors"] = ANCHORS[qtype]
            field["is_list"] = True
        elif qtype in ("single", "multiple"):
            field["options"] = [
                (c["value"], c.get("label_es") or c["label"] if language == "es" else c["label"])
                for c in q.get("choices", [])
            ]
            field["selected"] = values.get(code) or []
            field["is_list"] = True
        out.append(field)
    return out
