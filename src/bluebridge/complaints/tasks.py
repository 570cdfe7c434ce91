"""Background tasks: the virus scan of evidence, and the periodic scan for SLA breaches."""

from __future__ import annotations

from django_tasks import task

from bluebridge.complaints import breaches, uploads
from bluebridge.complaints.models import Evidence


@task(queue_name="default")
def scan_evidence(evidence_id: int) -> str:
    evidence = Evidence.objects.filter(pk=evidence_id).first()
    if evidence is None:
        return "missing"
    return uploads.scan(evidence)


@task(queue_name="default")
def scan_breaches() -> int:
    """Open one recovery case per service request past its due time (every 15 minutes)."""
    return breaches.scan()
