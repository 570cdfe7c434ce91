"""Fixtures for the staff pages: a signed-in agent and a way to set a request's clocks."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client

from bluebridge.core import roles
from bluebridge.servicedesk.models import ServiceRequest


@pytest.fixture
def agent_client(staff_client: Callable[[str], Client]) -> Client:
    return staff_client(roles.AGENT)


@pytest.fixture
def agent(agent_client: Client) -> User:
    return User.objects.get(username=f"{roles.AGENT}-client")


@pytest.fixture
def set_times() -> Callable[..., ServiceRequest]:
    """Set timestamps on a request directly (the clocks are what is under test, not the save)."""

    def update(sr: ServiceRequest, **fields: datetime | Any | None) -> ServiceRequest:
        ServiceRequest.objects.filter(pk=sr.pk).update(**fields)
        sr.refresh_from_db()
        return sr

    return update
