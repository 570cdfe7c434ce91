"""Service recovery: a case per service failure, worked through a playbook and verified."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone

from bluebridge.core.models import Tracked, Unit


def new_recovery_reference() -> str:
    chars = "".join(secrets.choice("0123456789ABCDEFGHJKMNPQRSTVWXYZ") for _ in range(8))
    return f"RC-{chars[:4]}-{chars[4:]}"


def _token() -> str:
    return secrets.token_urlsafe(24)


class Trigger(models.TextChoices):
    SERVICE_COMPLAINT = "service_complaint", "Service-quality complaint"
    LOW_SURVEY = "low_survey", "Low survey score"
    SLA_BREACH = "sla_breach", "Request past its due time"
    REOPENED = "reopened", "Request reopened"


# The playbook, in order: each step is a timestamp field on the case.
STEPS = ("acknowledged", "apologised", "explained", "fixed", "verified")


class RecoveryCase(Tracked):
    OPEN, VERIFYING, CLOSED = "open", "verifying", "closed"
    STATUSES = [(OPEN, "Open"), (VERIFYING, "Waiting for the person's check"), (CLOSED, "Closed")]

    reference = models.CharField(
        max_length=16, unique=True, default=new_recovery_reference, editable=False
    )
    token = models.CharField(max_length=40, unique=True, default=_token, editable=False)
    trigger = models.CharField(max_length=20, choices=Trigger.choices, db_index=True)
    source_kind = models.CharField(max_length=16, blank=True, help_text="request, complaint, chat")
    source_reference = models.CharField(max_length=20, blank=True, db_index=True)
    complaint = models.ForeignKey(
        "complaints.Complaint",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="recovery_cases",
    )
    category = models.CharField(max_length=40, blank=True, help_text="request category code")
    unit = models.ForeignKey(
        Unit, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=32, blank=True)
    language = models.CharField(max_length=8, default="en")
    person_key = models.CharField(max_length=64, blank=True, db_index=True)
    sensitive = models.BooleanField(default=False, help_text="no automated messages")
    repeat_failure = models.BooleanField(default=False)
    earlier_cases = models.PositiveIntegerField(default=0)
    status = models.CharField(max_length=10, choices=STATUSES, default=OPEN, db_index=True)
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    summary = models.CharField(max_length=300, blank=True)
    acknowledge_due = models.DateTimeField(null=True, blank=True)
    acknowledged_at = models.DateTimeField(null=True, blank=True)
    apologised_at = models.DateTimeField(null=True, blank=True)
    explained_at = models.DateTimeField(null=True, blank=True)
    fixed_at = models.DateTimeField(null=True, blank=True)
    verified_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    verification_score = models.PositiveSmallIntegerField(null=True, blank=True, help_text="1-5")
    verification_comment = models.TextField(blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["trigger", "source_reference"],
                condition=models.Q(trigger="sla_breach"),
                name="one_recovery_per_breached_request",
            )
        ]

    def __str__(self) -> str:
        return self.reference

    @property
    def recovered(self) -> bool | None:
        """True when the person said the recovery worked (4 or 5 of 5); None until they answer."""
        if self.verification_score is None:
            return None
        return self.verification_score >= 4

    def next_step(self) -> str | None:
        for step in STEPS[:-1]:
            if getattr(self, f"{step}_at") is None:
                return step
        return None


class CaseNote(models.Model):
    case = models.ForeignKey(RecoveryCase, on_delete=models.CASCADE, related_name="notes")
    step = models.CharField(max_length=16, blank=True)
    note = models.TextField()
    public = models.BooleanField(default=False, help_text="shown on the person's page")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    author_label = models.CharField(max_length=100, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.case.reference} {self.step or 'note'}"


class ContactScore(models.Model):
    """A survey answer received through core.events.survey_answered (kept for the analytics)."""

    kind = models.CharField(max_length=16)
    source_kind = models.CharField(max_length=16, blank=True)
    source_reference = models.CharField(max_length=20, blank=True, db_index=True)
    category = models.CharField(max_length=40, blank=True)
    unit = models.ForeignKey(
        Unit, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    score = models.FloatField(null=True, blank=True)
    satisfied = models.BooleanField(null=True, blank=True)
    answered_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-answered_at"]

    def __str__(self) -> str:
        return f"{self.kind} {self.source_reference} {self.score}"
