"""`bluebridge demo --no-serve`: migrate, load the city, write logins that really work."""

from __future__ import annotations

import json
import stat
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client

from bluebridge.core.models import ApiToken, AuditEvent, hash_secret
from bluebridge.core.roles import ROLES, STAFF_ROLES
from bluebridge.servicedesk.models import Open311ApiKey, ServiceRequest
from bluebridge.servicedesk.open311 import keys as open311_keys


@pytest.fixture
def data_dir(settings: Any, tmp_path: Path) -> Path:
    settings.DATA_DIR = tmp_path
    return tmp_path


def _credentials(directory: Path) -> dict[str, Any]:
    return json.loads((directory / "demo-credentials.json").read_text())


def test_it_writes_demo_credentials_that_work(
    db: Any, data_dir: Path, capsys: Any, settings: Any
) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    call_command("demo", "--no-serve", "--port", "8123")  # the full-size city
    out = capsys.readouterr().out
    assert 9000 < ServiceRequest.objects.count() < 16000
    path = data_dir / "demo-credentials.json"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    creds = _credentials(data_dir)
    accounts = {a["role"]: a for a in creds["accounts"]}
    assert set(accounts) == set(ROLES)
    for role, account in accounts.items():
        assert account["username"] in out and account["can"] in out
        assert Client().login(username=account["username"], password=account["password"])
        if role in STAFF_ROLES:
            response = Client().get(
                "/api/me", headers={"authorization": f"Bearer {account['api_token']}"}
            )
            assert response.status_code == 200
            assert response.json()["username"] == account["username"]
            assert role in response.json()["roles"]
        else:
            assert account["api_token"] is None
    key = creds["open311"]["api_key"]
    assert Open311ApiKey.objects.get(key_hash=hash_secret(key)).revoked_at is None
    assert open311_keys.find_active(key) is not None
    filed = Client().post(
        "/open311/v2/requests.json",
        {
            "api_key": key,
            "service_code": "graffiti",
            "lat": "39.78",
            "long": "-89.65",
            "description": "Tag on the underpass",
            "email": "someone@example.com",
        },
    )
    assert filed.status_code == 201, filed.content
    window = Client().get("/open311/v2/requests.json")  # default 90-day window
    assert window.status_code == 200 and len(window.json()) > 500
    assert creds["urls"]["api_docs"] == "http://127.0.0.1:8123/api/docs"
    assert creds["urls"]["open311_discovery"].endswith("/open311/v2/discovery.json")
    assert "/api/docs" in out and "demo-credentials.json" in out
    assert AuditEvent.objects.filter(
        object_type="api_token", actor_label="bluebridge demo"
    ).count() == len(STAFF_ROLES)
    assert Client().get("/api/docs").status_code == 200


def test_it_keeps_the_city_and_replaces_the_logins_on_a_second_run(
    db: Any, data_dir: Path, capsys: Any
) -> None:
    call_command("demo", "--no-serve", "--scale", "0.03")
    first = _credentials(data_dir)
    count = ServiceRequest.objects.count()
    call_command("demo", "--no-serve", "--scale", "0.03")
    out = capsys.readouterr().out
    second = _credentials(data_dir)
    assert "already loaded" in out
    assert ServiceRequest.objects.count() == count
    old, new = first["accounts"][0], second["accounts"][0]
    assert old["password"] != new["password"]
    assert not Client().login(username=old["username"], password=old["password"])
    assert Client().login(username=new["username"], password=new["password"])
    stale = Client().get("/api/me", headers={"authorization": f"Bearer {old['api_token']}"})
    assert stale.status_code == 401
    assert ApiToken.objects.filter(name="demo", revoked_at__isnull=True).count() == len(STAFF_ROLES)
    old_key = Open311ApiKey.objects.get(key_hash=hash_secret(first["open311"]["api_key"]))
    assert old_key.revoked_at is not None
    assert open311_keys.find_active(first["open311"]["api_key"]) is None
    assert open311_keys.find_active(second["open311"]["api_key"]) is not None


def test_it_refuses_a_bad_port(db: Any, data_dir: Path) -> None:
    from django.core.management import CommandError

    with pytest.raises(CommandError, match="--port"):
        call_command("demo", "--no-serve", "--port", "70000")
    assert not (data_dir / "demo-credentials.json").exists()
