"""Complaints, their allegations, evidence, timeline and letters; commendations.

Service recovery lives in recovery_models.py (imported at the end so Django finds it).
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone

from bluebridge.core.models import Area, Officer, Tracked, Unit

CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"


def _reference(prefix: str) -> str:
    chars = "".join(secrets.choice(CROCKFORD) for _ in range(8))
    return f"{prefix}-{chars[:4]}-{chars[4:]}"


def new_complaint_reference() -> str:
    return _reference("CP")


def new_commendation_reference() -> str:
    return _reference("CM")


def new_token() -> str:
    return secrets.token_urlsafe(24)


class Kind(models.TextChoices):
    SERVICE = "service", "Service quality"
    CONDUCT = "conduct", "Conduct"


class ComplaintType(models.Model):
    """A class of complaint with its statutory clocks (configurable in the admin)."""

    BUSINESS, CALENDAR = "business", "calendar"
    CLOCKS = [(BUSINESS, "Working days"), (CALENDAR, "Calendar days")]

    code = models.SlugField(max_length=40, unique=True)
    kind = models.CharField(max_length=10, choices=Kind.choices)
    name = models.CharField(max_length=100)
    name_es = models.CharField(max_length=100, blank=True)
    description = models.CharField(max_length=300, blank=True)
    description_es = models.CharField(max_length=300, blank=True)
    acknowledge_days = models.PositiveIntegerField(default=2)
    acknowledge_clock = models.CharField(max_length=10, choices=CLOCKS, default=BUSINESS)
    decision_days = models.PositiveIntegerField(default=30)
    decision_clock = models.CharField(max_length=10, choices=CLOCKS, default=BUSINESS)
    active = models.BooleanField(default=True)
    order = models.PositiveIntegerField(default=100)

    class Meta:
        ordering = ["kind", "order", "name"]

    def __str__(self) -> str:
        return self.name

    def localized_name(self, language: str) -> str:
        return self.name_es if language == "es" and self.name_es else self.name


class Status(models.TextChoices):
    RECEIVED = "received", "Received"
    ACKNOWLEDGED = "acknowledged", "Acknowledged"
    ASSESSED = "assessed", "Assessed"
    INVESTIGATION = "investigation", "Under investigation"
    RECOVERY = "recovery", "In service recovery"
    FINDING = "finding", "Finding made"
    CLOSED = "closed", "Closed"
    APPEALED = "appealed", "Appealed"


OPEN_STATUSES = frozenset(set(Status.values) - {Status.CLOSED})


class Channel(models.TextChoices):
    WEB = "web", "Web form"
    API = "api", "API"
    ASSISTANT = "assistant", "Assistant hand-off"
    STAFF = "staff", "Staff (counter or phone)"


class ContactPreference(models.TextChoices):
    EMAIL = "email", "E-mail"
    SMS = "sms", "Text message"
    NONE = "none", "No messages"


class Complaint(Tracked):
    reference = models.CharField(
        max_length=16, unique=True, default=new_complaint_reference, editable=False
    )
    tracking_token = models.CharField(max_length=40, unique=True, default=new_token, editable=False)
    kind = models.CharField(max_length=10, choices=Kind.choices, db_index=True)
    type = models.ForeignKey(
        ComplaintType, null=True, blank=True, on_delete=models.PROTECT, related_name="complaints"
    )
    suggested_type = models.CharField(max_length=40, blank=True)
    suggestion_confidence = models.FloatField(null=True, blank=True)
    resident_choice = models.CharField(max_length=40, blank=True, help_text="what they picked")
    classified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    classified_at = models.DateTimeField(null=True, blank=True)
    status = models.CharField(
        max_length=16, choices=Status.choices, default=Status.RECEIVED, db_index=True
    )
    channel = models.CharField(max_length=10, choices=Channel.choices, default=Channel.WEB)

    anonymous = models.BooleanField(default=False)
    first_name = models.CharField(max_length=60, blank=True)
    last_name = models.CharField(max_length=60, blank=True)
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=32, blank=True)
    contact_preference = models.CharField(
        max_length=8, choices=ContactPreference.choices, default=ContactPreference.NONE
    )
    language = models.CharField(max_length=8, default="en")
    on_behalf = models.BooleanField(default=False)
    on_behalf_name = models.CharField(max_length=120, blank=True)
    on_behalf_relationship = models.CharField(max_length=120, blank=True)

    description = models.TextField()
    occurred_at = models.DateTimeField(null=True, blank=True)
    occurred_text = models.CharField(max_length=120, blank=True, help_text="when, as typed")
    location = models.CharField(max_length=250, blank=True)
    area = models.ForeignKey(
        Area, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    officer_details = models.TextField(blank=True, help_text="names, badges, descriptions typed")
    witnesses = models.TextField(blank=True)
    related_reference = models.CharField(max_length=20, blank=True)
    unit = models.ForeignKey(
        Unit, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    acknowledge_due = models.DateTimeField(null=True, blank=True)
    decision_due = models.DateTimeField(null=True, blank=True)
    acknowledged_at = models.DateTimeField(null=True, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    client_key = models.CharField(max_length=80, blank=True)
    idempotency_key = models.CharField(max_length=100, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["kind", "status"]), models.Index(fields=["created_at"])]
        constraints = [
            models.UniqueConstraint(
                fields=["client_key", "idempotency_key"],
                condition=~models.Q(idempotency_key=""),
                name="one_complaint_per_idempotency_key",
            )
        ]

    def __str__(self) -> str:
        return self.reference

    @property
    def is_open(self) -> bool:
        return self.status != Status.CLOSED

    @property
    def sensitive(self) -> bool:
        return self.kind == Kind.CONDUCT

    @property
    def can_write(self) -> bool:
        """Whether letters can be sent (contact details and a wish to be contacted)."""
        if self.contact_preference == ContactPreference.EMAIL:
            return bool(self.email)
        return self.contact_preference == ContactPreference.SMS and bool(self.phone)


class Finding(models.TextChoices):
    SUSTAINED = "sustained", "Sustained"
    NOT_SUSTAINED = "not_sustained", "Not sustained"
    UNFOUNDED = "unfounded", "Unfounded"
    EXONERATED = "exonerated", "Exonerated"
    POLICY_FAILURE = "policy_failure", "Policy failure"


class Allegation(Tracked):
    """One allegation of a conduct complaint, against one officer (once identified)."""

    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="allegations")
    category = models.ForeignKey(ComplaintType, on_delete=models.PROTECT, related_name="+")
    officer = models.ForeignKey(
        Officer, null=True, blank=True, on_delete=models.SET_NULL, related_name="allegations"
    )
    summary = models.CharField(max_length=300, blank=True)
    finding = models.CharField(max_length=16, choices=Finding.choices, blank=True)
    reasons = models.TextField(blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["complaint", "id"]

    def __str__(self) -> str:
        return f"{self.complaint.reference} {self.category.code} {self.finding or 'open'}"


class Evidence(models.Model):
    UNSCANNED, CLEAN, INFECTED, ERROR, REFUSED = (
        "unscanned",
        "clean",
        "infected",
        "error",
        "refused",
    )
    STATES = [(s, s) for s in (UNSCANNED, CLEAN, INFECTED, ERROR, REFUSED)]

    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="evidence")
    original_name = models.CharField(max_length=200)
    stored_path = models.CharField(max_length=300, blank=True, help_text="relative to private dir")
    content_type = models.CharField(max_length=100, blank=True)
    size = models.PositiveBigIntegerField(default=0)
    sha256 = models.CharField(max_length=64, blank=True)
    scan_status = models.CharField(max_length=10, choices=STATES, default=UNSCANNED)
    refused_reason = models.CharField(max_length=200, blank=True)
    scanned_at = models.DateTimeField(null=True, blank=True)
    uploaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["complaint", "id"]
        verbose_name_plural = "evidence"

    def __str__(self) -> str:
        return f"{self.original_name} ({self.scan_status})"

    @property
    def accepted(self) -> bool:
        return self.scan_status != self.REFUSED


class ComplaintEvent(models.Model):
    """One entry in a complaint's timeline. Public entries are shown on the tracking page."""

    CREATED, STATUS, NOTE, CLASSIFY, ASSIGN, LETTER, FINDING, EVIDENCE, REPLY = (
        "created",
        "status",
        "note",
        "classify",
        "assign",
        "letter",
        "finding",
        "evidence",
        "reply",
    )
    KINDS = [
        (k, k) for k in (CREATED, STATUS, NOTE, CLASSIFY, ASSIGN, LETTER, FINDING, EVIDENCE, REPLY)
    ]

    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=10, choices=KINDS)
    status_from = models.CharField(max_length=16, blank=True)
    status_to = models.CharField(max_length=16, blank=True)
    note = models.TextField(blank=True)
    public = models.BooleanField(default=False)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    author_label = models.CharField(max_length=100, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.complaint.reference} {self.kind}"


