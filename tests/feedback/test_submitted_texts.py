"""Sentiment of complaint texts (core.events.text_submitted): stored, redacted, shown by area."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.test import Client
from django.utils import timezone

from bluebridge.complaints.models import Complaint
from bluebridge.core import events
from bluebridge.core.models import Area
from bluebridge.feedback.models import SubmittedText
from bluebridge.feedback.services import texts
from bluebridge.servicedesk.models import ServiceRequest

ANGRY = (
    "Terrible service. I reported the break-in three times and nobody came, this is "
    "useless and I am furious. Call me on 555-201-3344, my name is Jane Miller."
)


def _complain(client: Client, **fields: str) -> Complaint:
    form = {
        "what_went_wrong": "slow_response",
        "description": ANGRY,
        "anonymous": "yes",
        "contact_preference": "none",
        "form_token": fields.pop("form_token", "t-1"),
        **fields,
    }
    response = client.post("/complaints/new/", form)
    assert response.status_code == 302, response.content.decode()[:500]
    return Complaint.objects.order_by("-created_at").first()  # type: ignore[return-value]


def test_a_filed_complaint_is_scored_in_the_background_and_shown_for_its_area(
    file_request: Callable[..., ServiceRequest],
    staff_client: Callable[[str], Client],
    tasks: Callable[[], int],
) -> None:
    sr = file_request()  # in beat B1
    assert sr.area is not None and sr.area.code == "B1"
    complaint = _complain(Client(), related_reference=sr.reference)
    stored = SubmittedText.objects.get(source="complaint", reference=complaint.reference)
    assert stored.sentiment_label == "" and stored.text  # not analysed yet: queued
    assert tasks() >= 1
    stored.refresh_from_db()
    assert stored.sentiment_label == "negative" and stored.sentiment_score < -0.3
    assert stored.sentiment_source in ("vader", "learned")
    assert stored.area == sr.area and not stored.sensitive
    assert stored.text == ""  # the original is wiped once analysed; complaints keeps it
    assert "555-201-3344" not in stored.redacted and "Miller" not in stored.redacted
    assert "Terrible service" in stored.redacted

    page = staff_client("analyst").get(f"/staff/feedback/?period={timezone.now():%Y-%m}")
    assert page.status_code == 200
    html = page.content.decode()
    assert 'data-source="complaint" data-area="B1"' in html
    assert 'data-source="complaint" data-area="all"' in html
    assert 'data-source="complaint" data-area="B2"' not in html
    assert "Terrible service" in html and "[phone]" in html
    assert "555-201-3344" not in html and "Jane Miller" not in html


def test_a_conduct_complaint_is_counted_but_never_quoted(
    city: None, staff_client: Callable[[str], Client], tasks: Callable[[], int]
) -> None:
    complaint = _complain(
        Client(),
        what_went_wrong="force",
        description="The officer pushed me to the ground, it was awful and I was terrified",
    )
    assert complaint.sensitive
    tasks()
    stored = SubmittedText.objects.get(reference=complaint.reference)
    assert stored.sensitive and stored.sentiment_label == "negative"
    html = staff_client("supervisor").get("/staff/feedback/").content.decode()
    assert 'data-source="complaint" data-area="all"' in html
    assert "pushed me to the ground" not in html


def test_empty_and_bad_texts_never_break_the_sender(city: None, tasks: Callable[[], int]) -> None:
    beat = Area.objects.get(code="B2")

    def send(**kwargs: Any) -> None:
        base = {"source": "chat", "reference": "c-1", "text": "", "language": "en", "area": beat}
        events.text_submitted.send(sender=None, **{**base, **kwargs})

    send(text="   ")
    send(text=None)
    send(source="letter", text="an unknown source is refused")
    send(reference="", text="no reference is refused")
    assert not SubmittedText.objects.exists()
    send(text="Great help,\x00 thank you so much!\x07")  # NUL: PostgreSQL refuses it in text
    stored = SubmittedText.objects.get()
    assert "\x00" not in stored.text and stored.text.startswith("Great help")
    send(text="x" * 20000)  # replaces the earlier text, cut to the limit
    stored.refresh_from_db()
    assert len(stored.text) == texts.MAX_CHARS
    tasks()
    stored.refresh_from_db()
    assert stored.sentiment_label == "neutral" and stored.text == ""
    send(text="")  # an empty text withdraws what was sent before
    assert not SubmittedText.objects.exists()
    assert texts.analyse(123456) is False


def test_survey_answers_appear_beside_complaints_in_the_sentiment_table(
    survey_link: Callable[..., Any],
    staff_client: Callable[[str], Client],
    tasks: Callable[[], int],
) -> None:
    _invitation, path = survey_link()
    form = {"action": "answer", "csat": "5", "resolved": "yes", "nps": "10"}
    answered = Client().post(path, {**form, "comment": "Wonderful, quick and kind. Thanks!"})
    assert answered.status_code == 302
    tasks()
    html = staff_client("analyst").get("/staff/feedback/").content.decode()
    assert 'data-source="survey" data-area="B1"' in html
    assert 'data-source="complaint"' not in html
