"""Answering surveys over HTTP: the one-time link, opt-out, the community survey's protections."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from django.test import Client, override_settings

from bluebridge.core import events
from bluebridge.feedback.models import Answer, Invitation, OptOut, Response, SurveyVersion
from bluebridge.feedback.views_public import DEVICE_COOKIE, started_token

GOOD = {
    "action": "answer",
    "csat": "2",
    "resolved": "no",
    "nps": "3",
    "comment": "Slow. Call me at 555-201-3344, John Smith",
}


def test_a_resident_answers_once_from_the_link(
    survey_link: Callable[..., Any], tasks: Callable[[], int]
) -> None:
    invitation, path = survey_link()
    heard: list[dict[str, Any]] = []

    def listen(sender: Any, **kwargs: Any) -> None:
        heard.append(kwargs)

    events.survey_answered.connect(listen)
    try:
        client = Client()
        page = client.get(path)
        assert page.status_code == 200
        assert "How satisfied are you" in page.content.decode()
        done = client.post(path, GOOD)
        assert done.status_code == 302 and done["Location"] == "/survey/thanks/"
    finally:
        events.survey_answered.disconnect(listen)
    response = Response.objects.get(invitation=invitation)
    assert response.csat == 2 and response.nps == 3 and response.satisfied is False
    assert response.area == invitation.area and response.category == "graffiti"
    assert heard[0]["kind"] == "post_contact" and heard[0]["satisfied"] is False
    assert heard[0]["score"] == 0.25 and heard[0]["email"] == "resident@example.org"
    assert heard[0]["source_reference"] == invitation.source_reference
    invitation.refresh_from_db()
    assert invitation.status == Invitation.ANSWERED and invitation.recipient == ""
    again = Client().post(path, GOOD)
    assert again.status_code == 410
    assert Response.objects.filter(invitation=invitation).count() == 1
    tasks()  # sentiment and redaction of the comment, in the background
    comment = Answer.objects.get(response=response, code="comment")
    assert comment.sentiment_label in ("negative", "neutral", "positive")
    assert "555-201-3344" not in comment.redacted
    assert "Slow." in comment.redacted


def test_bad_answers_are_shown_again_with_errors_and_nothing_is_lost(
    survey_link: Callable[..., Any],
) -> None:
    invitation, path = survey_link()
    page = Client().post(path, {"action": "answer", "csat": "9", "comment": "kept text"})
    assert page.status_code == 400
    body = page.content.decode()
    assert "choose a number from 1 to 5" in body
    assert "kept text" in body
    invitation.refresh_from_db()
    assert invitation.status == Invitation.SENT


def test_unknown_and_expired_links_say_so(survey_link: Callable[..., Any]) -> None:
    invitation, path = survey_link()
    assert Client().get("/survey/not-a-token/").status_code == 404
    invitation.status = Invitation.EXPIRED
    invitation.save()
    closed = Client().get(path)
    assert closed.status_code == 410
    assert "expired" in closed.content.decode()


def test_a_resident_can_opt_out_from_the_link(survey_link: Callable[..., Any]) -> None:
    invitation, path = survey_link()
    page = Client().post(path, {"action": "stop"})
    assert page.status_code == 200
    assert OptOut.objects.filter(contact_hash=invitation.contact_hash).exists()
    invitation.refresh_from_db()
    assert invitation.status == Invitation.CANCELLED


def test_answers_keep_the_version_they_answered(
    survey_link: Callable[..., Any], make_user: Callable[..., Any]
) -> None:
    from bluebridge.feedback.services import surveys

    invitation, path = survey_link()
    first = invitation.survey.current
    Client().post(path, GOOD)
    questions = [dict(q) for q in first.questions] + [
        {"code": "wait", "type": "agreement", "text": "Was the wait OK?"}
    ]
    newer = surveys.publish(invitation.survey, questions, make_user("supervisor"))
    assert newer.number == first.number + 1
    assert Response.objects.get(invitation=invitation).version == first
    assert SurveyVersion.objects.filter(survey=invitation.survey).count() == 2


def _community_post(client: Client, **extra: str) -> Any:
    data = {
        "started": started_token(at=time.time() - 60),  # a minute ago
        "area": "B1",
        "safety": "7",
        "respect": "6",
        "listen": "5",
        "top_issue": "Speeding on Oak St",
        "age_band": "25-34",
        "sex": "female",
        "race_ethnicity": "hispanic",
    }
    data.update(extra)
    return client.post("/community-survey/", data)


def test_the_community_survey_records_one_response_per_device(city: None) -> None:
    client = Client()
    page = client.get("/community-survey/")
    assert page.status_code == 200 and DEVICE_COOKIE in page.cookies
    assert _community_post(client).status_code == 302
    response = Response.objects.get(kind="community")
    assert (response.safety, response.respect, response.listen) == (7, 6, 5)
    assert response.area.code == "B1" and response.age_band == "25-34"
    again = _community_post(client)
    assert again.status_code == 409
    assert Response.objects.filter(kind="community").count() == 1


def test_the_community_survey_ignores_bots(city: None) -> None:
    client = Client()
    client.get("/community-survey/")
    honeypot = _community_post(client, website="http://spam.example")
    assert honeypot.status_code == 302  # looks fine to the bot, stores nothing
    too_fast = _community_post(client, started=started_token())
    assert too_fast.status_code == 400
    forged = _community_post(client, started="nonsense")
    assert forged.status_code == 400
    assert not Response.objects.exists()


def test_the_community_survey_checks_answers_and_keeps_them(city: None) -> None:
    client = Client()
    client.get("/community-survey/")
    page = _community_post(client, safety="11", area="NOPE")
    assert page.status_code == 400
    body = page.content.decode()
    assert "choose a number from 0 to 10" in body and "Speeding on Oak St" in body
    assert not Response.objects.exists()


@override_settings(BLUEBRIDGE_COMMUNITY_SURVEY_RATE="2/h")
def test_the_community_survey_is_rate_limited(city: None) -> None:
    for _ in range(2):
        Client().post("/community-survey/", {})
    assert Client().post("/community-survey/", {}).status_code == 429


def test_the_community_survey_speaks_spanish(city: None) -> None:
    client = Client()
    client.cookies["django_language"] = "es"
    page = client.get("/community-survey/")
    body = page.content.decode()
    assert "¿Qué tan seguro/a se siente en su vecindario?" in body
    assert "Enviar mis respuestas" in body and "Sobre usted (opcional)" in body