class Letter(models.Model):
    """A letter to the complainant, rendered from a template and shown on the tracking page."""

    ACKNOWLEDGEMENT, UPDATE, OUTCOME = "acknowledgement", "update", "outcome"
    KINDS = [(k, k.title()) for k in (ACKNOWLEDGEMENT, UPDATE, OUTCOME)]

    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="letters")
    kind = models.CharField(max_length=16, choices=KINDS)
    language = models.CharField(max_length=8, default="en")
    subject = models.CharField(max_length=200)
    body = models.TextField()
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    queued = models.BooleanField(default=False, help_text="also sent by e-mail or text message")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.complaint.reference} {self.kind}"


class Commendation(Tracked):
    reference = models.CharField(
        max_length=16, unique=True, default=new_commendation_reference, editable=False
    )
    thanks_token = models.CharField(max_length=40, unique=True, default=new_token, editable=False)
    anonymous = models.BooleanField(default=False)
    first_name = models.CharField(max_length=60, blank=True)
    last_name = models.CharField(max_length=60, blank=True)
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=32, blank=True)
    language = models.CharField(max_length=8, default="en")
    channel = models.CharField(max_length=10, choices=Channel.choices, default=Channel.WEB)
    description = models.TextField()
    occurred_at = models.DateTimeField(null=True, blank=True)
    occurred_text = models.CharField(max_length=120, blank=True)
    location = models.CharField(max_length=250, blank=True)
    officer_details = models.TextField(blank=True)
    officer = models.ForeignKey(
        Officer, null=True, blank=True, on_delete=models.SET_NULL, related_name="commendations"
    )
    matched_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    delivered_at = models.DateTimeField(null=True, blank=True, help_text="shown to the officer")
    thanked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.reference


from bluebridge.complaints.recovery_models import (  # noqa: E402,F401  (Django finds them here)
    CaseNote,
    ContactScore,
    RecoveryCase,
)
