"""The listening dashboard, the CSV export of aggregates, the trust API and the survey builder."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from typing import Any

from django.test import Client
from django.utils import timezone

from bluebridge.core.models import AuditEvent
from bluebridge.feedback.models import ConcernTheme, Survey
from bluebridge.feedback.services.periods import month_of

from .helpers import community, margins


def test_the_dashboard_shows_trust_by_area_and_service_scores(
    city: None, staff_client: Callable[[str], Client], survey_link: Callable[..., Any]
) -> None:
    margins("B1")
    community("B1", 120)
    _inv, path = survey_link()
    Client().post(path, {"action": "answer", "csat": "5", "nps": "10"})
    page = staff_client("analyst").get("/staff/feedback/")
    assert page.status_code == 200
    body = page.content.decode()
    assert 'id="trust-map"' in body and "trust-features" in body
    assert 'data-area="B1"' in body
    assert "not enough responses" in body  # B2 has none
    assert 'id="area-responses-table"' in body


def test_the_dashboard_refuses_a_bad_period_clearly(
    city: None, staff_client: Callable[[str], Client]
) -> None:
    page = staff_client("supervisor").get("/staff/feedback/?period=March")
    assert page.status_code == 400
    assert "write a month as 2025-03" in page.content.decode()


def test_quotes_on_the_dashboard_are_redacted(
    city: None, staff_client: Callable[[str], Client]
) -> None:
    from bluebridge.core.models import Area
    from bluebridge.feedback.models import Answer
    from bluebridge.feedback.services import concerns

    responses = community("B1", 12)
    Answer.objects.bulk_create(
        Answer(
            response=r,
            code="top_issue",
            qtype="text",
            text=f"Speeding on Oak St, call Maria at 217-555-01{k:02d}",
        )
        for k, r in enumerate(responses)
    )
    concerns.scan(use_embeddings=False)
    theme = ConcernTheme.objects.filter(area=Area.objects.get(code="B1")).first()
    assert theme is not None and theme.quotes
    body = staff_client("analyst").get("/staff/feedback/").content.decode()
    assert "Speeding" in body
    assert "217-555-01" not in body


def test_the_export_has_aggregates_only_and_is_audited(
    city: None, staff_client: Callable[[str], Client]
) -> None:
    margins("B1")
    community("B1", 120)
    client = staff_client("analyst")
    period = month_of(timezone.now())
    response = client.get(f"/staff/feedback/export.csv?what=trust&period={period}")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert {r["area"] for r in rows} == {"city", "B1", "B2"}
    assert "age_band" not in rows[0] and "race_ethnicity" not in rows[0]
    b2 = next(r for r in rows if r["area"] == "B2")
    assert b2["published"] == "False" and b2["trust"] == ""
    assert AuditEvent.objects.filter(action="export", object_type="feedback_aggregates").exists()
    service = client.get(f"/staff/feedback/export.csv?what=service&period={period}")
    assert service.status_code == 200
    assert client.get("/staff/feedback/export.csv?what=people").status_code == 400


def test_the_trust_api_gives_values_with_intervals(
    city: None, staff_client: Callable[[str], Client]
) -> None:
    margins("B1")
    community("B1", 300)
    client = staff_client("analyst")
    period = month_of(timezone.now())
    data = client.get(f"/api/feedback/trust?area=B1&period={period}").json()
    (row,) = data["areas"]
    assert row["area"] == "B1" and row["published"]
    assert row["trust"]["low"] < row["trust"]["value"] < row["trust"]["high"]
    assert client.get("/api/feedback/trust?period=nope").status_code == 400
    assert client.get("/api/feedback/trust?area=ZZ").status_code == 404
    assert staff_client("agent").get("/api/feedback/trust").status_code == 403


def test_a_supervisor_builds_a_survey_in_two_languages(
    city: None, staff_client: Callable[[str], Client]
) -> None:
    client = staff_client("supervisor")
    made = client.post(
        "/staff/feedback/surveys/",
        {"slug": "front-desk", "title": "Front desk", "kind": "post_contact"},
    )
    assert made.status_code == 302
    survey = Survey.objects.get(slug="front-desk")
    form = {
        "title": "Front desk visit",
        "title_es": "Visita a la recepción",
        "active": "1",
        "rows": "3",
        "q1-code": "csat",
        "q1-type": "rating",
        "q1-text": "How satisfied were you?",
        "q1-text_es": "¿Qué tan satisfecho/a quedó?",
        "q1-required": "1",
        "q2-code": "visit",
        "q2-type": "single",
        "q2-text": "Why did you come?",
        "q2-choices": "report | To report | Para reportar\nrecords | Records | Registros",
    }
    saved = client.post(f"/staff/feedback/surveys/{survey.slug}/", form)
    assert saved.status_code == 302
    current = survey.current
    assert current.number == 2
    assert current.questions[1]["choices"][1] == {
        "value": "records",
        "label": "Records",
        "label_es": "Registros",
    }
    bad = client.post(
        f"/staff/feedback/surveys/{survey.slug}/", dict(form, **{"q2-choices": "only"})
    )
    assert bad.status_code == 400
    assert "Why did you come?" in bad.content.decode()  # what was typed is kept
    assert survey.current.number == 2
    assert staff_client("analyst").get("/staff/feedback/surveys/").status_code == 403


def test_staff_get_a_qr_code_for_flyers(city: None, staff_client: Callable[[str], Client]) -> None:
    svg = staff_client("supervisor").get("/staff/feedback/community-qr.svg?src=library")
    assert svg.status_code == 200 and svg["Content-Type"] == "image/svg+xml"
    assert b"<svg" in svg.content


def test_the_dashboard_shows_the_trend_of_the_area_chosen(
    city: None, staff_client: Callable[[str], Client]
) -> None:
    from datetime import timedelta

    now = timezone.now()
    community("B1", 120, when=now, old_share=1.0, trust_old=9.0)
    community("B1", 120, when=now - timedelta(days=32), old_share=1.0, trust_old=5.0, seed=3)
    client = staff_client("analyst")
    body = client.get("/staff/feedback/?trend_area=B1&trend_step=month").content.decode()
    assert 'id="trend-table" data-area="B1"' in body
    assert '<option value="B1" selected>' in body
    table = body[
        body.index('id="trend-table"') : body.index("</table>", body.index('id="trend-table"'))
    ]
    assert "<td>90.0</td>" in table and "<td>50.0</td>" in table  # trust and safety, both months
    assert table.count("beyond noise") == 2  # trust and safety both rose beyond noise
    # an area that does not exist (or is of the other kind) shows the city, not an error
    other = client.get("/staff/feedback/?trend_area=Nowhere").content.decode()
    assert 'id="trend-table" data-area="city"' in other


def test_an_areas_trend_defaults_to_quarters(
    city: None, staff_client: Callable[[str], Client]
) -> None:
    client = staff_client("analyst")
    body = client.get("/staff/feedback/?trend_area=B1").content.decode()
    assert 'data-area="B1" data-step="quarter"' in body
    assert "Quarterly scores" in body
    city_body = client.get("/staff/feedback/").content.decode()
    assert 'data-area="city" data-step="month"' in city_body
    odd = client.get("/staff/feedback/?trend_step=fortnight").content.decode()
    assert 'data-step="month"' in odd  # an unknown step shows months, not an error
