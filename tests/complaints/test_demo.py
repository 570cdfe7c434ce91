"""The demo city gets complaints, commendations and recovery cases, deterministically."""

from __future__ import annotations

import pytest

from bluebridge.complaints.models import Allegation, Commendation, Complaint
from bluebridge.complaints.recovery_models import RecoveryCase
from bluebridge.core.demo import city

pytestmark = pytest.mark.django_db


def test_it_adds_complaints_with_outcomes_to_the_demo_city() -> None:
    summary = city.generate(seed=3, scale=0.1)
    assert any("complaints" in line for line in summary.lines())
    assert Complaint.objects.filter(kind="service").exists()
    assert Complaint.objects.filter(kind="conduct").exists()
    assert Complaint.objects.filter(status="closed").exists()
    assert Allegation.objects.exclude(finding="").exists()
    assert Commendation.objects.exists() and RecoveryCase.objects.exists()
    city.wipe()
    assert not Complaint.objects.exists() and not RecoveryCase.objects.exists()
