"""Surveys: building them (questions, versions) and answering them (checking, recording).

A survey's questions are published as a new version whenever they change; a response keeps
the version it answered. Recording a response copies the standard items (safety, respect,
listen, csat, nps) onto it for fast aggregation, marks the invitation answered, queues the
sentiment of free-text answers for the background worker, and sends core.events.survey_answered.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone

from bluebridge.core import events
from bluebridge.core.models import Area, Unit
from bluebridge.feedback.models import (
    NUMERIC_TYPES,
    Answer,
    Invitation,
    Kind,
    QuestionType,
    Response,
    Survey,
    SurveyVersion,
)
from bluebridge.feedback.standard import STANDARD_ITEMS

MAX_TEXT = 2000
MAX_QUESTIONS = 30
CODE = re.compile(r"^[a-z][a-z0-9_]{0,39}$")


class SurveyError(Exception):
    """Input that cannot be accepted; `errors` maps field -> message."""

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__("; ".join(f"{k}: {v}" for k, v in errors.items()))
        self.errors = errors


class FormData(Protocol):
    def get(self, key: str, default: Any = ...) -> Any: ...
    def getlist(self, key: str) -> list[Any]: ...


# --- Building ----------------------------------------------------------------------------------


def clean_questions(questions: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Check a list of question specs; raise SurveyError naming each problem (q<n>-field)."""
    errors: dict[str, str] = {}
    out: list[dict[str, Any]] = []
    seen: set[str] = set()
    if not questions:
        raise SurveyError({"questions": "add at least one question"})
    if len(questions) > MAX_QUESTIONS:
        raise SurveyError({"questions": f"at most {MAX_QUESTIONS} questions"})
    for k, q in enumerate(questions, start=1):
        code = str(q.get("code", "")).strip()
        qtype = str(q.get("type", "")).strip()
        text = str(q.get("text", "")).strip()
        if not CODE.match(code):
            errors[f"q{k}-code"] = "use lower-case letters, digits and _ (start with a letter)"
        elif code in seen:
            errors[f"q{k}-code"] = f"code {code!r} is used twice"
        seen.add(code)
        if qtype not in QuestionType.values:
            errors[f"q{k}-type"] = "choose a question type"
        if not text:
            errors[f"q{k}-text"] = "write the question in English"
        choices = []
        for choice in q.get("choices") or []:
            value = str(choice.get("value", "")).strip()
            label = str(choice.get("label", "")).strip() or value
            if value:
                choices.append(
                    {"value": value, "label": label, "label_es": str(choice.get("label_es", ""))}
                )
        if qtype in (QuestionType.SINGLE, QuestionType.MULTIPLE) and len(choices) < 2:
            errors[f"q{k}-choices"] = "give at least two choices, one per line"
        item = {
            "code": code,
            "type": qtype,
            "text": text,
            "text_es": str(q.get("text_es", "")).strip(),
            "required": bool(q.get("required")),
        }
        if choices:
            item["choices"] = choices
        out.append(item)
    if errors:
        raise SurveyError(errors)
    return out


def parse_choices(text: str) -> list[dict[str, str]]:
    """Choices written one per line as `value | English label | Spanish label`."""
    choices = []
    for line in (text or "").splitlines():
        parts = [p.strip() for p in line.split("|")]
        if parts and parts[0]:
            value = parts[0]
            label = parts[1] if len(parts) > 1 and parts[1] else value
            choices.append(
                {"value": value, "label": label, "label_es": parts[2] if len(parts) > 2 else ""}
            )
    return choices


def publish(survey: Survey, questions: Sequence[Mapping[str, Any]], user: User) -> SurveyVersion:
    """A new version of the survey's questions (the current one when nothing changed)."""
    clean = clean_questions(questions)
    current = survey.current
    if current is not None and current.questions == clean:
        return current
    return SurveyVersion.objects.create(
        survey=survey,
        number=(current.number + 1) if current else 1,
        questions=clean,
        published_by=user,
    )


SLUG = re.compile(r"^[a-z0-9][a-z0-9-]{1,59}$")


def create_survey(slug: str, kind: str, title: str, user: User) -> Survey:
    """A new survey with one placeholder question, to be edited in the builder."""
    errors = {}
    if not SLUG.match(slug or ""):
        errors["slug"] = "use 2-60 lower-case letters, digits and hyphens"
    elif Survey.objects.filter(slug=slug).exists():
        errors["slug"] = f"a survey called {slug!r} exists already"
    if kind not in Kind.values:
        errors["kind"] = "choose a kind of survey"
    if not (title or "").strip():
        errors["title"] = "give the survey a title"
    if errors:
        raise SurveyError(errors)
    with transaction.atomic():
        survey = Survey.objects.create(
            slug=slug, kind=kind, title=title.strip()[:150], created_by=user, updated_by=user
        )
        publish(
            survey,
            [{"code": "comment", "type": "text", "text": "Anything you want to tell us?"}],
            user,
        )
    return survey


def update_survey(
    survey: Survey,
    *,
    title: str,
    title_es: str,
    intro: str,
    intro_es: str,
    active: bool,
    questions: Sequence[Mapping[str, Any]],
    user: User,
) -> SurveyVersion:
    """Change a survey's wording; new questions are published as a new version."""
    if not title.strip():
        raise SurveyError({"title": "give the survey a title"})
    with transaction.atomic():
        version = publish(survey, questions, user)
        survey.title, survey.title_es = title.strip()[:150], title_es.strip()[:150]
        survey.intro, survey.intro_es = intro.strip(), intro_es.strip()
        survey.active, survey.updated_by = active, user
        survey.save()
    return version


