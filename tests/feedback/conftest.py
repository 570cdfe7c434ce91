"""Fixtures of the feedback tests: closing real service requests, invitations, survey links."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core.cache import cache

from bluebridge.feedback.models import Invitation
from bluebridge.feedback.services import invitations
from bluebridge.feedback.standard import install_standard_surveys
from bluebridge.servicedesk import services
from bluebridge.servicedesk.models import ServiceRequest


@pytest.fixture(autouse=True)
def _fresh_rate_limits() -> None:
    cache.clear()


@pytest.fixture(autouse=True)
def _standard_surveys(request: pytest.FixtureRequest) -> None:
    """The data migration's surveys, again if a transactional test flushed them."""
    names = request.fixturenames
    if "transactional_db" in names:
        request.getfixturevalue("transactional_db")
    elif "db" in names:
        request.getfixturevalue("db")
    else:
        return
    install_standard_surveys()


@pytest.fixture
def close_request(
    file_request: Callable[..., ServiceRequest], make_user: Callable[..., User]
) -> Callable[..., ServiceRequest]:
    """File a request and close it through the service desk (which sends contact_closed)."""
    agent = make_user("agent", username="closing-agent")

    def make(**overrides: Any) -> ServiceRequest:
        overrides.setdefault("contact_preference", "email")
        sr = file_request(**overrides)
        services.change_status(sr, "resolved", user=agent, public_note="Fixed.")
        sr.refresh_from_db()
        return sr

    return make


@pytest.fixture
def survey_link(
    close_request: Callable[..., ServiceRequest],
) -> Callable[..., tuple[Invitation, str]]:
    """A sent invitation for a closed request, and the path of its survey link."""

    def make(**overrides: Any) -> tuple[Invitation, str]:
        sr = close_request(**overrides)
        invitation = Invitation.objects.get(source_reference=sr.reference)
        invitation.send_after = invitation.created_at
        invitation.save()
        invitations.sweep()
        invitation.refresh_from_db()
        token = invitations.make_token(invitation)
        return invitation, f"/survey/{token}/"

    return make
