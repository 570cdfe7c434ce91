"""Core records: people's profiles and tokens, the audit log, geography, units, notifications."""

from __future__ import annotations

import hashlib
import secrets
from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone


class Tracked(models.Model):
    """Who created and last changed a record, and when."""

    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        abstract = True


class Profile(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile"
    )
    language = models.CharField(max_length=8, default="en")
    phone = models.CharField(max_length=32, blank=True)
    unit = models.ForeignKey(
        "Unit", null=True, blank=True, on_delete=models.SET_NULL, related_name="staff"
    )

    def __str__(self) -> str:
        return f"profile of {self.user}"


def hash_secret(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


class ApiToken(models.Model):
    """A staff member's personal API token, sent as `Authorization: Bearer <token>`.

    Only a SHA-256 hash is stored; the token itself is shown once, when it is created.
    """

    PREFIX = "bbt_"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(max_length=100)
    token_hash = models.CharField(max_length=64, unique=True)
    hint = models.CharField(max_length=12, help_text="First characters, to tell tokens apart")
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    rate_limit_per_minute = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name} ({self.hint}…)"

    @property
    def active(self) -> bool:
        return self.revoked_at is None

    @classmethod
    def generate(cls) -> str:
        return cls.PREFIX + secrets.token_urlsafe(32)


class AuditQuerySet(models.QuerySet):
    def update(self, **kwargs: Any) -> int:
        raise PermissionError("the audit log is append-only")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise PermissionError("the audit log is append-only")


class AuditEvent(models.Model):
    """Append-only: who created, changed or viewed a sensitive record, when, from where, what changed."""

    CREATE, CHANGE, VIEW, DELETE = "create", "change", "view", "delete"
    LOGIN, EXPORT, REVOKE = "login", "export", "revoke"
    ACTIONS = [(a, a) for a in (CREATE, CHANGE, VIEW, DELETE, LOGIN, EXPORT, REVOKE)]

    at = models.DateTimeField(default=timezone.now, db_index=True)
    # Indexes chosen for the log's queries (by object, by reference, by action, by actor) and
    # nothing more: every event written pays for each one. No LIKE-pattern indexes; the actor's
    # index holds only events that have a staff actor (most are written by the public).
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        db_index=False,
    )
    actor_label = models.CharField(max_length=150, help_text="user name, API key or 'public'")
    action = models.CharField(max_length=16, choices=ACTIONS)
    object_type = models.CharField(max_length=64)
    object_ref = models.CharField(max_length=64)
    summary = models.CharField(max_length=300, blank=True)
    changes = models.JSONField(default=dict, blank=True)
    ip = models.GenericIPAddressField(null=True, blank=True)
    user_agent = models.CharField(max_length=300, blank=True)

    objects = AuditQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [
            models.Index(fields=["object_type", "object_ref"]),
            models.Index(fields=["object_ref"], name="audit_object_ref_idx"),
            models.Index(fields=["action"], name="audit_action_idx"),
            models.Index(
                fields=["actor"], name="audit_actor_idx", condition=models.Q(actor__isnull=False)
            ),
        ]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_label} {self.action} {self.object_type} {self.object_ref}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise PermissionError("the audit log is append-only")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise PermissionError("the audit log is append-only")


class Unit(models.Model):
    """A part of the department that owns work: front desk, a patrol district, records..."""

    code = models.SlugField(max_length=40, unique=True)
    name = models.CharField(max_length=120)
    name_es = models.CharField(max_length=120, blank=True)
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=32, blank=True)
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Area(models.Model):
    """A district or beat, with its outline as a GeoJSON geometry (WGS84)."""

    DISTRICT, BEAT = "district", "beat"
    KINDS = [(DISTRICT, "District"), (BEAT, "Beat")]

    kind = models.CharField(max_length=16, choices=KINDS)
    code = models.CharField(max_length=32, unique=True)
    name = models.CharField(max_length=120)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    unit = models.ForeignKey(
        Unit, null=True, blank=True, on_delete=models.SET_NULL, related_name="areas"
    )
    geometry = models.JSONField(help_text="GeoJSON Polygon or MultiPolygon, WGS84")
    min_lon = models.FloatField()
    min_lat = models.FloatField()
    max_lon = models.FloatField()
    max_lat = models.FloatField()
    population = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["kind", "code"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.name}"


