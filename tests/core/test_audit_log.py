"""The audit log: append-only, searchable by administrators on the page and through the API."""

from __future__ import annotations

import os
from datetime import timedelta

import pytest
from django.db import DatabaseError, connection, transaction
from django.test import Client
from django.utils import timezone

from bluebridge.core import audit, roles
from bluebridge.core.models import AuditEvent

pytestmark = pytest.mark.django_db


@pytest.fixture
def events(make_user):
    alice = make_user(roles.AGENT, username="alice")
    now = timezone.now()
    made = [
        audit.record(AuditEvent.VIEW, "service_request", "BB-AAAA-0001", user=alice, summary="one"),
        audit.record(
            AuditEvent.CHANGE, "service_request", "BB-AAAA-0002", user=alice, summary="two"
        ),
        audit.record(AuditEvent.CREATE, "api_token", "7", actor_label="public", summary="three"),
    ]
    old = AuditEvent.objects.create(
        at=now - timedelta(days=40),
        actor_label="bob",
        action=AuditEvent.VIEW,
        object_type="service_request",
        object_ref="BB-OLD0-0001",
    )
    return [*made, old]


def test_it_refuses_to_change_or_delete_an_event(events):
    event = events[0]
    event.summary = "rewritten"
    with pytest.raises(PermissionError):
        event.save()
    with pytest.raises(PermissionError):
        event.delete()
    with pytest.raises(PermissionError):
        AuditEvent.objects.filter(pk=event.pk).update(summary="rewritten")
    with pytest.raises(PermissionError):
        AuditEvent.objects.all().delete()
    assert AuditEvent.objects.get(pk=event.pk).summary == "one"


@pytest.mark.skipif(
    not os.environ.get("DATABASE_URL", "").startswith("postgres"),
    reason="the database trigger exists on PostgreSQL only",
)
def test_it_refuses_raw_sql_updates_and_deletes_on_postgresql(events):
    assert connection.vendor == "postgresql"
    pk = events[0].pk
    for sql in (
        "UPDATE core_auditevent SET summary = 'x' WHERE id = %s",
        "DELETE FROM core_auditevent WHERE id = %s",
    ):
        with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql, [pk])
    assert AuditEvent.objects.get(pk=pk).summary == "one"


def test_it_keeps_events_when_their_actor_is_deleted(events):
    alice_events = AuditEvent.objects.filter(actor_label="alice")
    alice_events.first().actor.delete()
    assert alice_events.count() == 2
    assert all(e.actor_id is None for e in alice_events)


def test_it_filters_the_audit_api(events, staff_client):
    client = staff_client(roles.ADMIN)
    everything = client.get("/api/audit").json()
    assert everything["count"] >= 4 and everything["limit"] == 50
    by_actor = client.get("/api/audit", {"actor": "alice"}).json()
    assert {e["object_ref"] for e in by_actor["items"]} == {"BB-AAAA-0001", "BB-AAAA-0002"}
    changes = client.get(
        "/api/audit", {"action": "change", "object_type": "service_request"}
    ).json()
    assert [e["summary"] for e in changes["items"]] == ["two"]
    by_ref = client.get("/api/audit", {"object_ref": "bb-old0-0001"}).json()
    assert [e["actor"] for e in by_ref["items"]] == ["bob"]
    since = (timezone.now() - timedelta(days=1)).isoformat()
    recent = client.get("/api/audit", {"since": since, "object_type": "service_request"}).json()
    assert "BB-OLD0-0001" not in {e["object_ref"] for e in recent["items"]}
    until = (timezone.now() - timedelta(days=30)).date().isoformat()
    older = client.get("/api/audit", {"until": until}).json()
    assert [e["object_ref"] for e in older["items"]] == ["BB-OLD0-0001"]
    page = client.get(
        "/api/audit", {"object_type": "service_request", "limit": 1, "offset": 1}
    ).json()
    assert page["count"] == 3 and len(page["items"]) == 1


def test_it_records_each_search_of_the_audit_log(events, staff_client):
    client = staff_client(roles.ADMIN)
    client.get("/api/audit", {"actor": "alice"})
    client.get("/staff/audit/", {"action": "view"})
    searches = AuditEvent.objects.filter(object_type="audit_log").order_by("id")
    assert [(e.actor_label, e.changes) for e in searches] == [
        ("administrator-client", {"actor": "alice"}),
        ("administrator-client", {"action": "view"}),
    ]


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"since": "yesterday"}, "since"),
        ({"until": "2026-13-45"}, "until"),
        ({"action": "explode"}, "action"),
        ({"since": "2026-05-02", "until": "2026-05-01"}, "until"),
        ({"limit": 0}, "limit"),
        ({"offset": -1}, "offset"),
    ],
)
def test_it_names_the_bad_filter_in_the_api(events, staff_client, params, field):
    response = staff_client(roles.ADMIN).get("/api/audit", params)
    assert response.status_code == 400
    assert field in response.json()["errors"]


def test_it_rejects_a_non_number_limit(staff_client):
    response = staff_client(roles.ADMIN).get("/api/audit", {"limit": "many"})
    assert response.status_code == 422 and "limit" in str(response.json())


def test_it_keeps_the_audit_log_from_other_roles(events, staff_client, make_user, token_for):
    for role in roles.ROLES:
        if role == roles.ADMIN:
            continue
        client = staff_client(role)
        assert client.get("/api/audit").status_code == 403
        assert client.get("/staff/audit/").status_code == 403
    assert Client().get("/api/audit").status_code == 401


def test_it_searches_the_audit_page(events, staff_client):
    client = staff_client(roles.ADMIN)
    response = client.get("/staff/audit/", {"actor": "alice", "action": "change"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "BB-AAAA-0002" in html and "BB-AAAA-0001" not in html
    assert 'value="alice"' in html
    dated = client.get("/staff/audit/", {"until": (timezone.now() - timedelta(days=30)).date()})
    assert "BB-OLD0-0001" in dated.content.decode()
    assert "BB-AAAA-0001" not in dated.content.decode()


def test_it_paginates_the_audit_page(staff_client):
    for n in range(60):
        audit.record(AuditEvent.VIEW, "thing", f"ref-{n:02d}")
    client = staff_client(roles.ADMIN)
    first = client.get("/staff/audit/", {"object_type": "thing"}).content.decode()
    assert "ref-59" in first and "ref-05" not in first and "Page 1 of 2" in first
    second = client.get("/staff/audit/", {"object_type": "thing", "page": 2}).content.decode()
    assert "ref-05" in second and "ref-59" not in second


def test_it_explains_bad_filters_on_the_page(events, staff_client):
    response = staff_client(roles.ADMIN).get(
        "/staff/audit/", {"since": "not-a-date", "action": "explode", "actor": "alice"}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert 'id="error_since"' in html and 'aria-describedby="hint_since error_since"' in html
    assert "unknown action" in html
    assert 'value="alice"' in html  # what was typed is kept
    assert "BB-AAAA-0001" not in html
