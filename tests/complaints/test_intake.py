"""Filing complaints on the web and by API: the reference and private link, evidence checks that
never lose the complaint, and no officer identity ever shown to the complainant."""

from __future__ import annotations

import io
import json
from collections.abc import Callable

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, override_settings
from PIL import Image

from bluebridge.complaints import uploads
from bluebridge.complaints.models import Complaint, Evidence
from bluebridge.core.models import AuditEvent, Notification, Officer

pytestmark = pytest.mark.django_db


def _png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (8, 8), "blue").save(out, format="PNG")
    return out.getvalue()


FORM = {
    "what_went_wrong": "unsure",
    "description": "The officer was rude and swore at me at the traffic stop",
    "occurred_date": "2026-01-10",
    "location": "Main St and 3rd",
    "anonymous": "yes",
    "contact_preference": "none",
}


def test_it_files_an_anonymous_complaint_and_shows_the_reference_and_private_link(
    city: None,
) -> None:
    client = Client()
    response = client.post("/complaints/new/", {**FORM, "form_token": "t1"})
    assert response.status_code == 302
    complaint = Complaint.objects.get()
    assert complaint.anonymous and complaint.first_name == ""
    assert complaint.kind == "conduct"  # unsure + conduct-like words: professional standards
    page = client.get(response["Location"])
    text = page.content.decode()
    assert complaint.reference in text and complaint.tracking_token in text
    assert 'id="quick-exit"' in text
    assert AuditEvent.objects.filter(object_ref=complaint.reference, action="create").exists()
    # The same form sent twice files one complaint.
    assert client.post("/complaints/new/", {**FORM, "form_token": "t1"}).status_code == 302
    assert Complaint.objects.count() == 1


def test_it_keeps_everything_typed_when_the_form_has_a_problem(city: None) -> None:
    response = Client().post(
        "/complaints/new/",
        {**FORM, "description": "", "email": "not-an-email", "anonymous": "", "first_name": "Ana"},
    )
    assert response.status_code == 400
    text = response.content.decode()
    assert "please tell us what happened" in text and "e-mail" in text
    assert 'value="Ana"' in text and "Main St and 3rd" in text
    assert not Complaint.objects.exists()


def test_it_files_the_complaint_and_lists_a_refused_file_of_the_wrong_type(city: None) -> None:
    files = [
        SimpleUploadedFile("photo.png", _png(), content_type="image/png"),
        SimpleUploadedFile("tool.exe", b"MZ\x90\x00 not a picture", content_type="image/png"),
        SimpleUploadedFile("letter.pdf", b"%PDF-1.4 tiny", content_type="application/pdf"),
    ]
    client = Client()
    response = client.post("/complaints/new/", {**FORM, "form_token": "t2", "evidence": files})
    assert response.status_code == 302
    complaint = Complaint.objects.get()
    kept = complaint.evidence.exclude(scan_status=Evidence.REFUSED)
    assert sorted(e.content_type for e in kept) == ["application/pdf", "image/png"]
    refused = complaint.evidence.get(scan_status=Evidence.REFUSED)
    assert refused.original_name == "tool.exe" and refused.stored_path == ""
    page = client.get(response["Location"]).content.decode()
    assert "Files we could not accept" in page and "tool.exe" in page and "not accepted" in page
    for evidence in kept:
        path = uploads.path_of(evidence)
        assert path.exists() and "private" in path.parts


@override_settings(BLUEBRIDGE_COMPLAINT_MAX_FILE_BYTES=1024)
def test_it_refuses_a_file_over_the_size_limit_and_keeps_the_complaint(city: None) -> None:
    big = SimpleUploadedFile("big.pdf", b"%PDF-" + b"x" * 5000, content_type="application/pdf")
    response = Client().post("/complaints/new/", {**FORM, "form_token": "t3", "evidence": [big]})
    assert response.status_code == 302
    evidence = Complaint.objects.get().evidence.get()
    assert evidence.scan_status == Evidence.REFUSED and "larger than" in evidence.refused_reason