class PopulationMargin(models.Model):
    """Adult population of an area by one dimension (age × sex, race/ethnicity), for survey weighting."""

    area = models.ForeignKey(Area, on_delete=models.CASCADE, related_name="margins")
    dimension = models.CharField(max_length=32)
    category = models.CharField(max_length=64)
    count = models.PositiveIntegerField()

    class Meta:
        unique_together = [("area", "dimension", "category")]
        ordering = ["area", "dimension", "category"]

    def __str__(self) -> str:
        return f"{self.area.code} {self.dimension}={self.category}: {self.count}"


class Officer(Tracked):
    badge = models.CharField(max_length=16, unique=True)
    first_name = models.CharField(max_length=60)
    last_name = models.CharField(max_length=60)
    rank = models.CharField(max_length=40, default="Officer")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="officers")
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="officer",
    )
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["last_name", "first_name"]

    def __str__(self) -> str:
        return f"{self.rank} {self.first_name} {self.last_name} #{self.badge}"


class Holiday(models.Model):
    """Days the service clocks do not run on (business-hour SLAs)."""

    date = models.DateField(unique=True)
    name = models.CharField(max_length=100)

    class Meta:
        ordering = ["date"]

    def __str__(self) -> str:
        return f"{self.date} {self.name}"


class Notification(models.Model):
    """A message to a person, rendered from templates in their language and sent by the worker."""

    EMAIL, SMS = "email", "sms"
    CHANNELS = [(EMAIL, "E-mail"), (SMS, "SMS")]
    QUEUED, SENT, FAILED = "queued", "sent", "failed"
    STATUSES = [(QUEUED, "Queued"), (SENT, "Sent"), (FAILED, "Failed")]
    MAX_ATTEMPTS = 3

    channel = models.CharField(max_length=8, choices=CHANNELS)
    recipient = models.CharField(max_length=254)
    template = models.CharField(max_length=64)
    language = models.CharField(max_length=8, default="en")
    context = models.JSONField(default=dict)
    subject = models.CharField(max_length=200, blank=True)
    body = models.TextField(blank=True)
    status = models.CharField(max_length=8, choices=STATUSES, default=QUEUED, db_index=True)
    object_type = models.CharField(max_length=64, blank=True)
    object_ref = models.CharField(max_length=64, blank=True, db_index=True)
    created_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.channel} {self.template} to {self.recipient} ({self.status})"


class DeliveryAttempt(models.Model):
    notification = models.ForeignKey(
        Notification, on_delete=models.CASCADE, related_name="attempts"
    )
    at = models.DateTimeField(default=timezone.now)
    ok = models.BooleanField()
    provider = models.CharField(max_length=100)
    error = models.TextField(blank=True)

    class Meta:
        ordering = ["at"]

    def __str__(self) -> str:
        return f"{'ok' if self.ok else 'failed'} at {self.at}"


class ScheduledRun(models.Model):
    """One slot of a periodic job that has been enqueued (see core/schedule.py).

    The unique (job, slot) pair makes enqueueing idempotent: several workers may check the
    schedule at the same moment and only one of them enqueues the job for that slot.
    """

    job = models.CharField(max_length=100)
    slot = models.DateTimeField(help_text="start of the period this run covers")
    enqueued_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["job", "slot"], name="one_run_per_slot")]
        ordering = ["-slot"]

    def __str__(self) -> str:
        return f"{self.job} @ {self.slot:%Y-%m-%d %H:%M}"
