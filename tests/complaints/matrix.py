"""Records the role × endpoint matrix (tests/test_access_matrix.py) needs for complaints' URLs.

Made on first use and kept on the matrix's World. Every role gets a service-quality complaint it
may see where it may see any (an agent: one the agent filed), with an evidence file.
"""

from __future__ import annotations

import io
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from bluebridge.complaints import intake
from bluebridge.complaints.models import Commendation, Complaint
from bluebridge.complaints.recovery_models import RecoveryCase
from bluebridge.core import roles


def _records(world: Any) -> dict[str, Any]:
    cached = getattr(world, "complaints_records", None)
    if cached is not None:
        return cached
    picture = io.BytesIO()
    Image.new("RGB", (4, 4), "red").save(picture, format="PNG")
    files = [SimpleUploadedFile("p.png", picture.getvalue(), content_type="image/png")]
    shared, _, _ = intake.create_complaint(
        intake.NewComplaint(
            description="Nobody came for three days",
            what_went_wrong="slow_response",
            email="m@example.org",
            contact_preference="email",
            files=files,
        )
    )
    agents, _, _ = intake.create_complaint(
        intake.NewComplaint(description="No follow-up at all", what_went_wrong="no_follow_up"),
        user=world.users[roles.AGENT],
    )
    commendation = intake.create_commendation(intake.NewCommendation(description="Very kind"))
    records = {
        "shared": shared,
        "agent": agents,
        "commendation": commendation,
        "case": RecoveryCase.objects.get(complaint=shared),
    }
    world.complaints_records = records
    return records


def complaint(world: Any, role: str) -> Complaint:
    records = _records(world)
    return records["agent"] if role == roles.AGENT else records["shared"]


def evidence_id(world: Any, role: str) -> str:
    return str(
        complaint(world, role).evidence.first().pk
        if complaint(world, role).evidence.exists()
        else 0
    )


def commendation(world: Any) -> Commendation:
    return _records(world)["commendation"]


def case(world: Any) -> RecoveryCase:
    return _records(world)["case"]