def test_it_refuses_a_bad_file_sent_later_from_the_tracking_page_with_a_clear_error(
    city: None,
) -> None:
    client = Client()
    location = client.post("/complaints/new/", {**FORM, "form_token": "t4"})["Location"].split("?")[
        0
    ]
    bad = SimpleUploadedFile("notes.txt", b"just text", content_type="text/plain")
    page = client.post(location, {"action": "evidence", "evidence": [bad]})
    assert page.status_code == 400 and "not accepted" in page.content.decode()
    good = SimpleUploadedFile("p.png", _png(), content_type="image/png")
    assert client.post(location, {"action": "evidence", "evidence": [good]}).status_code == 302


@override_settings(BLUEBRIDGE_VIRUS_SCAN_COMMAND="false")
def test_it_marks_a_file_infected_when_the_scanner_says_so(
    city: None, tasks: Callable[[], int]
) -> None:
    file = SimpleUploadedFile("p.png", _png(), content_type="image/png")
    Client().post("/complaints/new/", {**FORM, "form_token": "t5", "evidence": [file]})
    tasks()
    evidence = Evidence.objects.get()
    assert evidence.scan_status == Evidence.INFECTED  # `false` exits 1: "infected"
    assert not uploads.path_of(evidence).exists()


@override_settings(BLUEBRIDGE_VIRUS_SCAN_COMMAND="true")
def test_it_marks_a_file_clean_when_the_scanner_passes_it(
    city: None, tasks: Callable[[], int]
) -> None:
    file = SimpleUploadedFile("p.png", _png(), content_type="image/png")
    Client().post("/complaints/new/", {**FORM, "form_token": "t6", "evidence": [file]})
    tasks()
    assert Evidence.objects.get().scan_status == Evidence.CLEAN


def test_it_never_shows_the_complainant_officer_names_from_the_roster(
    roster: list[Officer], tasks: Callable[[], int]
) -> None:
    client = Client()
    reply = client.post(
        "/api/complaints",
        json.dumps(
            {
                "description": "The sergeant with badge 8856 pushed me",
                "what_went_wrong": "force",
                "officer_details": "badge 8856, tall, grey hair",
            }
        ),
        content_type="application/json",
    )
    assert reply.status_code == 201
    body = reply.json()
    assert body["reference"].startswith("CP-") and "/complaints/track/" in body["tracking_url"]
    page = client.get(
        body["tracking_url"].split("testserver")[-1].replace("http://127.0.0.1:8000", "")
    )
    assert page.status_code == 200
    text = page.content.decode() + reply.content.decode()
    assert "badge 8856" in text  # what they typed themselves
    for officer in roster:
        assert officer.last_name not in text and officer.first_name not in text
    # Staff do get the roster match.
    staff = Client()
    from django.contrib.auth.models import Group, User

    user = User.objects.create_user("ps", password="x")
    user.groups.add(Group.objects.get_or_create(name="professional_standards")[0])
    staff.force_login(user)
    detail = staff.get(f"/staff/complaints/{body['reference']}/").content.decode()
    assert "Fairweather" in detail


def test_it_acknowledges_instantly_by_email_when_given_an_address(city: None) -> None:
    reply = Client().post(
        "/api/complaints",
        json.dumps(
            {
                "description": "Nobody followed up on my case",
                "what_went_wrong": "no_follow_up",
                "email": "ana@example.org",
                "contact_preference": "email",
                "language": "es",
            }
        ),
        content_type="application/json",
    )
    assert reply.status_code == 201
    note = Notification.objects.get(template="complaint_received")
    assert note.recipient == "ana@example.org" and note.language == "es"


def test_it_answers_bad_api_input_with_the_fields_named(city: None) -> None:
    reply = Client().post(
        "/api/complaints",
        json.dumps({"description": " ", "email": "x@"}),
        content_type="application/json",
    )
    assert reply.status_code == 400
    assert set(reply.json()["errors"]) >= {"description", "email"}


def test_it_takes_a_commendation_and_thanks_the_commender(roster: list[Officer]) -> None:
    response = Client().post(
        "/commendations/new/",
        {
            "description": "Officer Venkataraman helped my lost son get home",
            "officer_details": "Priya Venkataraman, badge 3310",
            "email": "dad@example.org",
        },
    )
    assert response.status_code == 302
    page = Client().get(response["Location"]).content.decode()
    assert "Thank you" in page and "Venkataraman" not in page
    note = Notification.objects.get(template="commendation_thanks")
    assert note.recipient == "dad@example.org"
    from bluebridge.complaints.models import Commendation

    assert Commendation.objects.get().officer == roster[1]  # badge and name agree
