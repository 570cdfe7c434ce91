import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from bluebridge.core import roles
from bluebridge.core.models import AuditEvent
from bluebridge.servicedesk import services


def _png() -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "red").save(buffer, "PNG")
    return SimpleUploadedFile("wall.png", buffer.getvalue(), content_type="image/png")


def test_it_shows_the_whole_request(city, agent_client, agent, file_request):
    sr = file_request(
        service_code="noise",
        attributes={"noise_type": "music", "ongoing": "yes"},
        description="Party every night",
        address="12 Elm Street",
        first_name="Rosa",
        phone="555-010-2233",
    )
    services.add_note(sr, "Called the neighbour", public=False, user=agent)
    response = agent_client.get(f"/staff/requests/{sr.reference}/")
    assert response.status_code == 200
    html = response.content.decode()
    for text in (
        sr.reference,
        "Party every night",
        "What kind of noise?",
        "Music or party",
        "Is it happening now?",
        "12 Elm Street",
        "40.01000",
        "-90.01000",
        "West",
        "Rosa",
        "resident@example.org",
        "555-010-2233",
        "Web form",
        "Called the neighbour",
        "Internal",
        "First response",
        "Resolution",
        "On track: due in",
        'id="request-map"',
    ):
        assert text in html, text


def test_it_records_who_viewed_the_request(city, agent_client, file_request):
    sr = file_request()
    agent_client.get(f"/staff/requests/{sr.reference}/")
    event = AuditEvent.objects.get(action=AuditEvent.VIEW, object_ref=sr.reference)
    assert event.actor_label == "agent-client"
    assert event.object_type == "service_request"


def test_it_answers_404_for_an_unknown_reference(city, agent_client):
    assert agent_client.get("/staff/requests/BB-0000-0000/").status_code == 404
    assert not AuditEvent.objects.filter(action=AuditEvent.VIEW).exists()


def test_it_finds_a_reference_typed_in_lower_case(city, agent_client, file_request):
    sr = file_request()
    assert agent_client.get(f"/staff/requests/{sr.reference.lower()}/").status_code == 200


def test_it_shows_officers_the_request_without_actions(city, staff_client, file_request):
    sr = file_request()
    html = staff_client(roles.OFFICER).get(f"/staff/requests/{sr.reference}/").content.decode()
    assert sr.reference in html
    assert "Change status" not in html


def test_it_forbids_analysts_and_redirects_anonymous(city, staff_client, client, file_request):
    sr = file_request()
    assert staff_client(roles.ANALYST).get(f"/staff/requests/{sr.reference}/").status_code == 403
    response = client.get(f"/staff/requests/{sr.reference}/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_it_streams_the_photo_to_staff_only(city, agent_client, client, file_request):
    sr = file_request(photo=_png())
    html = agent_client.get(f"/staff/requests/{sr.reference}/").content.decode()
    assert f"/staff/requests/{sr.reference}/photo/" in html
    response = agent_client.get(f"/staff/requests/{sr.reference}/photo/")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert "no-store" in response["Cache-Control"]
    assert b"".join(response.streaming_content).startswith(b"\x89PNG")
    assert AuditEvent.objects.filter(
        action=AuditEvent.VIEW, object_ref=sr.reference, summary="photo"
    ).exists()
    assert client.get(f"/staff/requests/{sr.reference}/photo/").status_code == 302


def test_it_answers_404_when_there_is_no_photo(city, agent_client, file_request):
    sr = file_request()
    assert agent_client.get(f"/staff/requests/{sr.reference}/photo/").status_code == 404


@pytest.mark.parametrize("path", ["", "photo/"])
def test_it_forbids_analysts_the_photo_and_page(city, staff_client, file_request, path):
    sr = file_request()
    assert (
        staff_client(roles.ANALYST).get(f"/staff/requests/{sr.reference}/{path}").status_code == 403
    )
