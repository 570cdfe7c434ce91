"""Fixtures of the complaints tests: officers on a roster, and complaints made through the service."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from bluebridge.complaints import intake
from bluebridge.complaints.models import Complaint, ComplaintType
from bluebridge.complaints.seeds import install_default_types
from bluebridge.core.models import Officer, Unit


@pytest.fixture(autouse=True)
def complaint_types(db: None) -> None:
    """The default types (a migration installs them; transactional tests elsewhere flush them)."""
    install_default_types(ComplaintType)


@pytest.fixture
def roster(city: None) -> list[Officer]:
    unit, _ = Unit.objects.get_or_create(code="district-1", defaults={"name": "District 1 Patrol"})
    other, _ = Unit.objects.get_or_create(code="district-2", defaults={"name": "District 2 Patrol"})
    return [
        Officer.objects.create(badge="4721", first_name="Marcus", last_name="Delacroix", unit=unit),
        Officer.objects.create(
            badge="3310", first_name="Priya", last_name="Venkataraman", unit=unit
        ),
        Officer.objects.create(
            badge="8856", first_name="Owen", last_name="Fairweather", unit=other, rank="Sergeant"
        ),
    ]


@pytest.fixture
def file_complaint(city: None) -> Callable[..., Complaint]:
    def make(**overrides: Any) -> Complaint:
        fields: dict[str, Any] = {
            "description": "I waited three days and nobody came about my break-in report",
            "what_went_wrong": "slow_response",
            "email": "resident@example.org",
            "contact_preference": "email",
        }
        fields.update(overrides)
        complaint, _outcomes, _created = intake.create_complaint(intake.NewComplaint(**fields))
        return complaint

    return make


@pytest.fixture
def conduct_complaint(file_complaint: Callable[..., Complaint]) -> Complaint:
    return file_complaint(
        description="The officer pushed me to the ground and twisted my arm",
        what_went_wrong="force",
        officer_details="Officer Delacroix, badge 4721",
    )
