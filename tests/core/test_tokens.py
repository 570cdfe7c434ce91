"""API tokens: created, listed and revoked through the page and the API; revoked ones stop working."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from bluebridge.core import roles
from bluebridge.core.models import ApiToken, AuditEvent

pytestmark = pytest.mark.django_db


def bearer(token: str) -> Client:
    return Client(HTTP_AUTHORIZATION=f"Bearer {token}")


def test_it_creates_a_token_through_the_api_and_returns_it_once(staff_client):
    client = staff_client(roles.AGENT)
    response = client.post(
        "/api/tokens", {"name": "nightly export"}, content_type="application/json"
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["token"].startswith("bbt_")
    assert body["name"] == "nightly export" and body["user"] == "agent-client" and body["active"]
    token = ApiToken.objects.get(pk=body["id"])
    assert body["token"] not in (token.token_hash, token.hint)
    listed = client.get("/api/tokens").json()
    assert [t["id"] for t in listed] == [token.pk]
    assert "token" not in listed[0]
    assert bearer(body["token"]).get("/api/me").json()["username"] == "agent-client"
    event = AuditEvent.objects.get(action=AuditEvent.CREATE, object_type="api_token")
    assert event.object_ref == str(token.pk) and event.actor_label == "agent-client"
    assert body["token"] not in str(event.changes)


def test_it_stops_a_revoked_token_at_once(make_user, token_for):
    user = make_user(roles.SUPERVISOR)
    secret = token_for(user)
    client = bearer(secret)
    assert client.get("/api/me").status_code == 200
    token_id = ApiToken.objects.get(user=user).pk
    response = client.delete(f"/api/tokens/{token_id}")
    assert response.status_code == 200
    assert response.json()["revoked_at"] and response.json()["revoked_by"] == user.username
    assert client.get("/api/me").status_code == 401
    token = ApiToken.objects.get(pk=token_id)
    assert token.revoked_by == user and not token.active
    assert (
        AuditEvent.objects.filter(action=AuditEvent.REVOKE, object_ref=str(token_id)).count() == 1
    )


def test_it_refuses_to_let_a_non_admin_manage_someone_elses_tokens(make_user, token_for):
    owner = make_user(roles.AGENT, username="owner")
    other = make_user(roles.AGENT, username="other")
    token_for(owner)
    owned = ApiToken.objects.get(user=owner)
    client = bearer(token_for(other))
    assert client.get("/api/tokens", {"user": "owner"}).status_code == 403
    response = client.post(
        "/api/tokens", {"name": "x", "user": "owner"}, content_type="application/json"
    )
    assert response.status_code == 403 and "user" in response.json()["errors"]
    assert client.delete(f"/api/tokens/{owned.pk}").status_code == 404
    owned.refresh_from_db()
    assert owned.active


def test_it_lets_an_admin_manage_anyones_tokens(make_user, token_for, staff_client):
    owner = make_user(roles.OFFICER, username="officer-1")
    admin = staff_client(roles.ADMIN)
    created = admin.post(
        "/api/tokens", {"name": "for officer", "user": "officer-1"}, content_type="application/json"
    )
    assert created.status_code == 201 and created.json()["user"] == "officer-1"
    assert created.json()["created_by"] == "administrator-client"
    listed = admin.get("/api/tokens", {"user": "officer-1"}).json()
    assert [t["name"] for t in listed] == ["for officer"]
    revoked = admin.delete(f"/api/tokens/{created.json()['id']}")
    assert revoked.status_code == 200 and revoked.json()["revoked_by"] == "administrator-client"
    assert bearer(created.json()["token"]).get("/api/me").status_code == 401
    assert admin.get("/api/tokens", {"user": "nobody-here"}).status_code == 404
    assert owner.api_tokens.get().revoked_at is not None


def test_it_names_the_field_when_a_token_cannot_be_created(staff_client):
    client = staff_client(roles.AGENT)
    blank = client.post("/api/tokens", {"name": "   "}, content_type="application/json")
    assert blank.status_code == 400 and "name" in blank.json()["errors"]
    long = client.post("/api/tokens", {"name": "x" * 101}, content_type="application/json")
    assert long.status_code == 400 and "100" in long.json()["errors"]["name"]
    missing = client.post("/api/tokens", {}, content_type="application/json")
    assert missing.status_code == 422 and "name" in str(missing.json())
    bad_json = client.post("/api/tokens", "{not json", content_type="application/json")
    assert 400 <= bad_json.status_code < 500
    assert ApiToken.objects.count() == 0


def test_it_checks_csrf_for_session_callers_of_unsafe_methods(make_user):
    client = Client(enforce_csrf_checks=True)
    client.force_login(make_user(roles.AGENT))
    response = client.post("/api/tokens", {"name": "x"}, content_type="application/json")
    assert response.status_code == 403
    assert ApiToken.objects.count() == 0
    client.get("/staff/tokens/")  # sets the CSRF cookie
    csrf = client.cookies["csrftoken"].value
    ok = client.post(
        "/api/tokens", {"name": "x"}, content_type="application/json", HTTP_X_CSRFTOKEN=csrf
    )
    assert ok.status_code == 201


def test_it_manages_tokens_on_the_page(staff_client):
    client = staff_client(roles.ANALYST)
    page = client.get("/staff/tokens/")
    assert page.status_code == 200 and "No tokens yet" in page.content.decode()
    created = client.post("/staff/tokens/", {"action": "create", "name": "my script"})
    assert created.status_code == 200
    html = created.content.decode()
    secret = re.search(r'value="(bbt_[^"]+)"', html).group(1)
    assert "shown only this once" in html
    assert bearer(secret).get("/api/me").status_code == 200
    again = client.get("/staff/tokens/").content.decode()
    assert "my script" in again and secret not in again
    token = ApiToken.objects.get()
    revoked = client.post("/staff/tokens/", {"action": "revoke", "token_id": str(token.pk)})
    assert revoked.status_code == 302
    assert bearer(secret).get("/api/me").status_code == 401
    assert "Revoked" in client.get("/staff/tokens/").content.decode()


def test_it_keeps_the_name_and_explains_a_bad_token_name_on_the_page(staff_client):
    client = staff_client(roles.AGENT)
    response = client.post("/staff/tokens/", {"action": "create", "name": "y" * 101})
    assert response.status_code == 400
    html = response.content.decode()
    assert 'id="error_name"' in html and 'aria-describedby="hint_name error_name"' in html
    assert "y" * 101 in html
    assert ApiToken.objects.count() == 0


def test_it_does_not_let_a_non_admin_revoke_anothers_token_on_the_page(
    make_user, token_for, staff_client
):
    owner = make_user(roles.AGENT, username="owner")
    token_for(owner)
    token = ApiToken.objects.get()
    client = staff_client(roles.SUPERVISOR)
    response = client.post("/staff/tokens/", {"action": "revoke", "token_id": str(token.pk)})
    assert response.status_code == 404
    assert client.get("/staff/tokens/", {"user": "owner"}).status_code == 403
    token.refresh_from_db()
    assert token.active


def test_it_shows_the_token_page_in_spanish(staff_client):
    client = staff_client(roles.AGENT)
    response = client.get("/staff/tokens/", HTTP_ACCEPT_LANGUAGE="es")
    assert response.status_code == 200
    assert 'lang="es"' in response.content.decode()
