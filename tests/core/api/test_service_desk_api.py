"""The staff service-desk API: list, read (audited), change status, notes, assignment, categories."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from bluebridge.core import roles
from bluebridge.core.models import AuditEvent
from bluebridge.servicedesk.models import RequestUpdate, ServiceRequest

pytestmark = pytest.mark.django_db


def test_it_lists_requests_with_filters(file_request, api_as):
    graffiti = file_request()
    noise = file_request(service_code="noise", attributes={"noise_type": "music"})
    client, _ = api_as(roles.AGENT)
    everything = client.get("/api/requests").json()
    assert everything["count"] == 2
    assert {r["reference"] for r in everything["items"]} == {graffiti.reference, noise.reference}
    assert "email" not in everything["items"][0]
    by_category = client.get("/api/requests", {"category": "noise"}).json()
    assert [r["reference"] for r in by_category["items"]] == [noise.reference]
    by_unit = client.get("/api/requests", {"unit": noise.unit.code}).json()
    assert noise.reference in {r["reference"] for r in by_unit["items"]}
    received = client.get("/api/requests", {"status": "received"}).json()
    assert received["count"] == 2
    assert client.get("/api/requests", {"status": "closed"}).json()["count"] == 0
    tomorrow = (timezone.now() + timedelta(days=1)).isoformat()
    assert client.get("/api/requests", {"since": tomorrow}).json()["count"] == 0
    page = client.get("/api/requests", {"limit": 1, "offset": 1}).json()
    assert page["count"] == 2 and len(page["items"]) == 1


def test_it_filters_by_sla_state(file_request, api_as):
    late = file_request()
    ServiceRequest.objects.filter(pk=late.pk).update(
        first_response_due=timezone.now() - timedelta(hours=1)
    )
    soon = file_request()
    ServiceRequest.objects.filter(pk=soon.pk).update(
        first_response_due=timezone.now() + timedelta(minutes=30)
    )
    file_request()  # on track
    client, _ = api_as(roles.SUPERVISOR)
    overdue = client.get("/api/requests", {"sla": "overdue"}).json()
    assert [r["reference"] for r in overdue["items"]] == [late.reference]
    assert overdue["items"][0]["sla_first_response"] == "overdue"
    due_soon = client.get("/api/requests", {"sla": "due_soon"}).json()
    assert [r["reference"] for r in due_soon["items"]] == [soon.reference]


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"status": "sleeping"}, "status"),
        ({"unit": "nowhere"}, "unit"),
        ({"category": "dragons"}, "category"),
        ({"sla": "late"}, "sla"),
        ({"since": "last week"}, "since"),
        ({"limit": 501}, "limit"),
    ],
)
def test_it_names_the_bad_filter(file_request, api_as, params, field):
    client, _ = api_as(roles.OFFICER)
    response = client.get("/api/requests", params)
    assert response.status_code == 400
    assert field in response.json()["errors"]


def test_it_shows_one_request_in_full_and_audits_the_view(file_request, api_as):
    sr = file_request(first_name="Rosa", phone="555-010-2000")
    client, user = api_as(roles.STANDARDS)
    response = client.get(f"/api/requests/{sr.reference}")
    assert response.status_code == 200
    body = response.json()
    assert body["email"] == "resident@example.org" and body["first_name"] == "Rosa"
    assert body["updates"][0]["kind"] == "created"
    view = AuditEvent.objects.get(action=AuditEvent.VIEW, object_ref=sr.reference)
    assert view.actor == user and view.object_type == "service_request"


def test_it_answers_404_for_an_unknown_reference(city, api_as):
    client, _ = api_as(roles.AGENT)
    assert client.get("/api/requests/BB-NOPE-NOPE").status_code == 404
    response = client.post(
        "/api/requests/BB-NOPE-NOPE/notes", {"note": "hi"}, content_type="application/json"
    )
    assert response.status_code == 404
    assert "BB-NOPE-NOPE" in response.json()["detail"]


def test_it_changes_the_status(file_request, api_as):
    sr = file_request()
    client, user = api_as(roles.AGENT)
    response = client.post(
        f"/api/requests/{sr.reference}/status",
        {"status": "in_progress", "public_note": "On it", "internal_note": "crew 4"},
        content_type="application/json",
    )
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "in_progress"
    sr.refresh_from_db()
    assert sr.status == "in_progress" and sr.updated_by == user
    notes = [(u.kind, u.public, u.note) for u in sr.updates.all()]
    assert ("status", True, "On it") in notes and ("note", False, "crew 4") in notes
    assert AuditEvent.objects.filter(action=AuditEvent.CHANGE, object_ref=sr.reference).exists()


def test_it_refuses_a_bad_status_naming_the_field(file_request, api_as):
    sr = file_request()
    client, _ = api_as(roles.SUPERVISOR)
    unknown = client.post(
        f"/api/requests/{sr.reference}/status",
        {"status": "vanished"},
        content_type="application/json",
    )
    assert unknown.status_code == 400
    assert "status" in unknown.json()["errors"] and "vanished" in unknown.json()["detail"]
    no_note = client.post(
        f"/api/requests/{sr.reference}/status",
        {"status": "resolved"},
        content_type="application/json",
    )
    assert no_note.status_code == 400 and "public_note" in no_note.json()["errors"]
    missing = client.post(
        f"/api/requests/{sr.reference}/status", {}, content_type="application/json"
    )
    assert missing.status_code == 422 and "status" in str(missing.json())
    bad_json = client.post(
        f"/api/requests/{sr.reference}/status", "{status:", content_type="application/json"
    )
    assert 400 <= bad_json.status_code < 500
    sr.refresh_from_db()
    assert sr.status == "received" and sr.updates.count() == 1


def test_it_adds_notes(file_request, api_as):
    sr = file_request()
    client, _ = api_as(roles.ADMIN)
    response = client.post(
        f"/api/requests/{sr.reference}/notes",
        {"note": "Called the resident", "public": True},
        content_type="application/json",
    )
    assert response.status_code == 201
    assert response.json()["updates"][-1]["note"] == "Called the resident"
    blank = client.post(
        f"/api/requests/{sr.reference}/notes", {"note": "  "}, content_type="application/json"
    )
    assert blank.status_code == 400 and "note" in blank.json()["errors"]
    assert sr.updates.filter(kind=RequestUpdate.NOTE).count() == 1


def test_it_assigns_and_unassigns(file_request, api_as, make_user):
    sr = file_request()
    officer = make_user(roles.OFFICER, username="ofc-lee")
    make_user(roles.ANALYST, username="numbers")
    client, _ = api_as(roles.SUPERVISOR)
    url = f"/api/requests/{sr.reference}/assign"
    assigned = client.post(url, {"username": "ofc-lee"}, content_type="application/json")
    assert assigned.status_code == 200 and assigned.json()["assigned_to"] == "ofc-lee"
    sr.refresh_from_db()
    assert sr.assigned_to == officer
    ghost = client.post(url, {"username": "ghost"}, content_type="application/json")
    assert ghost.status_code == 400 and "username" in ghost.json()["errors"]
    analyst = client.post(url, {"username": "numbers"}, content_type="application/json")
    assert analyst.status_code == 400 and "username" in analyst.json()["errors"]
    cleared = client.post(url, {"username": None}, content_type="application/json")
    assert cleared.status_code == 200 and cleared.json()["assigned_to"] is None


def test_it_keeps_readers_from_changing_requests(file_request, api_as):
    sr = file_request()
    for role in (roles.OFFICER, roles.STANDARDS, roles.ANALYST):
        client, _ = api_as(role)
        response = client.post(
            f"/api/requests/{sr.reference}/notes", {"note": "x"}, content_type="application/json"
        )
        assert response.status_code == 403
    analyst, _ = api_as(roles.ANALYST, username="analyst-2")
    assert analyst.get("/api/requests").status_code == 403
    assert analyst.get(f"/api/requests/{sr.reference}").status_code == 403
    assert Client().get("/api/requests").status_code == 401
    assert not AuditEvent.objects.filter(action=AuditEvent.VIEW).exists()


def test_it_lists_categories_for_analysts(city, api_as):
    client, _ = api_as(roles.ANALYST)
    response = client.get("/api/categories")
    assert response.status_code == 200
    noise = next(c for c in response.json() if c["code"] == "noise")
    assert noise["attributes"][0]["code"] == "noise_type"
    assert noise["name_es"]
