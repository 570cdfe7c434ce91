"""Service desk records: the catalogue, residents' requests, their timelines, Open311 keys."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone

from bluebridge.core.models import Area, Tracked, Unit

CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"


def new_reference() -> str:
    """A short, unguessable, easy-to-read reference such as BB-7K3M-Q9TZ.

    40 random bits, read 5 at a time as 8 Crockford base-32 characters (each character uniform,
    as with secrets.choice, in one call to the system's random source instead of eight).
    """
    bits = int.from_bytes(secrets.token_bytes(5), "big")
    chars = "".join(CROCKFORD[(bits >> shift) & 31] for shift in range(35, -1, -5))
    return f"BB-{chars[:4]}-{chars[4:]}"


def new_tracking_token() -> str:
    return secrets.token_urlsafe(24)


class ServiceCategory(Tracked):
    """A kind of non-emergency issue residents can report (an Open311 'service')."""

    BUSINESS, CALENDAR = "business", "calendar"
    CLOCKS = [(BUSINESS, "Business hours"), (CALENDAR, "Calendar hours")]

    code = models.SlugField(max_length=40, unique=True, help_text="Open311 service_code")
    name = models.CharField(max_length=100)
    name_es = models.CharField(max_length=100, blank=True)
    description = models.TextField()
    description_es = models.TextField(blank=True)
    group = models.CharField(max_length=60, help_text="Open311 group, e.g. Traffic and parking")
    keywords = models.CharField(max_length=200, blank=True)
    routing_unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="categories")
    first_response_hours = models.PositiveIntegerField(default=8)
    resolution_hours = models.PositiveIntegerField(default=72)
    clock = models.CharField(max_length=10, choices=CLOCKS, default=BUSINESS)
    allow_anonymous = models.BooleanField(default=True)
    sensitive = models.BooleanField(
        default=False, help_text="No automated messages at all, and kept out of public feeds"
    )
    requires_location = models.BooleanField(default=True)
    active = models.BooleanField(default=True)
    order = models.PositiveIntegerField(default=100)

    class Meta:
        ordering = ["order", "name"]
        verbose_name_plural = "service categories"

    def __str__(self) -> str:
        return self.name

    def localized_name(self, language: str) -> str:
        return self.name_es if language == "es" and self.name_es else self.name

    def localized_description(self, language: str) -> str:
        return self.description_es if language == "es" and self.description_es else self.description


class CategoryAttribute(models.Model):
    """An extra question for a category (an Open311 attribute)."""

    STRING, NUMBER, DATETIME, TEXT = "string", "number", "datetime", "text"
    SINGLE, MULTI = "singlevaluelist", "multivaluelist"
    DATATYPES = [(t, t) for t in (STRING, NUMBER, DATETIME, TEXT, SINGLE, MULTI)]

    category = models.ForeignKey(
        ServiceCategory, on_delete=models.CASCADE, related_name="attributes"
    )
    code = models.SlugField(max_length=40)
    label = models.CharField(max_length=200, help_text="The question, shown to residents")
    label_es = models.CharField(max_length=200, blank=True)
    datatype = models.CharField(max_length=20, choices=DATATYPES, default=STRING)
    datatype_description = models.CharField(max_length=200, blank=True)
    required = models.BooleanField(default=False)
    variable = models.BooleanField(default=True)
    order = models.PositiveIntegerField(default=1)
    values = models.JSONField(
        default=list,
        blank=True,
        help_text='For lists: [{"key": "...", "name": "...", "name_es": "..."}]',
    )

    class Meta:
        ordering = ["category", "order"]
        unique_together = [("category", "code")]

    def __str__(self) -> str:
        return f"{self.category.code}.{self.code}"

    def localized_label(self, language: str) -> str:
        return self.label_es if language == "es" and self.label_es else self.label


class Status(models.TextChoices):
    RECEIVED = "received", "Received"
    ACKNOWLEDGED = "acknowledged", "Acknowledged"
    IN_PROGRESS = "in_progress", "In progress"
    ACTION_SCHEDULED = "action_scheduled", "Action scheduled"
    RESOLVED = "resolved", "Resolved"
    CLOSED = "closed", "Closed"
    DUPLICATE = "duplicate", "Duplicate"
    REFERRED = "referred", "Referred elsewhere"
    REOPENED = "reopened", "Reopened"


CLOSED_STATUSES = frozenset({Status.RESOLVED, Status.CLOSED, Status.DUPLICATE, Status.REFERRED})


class Channel(models.TextChoices):
    WEB = "web", "Web form"
    OPEN311 = "open311", "Open311 API"
    ASSISTANT = "assistant", "Assistant"
    STAFF = "staff", "Staff (phone or counter)"


class ContactPreference(models.TextChoices):
    EMAIL = "email", "E-mail"
    SMS = "sms", "Text message"
    NONE = "none", "No updates"


class Open311ApiKey(models.Model):
    """A key an Open311 client sends as api_key. Only its hash is stored."""

    PREFIX = "o311_"

    name = models.CharField(max_length=100, help_text="Who uses it, e.g. a city app vendor")
    key_hash = models.CharField(max_length=64, unique=True)
    hint = models.CharField(max_length=12)
    rate_limit_per_minute = models.PositiveIntegerField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "Open311 API key"

    def __str__(self) -> str:
        return f"{self.name} ({self.hint}…)"

    @classmethod
    def generate(cls) -> str:
        return cls.PREFIX + secrets.token_urlsafe(24)


class ServiceRequest(Tracked):
    """One report from a resident, whichever way it came in (web, Open311, assistant, staff)."""

    # Every index costs each new request a write (and WAL): the unique references and tokens are
    # constraints in Meta (a unique=True field would add a second, LIKE-pattern index nobody
    # queries), foreign keys led by a composite index have none of their own, and sparse
    # nullable keys get partial indexes (only the rows that have a value). The load benchmark's
    # section in docs/benchmarks.md measures what this saves.
    reference = models.CharField(max_length=16, default=new_reference, editable=False)
    tracking_token = models.CharField(max_length=40, default=new_tracking_token, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        db_index=False,
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        db_index=False,
    )
    category = models.ForeignKey(
        ServiceCategory, on_delete=models.PROTECT, related_name="requests", db_index=False
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.RECEIVED)
    description = models.TextField(blank=True)
    attributes = models.JSONField(default=dict, blank=True)

    lat = models.FloatField(null=True, blank=True)
    lon = models.FloatField(null=True, blank=True)
    address = models.CharField(max_length=250, blank=True)
    address_id = models.CharField(max_length=64, blank=True)
    area = models.ForeignKey(
        Area, null=True, blank=True, on_delete=models.SET_NULL, related_name="requests"
    )
    h3_cell = models.CharField(max_length=16, blank=True)
    photo = models.FileField(upload_to="requests/%Y/%m/", blank=True)
    media_url = models.URLField(max_length=500, blank=True)

    first_name = models.CharField(max_length=60, blank=True)
    last_name = models.CharField(max_length=60, blank=True)
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=32, blank=True)
    contact_preference = models.CharField(
        max_length=8, choices=ContactPreference.choices, default=ContactPreference.NONE
    )
    language = models.CharField(max_length=8, default="en")
    device_id = models.CharField(max_length=100, blank=True)
    account_id = models.CharField(max_length=100, blank=True)
    resident = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="service_requests",
        db_index=False,
    )

    channel = models.CharField(max_length=10, choices=Channel.choices, default=Channel.WEB)
    api_key = models.ForeignKey(
        Open311ApiKey,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        db_index=False,
    )
    client_key = models.CharField(
        max_length=80, blank=True, help_text="Who submitted (for idempotency)"
    )
    idempotency_key = models.CharField(max_length=100, blank=True)
    open311_token = models.CharField(max_length=40, default=new_tracking_token, editable=False)

    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="requests", db_index=False
    )
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assigned_requests",
        db_index=False,
    )
    duplicate_of = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="duplicates",
        db_index=False,
    )

    first_response_due = models.DateTimeField(null=True, blank=True)
    resolution_due = models.DateTimeField(null=True, blank=True)
    first_response_at = models.DateTimeField(null=True, blank=True)
    resolved_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["client_key", "idempotency_key"],
                condition=~models.Q(idempotency_key=""),
                name="one_request_per_idempotency_key",
            ),
            models.UniqueConstraint(fields=["reference"], name="request_reference_unique"),
            models.UniqueConstraint(fields=["tracking_token"], name="request_tracking_unique"),
            models.UniqueConstraint(fields=["open311_token"], name="request_open311_unique"),
        ]
        indexes = [
            models.Index(fields=["unit", "status"]),
            models.Index(fields=["created_at"]),
            models.Index(fields=["updated_at"]),
            models.Index(fields=["category", "created_at"]),
            models.Index(fields=["status"], name="request_status_idx"),
            *(
                models.Index(
                    fields=[name],
                    name=f"request_{name}_idx",
                    condition=models.Q(**{f"{name}__isnull": False}),
                )
                for name in (
                    "resident",
                    "assigned_to",
                    "duplicate_of",
                    "api_key",
                    "created_by",
                    "updated_by",
                )
            ),
        ]
        permissions = [("view_sla_performance", "Can see SLA performance by unit")]

    def __str__(self) -> str:
        return self.reference

    @property
    def is_open(self) -> bool:
        return self.status not in CLOSED_STATUSES

    @property
    def open311_status(self) -> str:
        return "open" if self.is_open else "closed"

    @property
    def notifications_allowed(self) -> bool:
        return not self.category.sensitive and self.contact_preference != ContactPreference.NONE


class RequestUpdate(models.Model):
    """One entry in a request's timeline: a status change, a note, a resident's reply, a merge."""

    STATUS, NOTE, REPLY, ASSIGN, MERGE, CREATED = (
        "status",
        "note",
        "reply",
        "assign",
        "merge",
        "created",
    )
    KINDS = [(k, k) for k in (STATUS, NOTE, REPLY, ASSIGN, MERGE, CREATED)]

    request = models.ForeignKey(ServiceRequest, on_delete=models.CASCADE, related_name="updates")
    kind = models.CharField(max_length=10, choices=KINDS)
    status_from = models.CharField(max_length=20, blank=True)
    status_to = models.CharField(max_length=20, blank=True)
    note = models.TextField(blank=True)
    public = models.BooleanField(
        default=False, help_text="Shown to the resident and in Open311 feeds"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        db_index=False,
    )
    author_label = models.CharField(max_length=100, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [
            # Most entries are written by the public or the system: only authored ones indexed.
            models.Index(
                fields=["author"],
                name="update_author_idx",
                condition=models.Q(author__isnull=False),
            )
        ]

    def __str__(self) -> str:
        return f"{self.request.reference} {self.kind} {self.created_at:%Y-%m-%d %H:%M}"
