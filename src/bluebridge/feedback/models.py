"""Surveys, their versions, invitations, responses and answers; opt-outs; concerns and alerts.

A survey's questions live in numbered versions: editing a survey publishes a new version, and
every response keeps the version it answered. Responses carry no name, e-mail or phone; the
contact of an invitation is kept only until it is answered or expires, and opt-outs and the
30-day cap use a hash of the normalised contact.
"""

from __future__ import annotations

from typing import Any

from django.db import models
from django.utils import timezone

from bluebridge.core.models import Area, Tracked, Unit


class Kind(models.TextChoices):
    POST_CONTACT = "post_contact", "After a contact"
    COMMUNITY = "community", "Community survey"
    RECOVERY = "recovery", "Service recovery"


class QuestionType(models.TextChoices):
    RATING = "rating", "Rating 1–5"
    AGREEMENT = "agreement", "Agreement 0–10"
    RECOMMEND = "recommend", "Would recommend 0–10 (NPS)"
    SINGLE = "single", "Single choice"
    MULTIPLE = "multiple", "Multiple choice"
    TEXT = "text", "Free text"


# Numeric question types and their (lowest, highest) answer.
NUMERIC_TYPES: dict[str, tuple[int, int]] = {
    "rating": (1, 5),
    "agreement": (0, 10),
    "recommend": (0, 10),
}


class Survey(Tracked):
    slug = models.SlugField(max_length=60, unique=True)
    kind = models.CharField(max_length=16, choices=Kind.choices)
    title = models.CharField(max_length=150)
    title_es = models.CharField(max_length=150, blank=True)
    intro = models.TextField(blank=True)
    intro_es = models.TextField(blank=True)
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["kind", "slug"]

    def __str__(self) -> str:
        return self.title

    def localized_title(self, language: str) -> str:
        return self.title_es if language == "es" and self.title_es else self.title

    def localized_intro(self, language: str) -> str:
        return self.intro_es if language == "es" and self.intro_es else self.intro

    @property
    def current(self) -> SurveyVersion | None:
        return self.versions.order_by("-number").first()


