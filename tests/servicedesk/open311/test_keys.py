"""Issuing and revoking Open311 keys: the command, the administrators' page and the staff API."""

from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse

from bluebridge.core.models import AuditEvent, hash_secret
from bluebridge.core.roles import ADMIN, AGENT
from bluebridge.servicedesk.models import Open311ApiKey
from tests.servicedesk.open311.conftest import BASE

pytestmark = pytest.mark.django_db


def _post_works(secret: str) -> int:
    return (
        Client()
        .post(BASE + "requests.json", {"api_key": secret, "service_code": "found-property"})
        .status_code
    )


def test_the_command_creates_lists_and_revokes_keys(city):
    out, err = io.StringIO(), io.StringIO()
    call_command("open311_key", "create", "City app", "--rate-limit", "600", stdout=out, stderr=err)
    secret = out.getvalue().strip()
    key = Open311ApiKey.objects.get()
    assert secret.startswith("o311_") and key.key_hash == hash_secret(secret)
    assert key.rate_limit_per_minute == 600 and key.hint == secret[:8]
    assert "shown only now" in err.getvalue()
    assert _post_works(secret) == 201

    listing = io.StringIO()
    call_command("open311_key", "list", stdout=listing)
    assert "City app" in listing.getvalue() and secret not in listing.getvalue()

    call_command("open311_key", "revoke", str(key.pk), stdout=io.StringIO())
    key.refresh_from_db()
    assert key.revoked_at is not None
    assert _post_works(secret) == 403
    with pytest.raises(CommandError, match="already revoked"):
        call_command("open311_key", "revoke", key.hint, stdout=io.StringIO())
    with pytest.raises(CommandError, match="no key"):
        call_command("open311_key", "revoke", "o311_zzzzzz", stdout=io.StringIO())
    actions = list(
        AuditEvent.objects.filter(object_type="open311_key").values_list("action", flat=True)
    )
    assert sorted(actions) == ["create", "revoke"]


def test_administrators_issue_and_revoke_keys_on_the_staff_page(city, staff_client):
    client = staff_client(ADMIN)
    url = reverse("staff-open311-keys")
    assert url == "/staff/open311-keys/"
    page = client.get(url)
    assert page.status_code == 200 and b"Issue a key" in page.content

    response = client.post(url, {"action": "create", "name": "Vendor X", "rate_limit": "120"})
    assert response.status_code == 200
    key = Open311ApiKey.objects.get()
    secret = response.context["new_secret"]
    assert secret.encode() in response.content and key.key_hash == hash_secret(secret)
    assert (
        AuditEvent.objects.get(object_type="open311_key", action="create").actor_label
        == "administrator-client"
    )

    client.post(url, {"action": "revoke", "key_id": key.pk})
    key.refresh_from_db()
    assert key.revoked_at is not None and key.revoked_by.username == "administrator-client"
    assert AuditEvent.objects.filter(object_type="open311_key", action="revoke").exists()
    assert secret.encode() not in client.get(url).content


def test_the_staff_page_names_bad_fields_and_keeps_what_was_typed(city, staff_client):
    client = staff_client(ADMIN)
    response = client.post(
        reverse("staff-open311-keys"), {"action": "create", "name": "", "rate_limit": ""}
    )
    assert response.status_code == 400
    assert (
        b'id="error_name"' in response.content
        and b'aria-describedby="hint_name error_name"' in response.content
    )
    response = client.post(
        reverse("staff-open311-keys"), {"action": "create", "name": "Keep me", "rate_limit": "lots"}
    )
    assert response.status_code == 400
    assert b"error_rate_limit" in response.content and b'value="Keep me"' in response.content
    assert not Open311ApiKey.objects.exists()


def test_only_administrators_reach_the_staff_page(city, staff_client):
    assert staff_client(AGENT).get(reverse("staff-open311-keys")).status_code == 403
    response = Client().get(reverse("staff-open311-keys"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_the_staff_api_lists_issues_and_revokes_keys(city, make_user, token_for):
    admin = Client(HTTP_AUTHORIZATION=f"Bearer {token_for(make_user(ADMIN))}")
    created = admin.post(
        "/api/open311-keys",
        {"name": "Partner", "rate_limit_per_minute": 60},
        content_type="application/json",
    )
    assert created.status_code == 201, created.content
    body = created.json()
    assert body["key"].startswith("o311_") and body["active"] is True
    assert _post_works(body["key"]) == 201

    listed = admin.get("/api/open311-keys").json()
    assert [k["name"] for k in listed] == ["Partner"] and "key" not in listed[0]

    revoked = admin.post(f"/api/open311-keys/{body['id']}/revoke")
    assert revoked.status_code == 200 and revoked.json()["active"] is False
    assert _post_works(body["key"]) == 403
    assert admin.post(f"/api/open311-keys/{body['id']}/revoke").status_code == 400
    assert admin.post("/api/open311-keys/99999/revoke").status_code == 404
    bad = admin.post("/api/open311-keys", {"name": " "}, content_type="application/json")
    assert bad.status_code == 400 and "name" in bad.json()["errors"]

    agent = Client(HTTP_AUTHORIZATION=f"Bearer {token_for(make_user(AGENT))}")
    assert agent.get("/api/open311-keys").status_code == 403
    assert (
        agent.post("/api/open311-keys", {"name": "x"}, content_type="application/json").status_code
        == 403
    )
