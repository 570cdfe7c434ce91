"""The feedback part of the demo city: responses of both kinds, skewed samples, a planted alert."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import Count

from bluebridge.core.demo.city import generate
from bluebridge.feedback.demo import PLANTED_STREET
from bluebridge.feedback.models import (
    Answer,
    ConcernAlert,
    Invitation,
    Response,
    SubmittedText,
)


def test_the_demo_city_has_survey_responses_and_a_planted_concern(db: Any) -> None:
    summary = generate(7, today=date(2025, 6, 18), scale=0.1)
    assert any("community survey responses" in line for line in summary.lines())
    community = Response.objects.filter(kind="community")
    assert community.count() > 300
    assert Response.objects.filter(kind="post_contact").exists()
    assert (
        Invitation.objects.filter(status="answered").count()
        == Response.objects.filter(kind="post_contact").count()
    )
    # Older people answer more than their share of the population: raking has work to do.
    ages = dict(community.values_list("age_band").annotate(n=Count("id")))
    assert ages.get("65+", 0) > 3 * ages.get("18-24", 0)
    # Sentiment was computed for every comment, and the planted concern raised an alert.
    texts = Answer.objects.filter(qtype="text")
    assert texts.exists() and not texts.filter(sentiment_label="").exists()
    assert Answer.objects.filter(text__contains=PLANTED_STREET).exists()
    assert ConcernAlert.objects.filter(theme__icontains="speed").exists()
    # The demo complaints' texts were scored too (sent by the complaints demo).
    complaints = SubmittedText.objects.filter(source="complaint")
    assert complaints.exists() and not complaints.filter(sentiment_label="").exists()