# --- Answering ---------------------------------------------------------------------------------


@dataclass
class Parsed:
    answers: list[Answer] = field(default_factory=list)
    values: dict[str, Any] = field(default_factory=dict)  # code -> value, to show the form again
    errors: dict[str, str] = field(default_factory=dict)


def parse_answers(version: SurveyVersion, data: FormData) -> Parsed:
    """Answers from a submitted form (field names are the question codes), with errors."""
    parsed = Parsed()
    for q in version.questions:
        code, qtype, required = q["code"], q["type"], q.get("required", False)
        if qtype in NUMERIC_TYPES:
            raw = str(data.get(code, "") or "").strip()
            parsed.values[code] = raw
            if not raw:
                if required:
                    parsed.errors[code] = "choose an answer"
                continue
            low, high = NUMERIC_TYPES[qtype]
            if not raw.isdigit() or not low <= int(raw) <= high:
                parsed.errors[code] = f"choose a number from {low} to {high}"
                continue
            parsed.answers.append(Answer(code=code, qtype=qtype, number=float(raw)))
        elif qtype in (QuestionType.SINGLE, QuestionType.MULTIPLE):
            allowed = {c["value"] for c in q.get("choices", [])}
            picked = [str(v) for v in data.getlist(code) if str(v)]
            parsed.values[code] = picked
            if not picked:
                if required:
                    parsed.errors[code] = "choose an answer"
                continue
            if any(v not in allowed for v in picked) or (
                qtype == QuestionType.SINGLE and len(picked) > 1
            ):
                parsed.errors[code] = "choose one of the answers shown"
                continue
            parsed.answers.append(Answer(code=code, qtype=qtype, choices=picked))
        else:
            text = str(data.get(code, "") or "").strip()
            parsed.values[code] = text
            if not text:
                if required:
                    parsed.errors[code] = "write an answer"
                continue
            if len(text) > MAX_TEXT:
                parsed.errors[code] = f"at most {MAX_TEXT} characters"
                continue
            parsed.answers.append(Answer(code=code, qtype=qtype, text=text))
    return parsed


def satisfaction(answers: Sequence[Answer]) -> tuple[bool | None, float | None]:
    """(satisfied, score 0..1) from the csat item (1-5) and the resolved item, if asked.

    Satisfied: csat of 3 or more (neutral is not dissatisfied) and not "resolved: no".
    """
    by_code = {a.code: a for a in answers}
    csat = by_code.get("csat")
    resolved = by_code.get("resolved")
    score = (csat.number - 1) / 4 if csat is not None and csat.number is not None else None
    if score is None and resolved is None:
        return None, None
    satisfied = True
    if csat is not None and csat.number is not None and csat.number < 3:
        satisfied = False
    if resolved is not None and resolved.choices == ["no"]:
        satisfied = False
    return satisfied, score


@dataclass
class Demographics:
    age_band: str = ""
    sex: str = ""
    race_ethnicity: str = ""


def record(
    version: SurveyVersion,
    answers: Sequence[Answer],
    *,
    invitation: Invitation | None = None,
    area: Area | None = None,
    unit: Unit | None = None,
    language: str = "en",
    demographics: Demographics | None = None,
    device_hash: str = "",
    channel: str = "link",
    contact: Mapping[str, str] | None = None,
) -> Response:
    """Store a response and its answers; the invitation (if any) can never be used again."""
    survey = version.survey
    demo = demographics or Demographics()
    satisfied, score = satisfaction(answers)
    numbers = {a.code: a.number for a in answers if a.code in STANDARD_ITEMS}
    with transaction.atomic():
        if invitation is not None:
            locked = Invitation.objects.select_for_update().get(pk=invitation.pk)
            if not locked.open:
                raise SurveyError({"link": "this survey link was used already or has expired"})
            contact = contact or {
                "email": locked.recipient if locked.channel == "email" else "",
                "phone": locked.recipient if locked.channel == "sms" else "",
            }
            locked.status, locked.answered_at, locked.recipient = (
                Invitation.ANSWERED,
                timezone.now(),
                "",
            )
            locked.save(update_fields=["status", "answered_at", "recipient", "updated_at"])
            area, unit = area or locked.area, unit or locked.unit
        response = Response.objects.create(
            survey=survey,
            version=version,
            kind=survey.kind,
            invitation=invitation,
            source_kind=invitation.source_kind if invitation else "",
            source_reference=invitation.source_reference if invitation else "",
            category=invitation.category if invitation else "",
            area=area,
            unit=unit,
            language=language,
            device_hash=device_hash,
            channel=channel,
            age_band=demo.age_band,
            sex=demo.sex,
            race_ethnicity=demo.race_ethnicity,
            satisfied=satisfied,
            score=score,
            **numbers,
        )
        for answer in answers:
            answer.response = response
        Answer.objects.bulk_create(list(answers))
        if any(a.qtype == QuestionType.TEXT for a in answers):
            from bluebridge.feedback.tasks import analyse_response

            # The database task backend stores the task in this transaction: both or neither.
            analyse_response.enqueue(response.pk)
        events.survey_answered.send(
            sender=Response,
            response=response,
            kind=survey.kind,
            source_kind=response.source_kind,
            source_reference=response.source_reference,
            satisfied=satisfied if survey.kind != Kind.COMMUNITY else None,
            score=score,
            email=(contact or {}).get("email", ""),
            phone=(contact or {}).get("phone", ""),
            language=language,
        )
    return response
