"""Shared fixtures: people in every role, a small city with areas and the standard catalogue."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.contrib.auth.models import Group, User
from django.test import Client

from bluebridge.core import areas
from bluebridge.core.models import ApiToken, hash_secret
from bluebridge.core.roles import ROLES
from bluebridge.servicedesk import services
from bluebridge.servicedesk.catalogue import install_standard_catalogue
from bluebridge.servicedesk.models import Open311ApiKey, ServiceRequest
from bluebridge.servicedesk.validation import NewRequest, forget_categories

# A small square city: district D1 split into beats B1 (west) and B2 (east).
WEST = [[-90.02, 40.00], [-90.00, 40.00], [-90.00, 40.02], [-90.02, 40.02], [-90.02, 40.00]]
EAST = [[-90.00, 40.00], [-89.98, 40.00], [-89.98, 40.02], [-90.00, 40.02], [-90.00, 40.00]]
WHOLE = [[-90.02, 40.00], [-89.98, 40.00], [-89.98, 40.02], [-90.02, 40.02], [-90.02, 40.00]]
INSIDE = (40.01, -90.01)  # lat, lon in beat B1
OUTSIDE = (41.5, -87.6)


def _collection(features: list[tuple[str, str, list, str | None]]) -> dict[str, Any]:
    return {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "properties": {"code": code, "name": name, "parent": parent, "population": 5000},
                "geometry": {"type": "Polygon", "coordinates": [ring]},
            }
            for code, name, ring, parent in features
        ],
    }


@pytest.fixture
def city(db: Any) -> None:
    """Areas and the standard service catalogue."""
    areas.load_geojson(_collection([("D1", "Central", WHOLE, None)]), kind="district")
    areas.load_geojson(
        _collection([("B1", "West", WEST, "D1"), ("B2", "East", EAST, "D1")]),
        kind="beat",
        parent_property="parent",
    )
    areas.invalidate_cache()
    services.forget_calendar()
    forget_categories()
    install_standard_catalogue()


@pytest.fixture
def make_user(db: Any) -> Callable[..., User]:
    def make(
        role: str | None, username: str | None = None, password: str = "a-long-test-password"
    ) -> User:
        name = username or f"{role or 'nobody'}-user"
        user = User.objects.create_user(
            name, f"{name}@example.org", password, first_name=name.title()
        )
        if role:
            group, _ = Group.objects.get_or_create(name=role)
            user.groups.add(group)
        return user

    return make


@pytest.fixture
def role_users(make_user: Callable[..., User]) -> dict[str, User]:
    return {role: make_user(role) for role in ROLES}


@pytest.fixture
def staff_client(make_user: Callable[..., User]) -> Callable[[str], Client]:
    def client_for(role: str) -> Client:
        client = Client()
        client.force_login(make_user(role, username=f"{role}-client"))
        return client

    return client_for


@pytest.fixture
def token_for(db: Any) -> Callable[[User], str]:
    def make(user: User) -> str:
        secret = ApiToken.generate()
        ApiToken.objects.create(
            user=user, name="test", token_hash=hash_secret(secret), hint=secret[:8]
        )
        return secret

    return make


@pytest.fixture
def open311_key(db: Any) -> str:
    secret = Open311ApiKey.generate()
    Open311ApiKey.objects.create(name="test client", key_hash=hash_secret(secret), hint=secret[:8])
    return secret


@pytest.fixture
def file_request(city: None) -> Callable[..., ServiceRequest]:
    """Create a service request through the real service, with sensible defaults."""

    def make(**overrides: Any) -> ServiceRequest:
        fields: dict[str, Any] = {
            "service_code": "graffiti",
            "description": "Tag on the wall by the bus stop",
            "lat": INSIDE[0],
            "lon": INSIDE[1],
            "email": "resident@example.org",
        }
        fields.update(overrides)
        sr, _ = services.create_request(NewRequest(**fields))
        return sr

    return make


def run_tasks() -> int:
    """Run every queued background task now, in this process, as `bluebridge worker` would.

    Claims and runs the tasks one by one with the worker's own run_task(): Worker.run() calls
    close_old_connections(), which on PostgreSQL closes the connection inside the test's
    transaction ("the connection is closed" on the next query). Returns how many ran.
    """
    from django.db import transaction
    from django_tasks_db.management.commands.db_worker import Worker
    from django_tasks_db.models import DBTaskResult

    worker = Worker(
        queue_names=["*"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="test-worker",
        excluded_queue_names=[],
    )
    ran = 0
    while True:
        with transaction.atomic():
            result = DBTaskResult.objects.ready().filter(backend_name="default").get_locked()
            if result is None:
                return ran
            result.claim(worker.worker_id)
        worker.run_task(result)
        ran += 1


@pytest.fixture
def tasks() -> Callable[[], int]:
    return run_tasks