class SurveyVersion(models.Model):
    """The questions of a survey as published at one time. Never changed once answered."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    # [{"code", "type", "text", "text_es", "required", "choices": [{"value","label","label_es"}]}]
    questions = models.JSONField(default=list)
    published_at = models.DateTimeField(default=timezone.now)
    published_by = models.ForeignKey(
        "auth.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["survey", "-number"]
        unique_together = [("survey", "number")]

    def __str__(self) -> str:
        return f"{self.survey.slug} v{self.number}"


class SurveyPolicy(Tracked):
    """When to invite residents after a contact of one kind (and category) closes."""

    source_kind = models.CharField(max_length=16, default="request")  # request|complaint|chat
    category = models.CharField(max_length=40, blank=True, help_text="blank: every category")
    survey = models.ForeignKey(Survey, on_delete=models.PROTECT, related_name="policies")
    enabled = models.BooleanField(default=True)
    delay_hours = models.PositiveIntegerField(default=24)
    reminder_after_hours = models.PositiveIntegerField(
        default=72, help_text="0: never remind (at most one reminder is ever sent)"
    )
    expires_after_days = models.PositiveIntegerField(default=14)

    class Meta:
        unique_together = [("source_kind", "category")]
        verbose_name_plural = "survey policies"

    def __str__(self) -> str:
        return f"{self.source_kind}/{self.category or '*'} -> {self.survey.slug}"


class Invitation(Tracked):
    SCHEDULED, SENT, ANSWERED, EXPIRED, CANCELLED = (
        "scheduled",
        "sent",
        "answered",
        "expired",
        "cancelled",
    )
    STATUSES = [(s, s.title()) for s in (SCHEDULED, SENT, ANSWERED, EXPIRED, CANCELLED)]

    survey = models.ForeignKey(Survey, on_delete=models.PROTECT, related_name="invitations")
    nonce = models.CharField(max_length=40)
    kind = models.CharField(max_length=16, choices=Kind.choices, default=Kind.POST_CONTACT)
    source_kind = models.CharField(max_length=16, blank=True)
    source_reference = models.CharField(max_length=40, blank=True, db_index=True)
    category = models.CharField(max_length=40, blank=True)
    area = models.ForeignKey(
        Area, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    unit = models.ForeignKey(
        Unit, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    contact_hash = models.CharField(max_length=64, db_index=True, blank=True)
    channel = models.CharField(max_length=8, blank=True)  # email | sms | "" (link only)
    recipient = models.CharField(max_length=254, blank=True, help_text="wiped once done")
    language = models.CharField(max_length=8, default="en")
    status = models.CharField(max_length=10, choices=STATUSES, default=SCHEDULED, db_index=True)
    send_after = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)
    reminder_after_hours = models.PositiveIntegerField(default=72)
    expires_at = models.DateTimeField()
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "send_after"])]

    def __str__(self) -> str:
        return f"invitation {self.pk} ({self.survey.slug}, {self.status})"

    @property
    def open(self) -> bool:
        return self.status in (self.SCHEDULED, self.SENT) and self.expires_at > timezone.now()


class OptOut(models.Model):
    """A resident who asked never to be sent surveys again, by hashed contact only."""

    contact_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now)
    source = models.CharField(max_length=40, blank=True)

    def __str__(self) -> str:
        return f"opt-out {self.contact_hash[:8]}…"


class Response(Tracked):
    """One completed survey. No name or contact; demographics optional (community survey)."""

    survey = models.ForeignKey(Survey, on_delete=models.PROTECT, related_name="responses")
    version = models.ForeignKey(SurveyVersion, on_delete=models.PROTECT, related_name="responses")
    kind = models.CharField(max_length=16, choices=Kind.choices, db_index=True)
    invitation = models.OneToOneField(
        Invitation, null=True, blank=True, on_delete=models.SET_NULL, related_name="response"
    )
    source_kind = models.CharField(max_length=16, blank=True)
    source_reference = models.CharField(max_length=40, blank=True)
    category = models.CharField(max_length=40, blank=True, db_index=True)
    area = models.ForeignKey(
        Area, null=True, blank=True, on_delete=models.SET_NULL, related_name="survey_responses"
    )
    unit = models.ForeignKey(
        Unit, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    language = models.CharField(max_length=8, default="en")
    submitted_at = models.DateTimeField(default=timezone.now, db_index=True)
    device_hash = models.CharField(max_length=64, blank=True, db_index=True)
    channel = models.CharField(max_length=16, blank=True)  # link | flyer | web | demo
    # Demographics (community survey, all optional).
    age_band = models.CharField(max_length=8, blank=True)
    sex = models.CharField(max_length=8, blank=True)
    race_ethnicity = models.CharField(max_length=16, blank=True)
    # The standard items, copied from the answers for fast aggregation (None: not asked/answered).
    safety = models.FloatField(null=True, blank=True)  # 0-10
    respect = models.FloatField(null=True, blank=True)  # 0-10
    listen = models.FloatField(null=True, blank=True)  # 0-10
    csat = models.FloatField(null=True, blank=True)  # 1-5
    nps = models.FloatField(null=True, blank=True)  # 0-10
    satisfied = models.BooleanField(null=True, blank=True)
    score = models.FloatField(null=True, blank=True)  # 0..1

    class Meta:
        ordering = ["-submitted_at"]
        indexes = [models.Index(fields=["kind", "submitted_at"])]

    def __str__(self) -> str:
        return f"response {self.pk} to {self.survey.slug}"


class Answer(models.Model):
    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    code = models.CharField(max_length=40)
    qtype = models.CharField(max_length=12, choices=QuestionType.choices)
    number = models.FloatField(null=True, blank=True)
    text = models.TextField(blank=True)
    choices = models.JSONField(default=list, blank=True)
    # Free text only: the redacted text shown outside the owning team, and its sentiment.
    redacted = models.TextField(blank=True)
    sentiment_label = models.CharField(max_length=10, blank=True)
    sentiment_score = models.FloatField(null=True, blank=True)
    sentiment_source = models.CharField(max_length=20, blank=True)

    class Meta:
        ordering = ["response", "id"]
        indexes = [models.Index(fields=["qtype", "sentiment_label"])]

    def __str__(self) -> str:
        return f"{self.code}={self.value!r}"

    @property
    def value(self) -> Any:
        if self.qtype == QuestionType.TEXT:
            return self.text
        if self.qtype in (QuestionType.SINGLE, QuestionType.MULTIPLE):
            return self.choices
        return self.number


class ConcernTheme(models.Model):
    """A recurring concern found in free-text answers of one area and period (quotes redacted)."""

    area = models.ForeignKey(
        Area, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    period = models.CharField(max_length=10, db_index=True)  # YYYY-MM
    label = models.CharField(max_length=150)
    keywords = models.JSONField(default=list)
    size = models.PositiveIntegerField()
    quotes = models.JSONField(default=list)
    computed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["period", "area", "-size"]

    def __str__(self) -> str:
        return f"{self.period} {self.area or 'city'}: {self.label} ({self.size})"


class ConcernAlert(models.Model):
    """A theme growing beyond its usual level in an area."""

    area = models.ForeignKey(
        Area, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    theme = models.CharField(max_length=150)
    period = models.CharField(max_length=10)
    count = models.PositiveIntegerField()
    expected = models.FloatField()
    p_value = models.FloatField()
    message = models.CharField(max_length=300)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at"]
        unique_together = [("area", "theme", "period")]

    def __str__(self) -> str:
        return self.message


class TextSource(models.TextChoices):
    COMPLAINT = "complaint", "Complaints"
    CHAT = "chat", "Chat feedback"


class SubmittedText(models.Model):
    """Free text from another app (core.events.text_submitted): its sentiment and redacted text.

    The original text is kept only until it is analysed, then wiped: the owning app keeps it.
    What is shown outside the owning team is `redacted`, and never for a sensitive text.
    """

    source = models.CharField(max_length=16, choices=TextSource.choices)
    reference = models.CharField(max_length=40)
    area = models.ForeignKey(
        Area, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    language = models.CharField(max_length=8, default="en")
    sensitive = models.BooleanField(default=False)
    submitted_at = models.DateTimeField(default=timezone.now, db_index=True)
    text = models.TextField(blank=True, help_text="wiped once analysed")
    redacted = models.TextField(blank=True)
    sentiment_label = models.CharField(max_length=10, blank=True)
    sentiment_score = models.FloatField(null=True, blank=True)
    sentiment_source = models.CharField(max_length=20, blank=True)
    analysed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-submitted_at"]
        unique_together = [("source", "reference")]
        indexes = [models.Index(fields=["source", "submitted_at"])]

    def __str__(self) -> str:
        return f"{self.source} {self.reference}: {self.sentiment_label or 'not analysed'}"
