"""Tell the feedback app what a complainant wrote (core.events.text_submitted), for sentiment.

The description is sent once, when the complaint is stored. Conduct complaints are marked
sensitive: counted in the sentiment figures, never quoted. The area is the complaint's, else the
area of the service request it refers to.
"""

from __future__ import annotations

from bluebridge.complaints.models import Complaint
from bluebridge.core import events
from bluebridge.core.models import Area
from bluebridge.servicedesk.models import ServiceRequest


def _area(complaint: Complaint) -> Area | None:
    if complaint.area_id is not None:
        return complaint.area
    if complaint.related_reference:
        related = (
            ServiceRequest.objects.filter(reference=complaint.related_reference)
            .select_related("area")
            .first()
        )
        if related is not None:
            return related.area
    return None


def send_description(complaint: Complaint) -> None:
    events.text_submitted.send(
        sender=Complaint,
        source="complaint",
        reference=complaint.reference,
        text=complaint.description,
        language=complaint.language,
        area=_area(complaint),
        sensitive=complaint.sensitive,
        submitted_at=complaint.created_at,
    )
