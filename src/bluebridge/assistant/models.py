"""Records of the citizen assistant: the knowledge base, conversations, feedback, safety hits."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone

from bluebridge.core.models import Tracked, Unit

LANGUAGES = [("en", "English"), ("es", "Español")]


def new_public_id() -> str:
    """The conversation's unguessable id: whoever holds it can read and continue it."""
    return secrets.token_urlsafe(18)


class Article(Tracked):
    """One answer of the knowledge base, in one language. EN and ES versions share the slug."""

    slug = models.SlugField(max_length=80, help_text="Shared by the translations of an article")
    language = models.CharField(max_length=8, choices=LANGUAGES, default="en")
    title = models.CharField(max_length=200)
    answer = models.TextField(help_text="Markdown")
    questions = models.JSONField(
        default=list, blank=True, help_text="Example questions (paraphrases), one per item"
    )
    topic = models.CharField(max_length=80)
    unit = models.ForeignKey(
        Unit, null=True, blank=True, on_delete=models.SET_NULL, related_name="articles"
    )
    category = models.ForeignKey(
        "servicedesk.ServiceCategory",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="articles",
        help_text="A service-desk category the assistant can start a request in",
    )
    review_by = models.DateField(null=True, blank=True)
    published = models.BooleanField(default=False)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["topic", "slug", "language"]
        constraints = [
            models.UniqueConstraint(fields=["slug", "language"], name="one_article_per_language")
        ]

    def __str__(self) -> str:
        return f"{self.slug} [{self.language}]"

    def snapshot(self) -> dict[str, object]:
        """What a version keeps: every field staff edit."""
        return {
            "slug": self.slug,
            "language": self.language,
            "title": self.title,
            "answer": self.answer,
            "questions": list(self.questions),
            "topic": self.topic,
            "unit": self.unit.code if self.unit_id and self.unit else None,
            "category": self.category.code if self.category_id and self.category else None,
            "review_by": self.review_by.isoformat() if self.review_by else None,
            "published": self.published,
        }


class ArticleVersion(models.Model):
    """A snapshot of an article after each change, with who made it and why."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    action = models.CharField(max_length=16)  # create, edit, publish, unpublish, load
    snapshot = models.JSONField()
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["article", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["article", "number"], name="one_article_version")
        ]

    def __str__(self) -> str:
        return f"{self.article} v{self.number} ({self.action})"


class ConversationState(models.TextChoices):
    BOT = "bot", "Assistant answering"
    WAITING = "waiting", "Waiting for a person"
    AGENT = "agent", "With a person"
    CLOSED = "closed", "Closed"


class Conversation(Tracked):
    """A chat with a resident. Holds personal data: staff views of it are audited."""

    public_id = models.CharField(max_length=32, unique=True, default=new_public_id)
    language = models.CharField(max_length=8, choices=LANGUAGES, default="en")
    state = models.CharField(
        max_length=10,
        choices=ConversationState.choices,
        default=ConversationState.BOT,
        db_index=True,
    )
    channel = models.CharField(max_length=10, default="web")  # web, api, cli
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assistant_conversations",
    )
    handed_off_at = models.DateTimeField(null=True, blank=True)
    handoff_reason = models.CharField(max_length=40, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    unhelpful_count = models.PositiveSmallIntegerField(default=0)
    flow = models.JSONField(
        default=dict, blank=True, help_text="State of a request being filed from the chat"
    )
    service_request = models.ForeignKey(
        "servicedesk.ServiceRequest",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The last request filed from this chat (or the out-of-hours hand-off)",
    )

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"conversation {self.public_id[:8]}… ({self.state})"

    @property
    def short_id(self) -> str:
        return self.public_id[:8]


class Sender(models.TextChoices):
    RESIDENT = "resident", "Resident"
    BOT = "bot", "Assistant"
    AGENT = "agent", "Agent"
    SYSTEM = "system", "System"


class Message(models.Model):
    conversation = models.ForeignKey(
        Conversation, on_delete=models.CASCADE, related_name="messages"
    )
    sender = models.CharField(max_length=10, choices=Sender.choices)
    text = models.TextField()
    kind = models.CharField(max_length=16, blank=True, help_text="Reply kind of a bot message")
    article = models.ForeignKey(
        Article, null=True, blank=True, on_delete=models.SET_NULL, related_name="messages"
    )
    confidence = models.FloatField(null=True, blank=True)
    options = models.JSONField(default=list, blank=True, help_text="Buttons offered with it")
    question = models.TextField(blank=True, help_text="For an answer: what the resident asked")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["conversation", "id"])]

    def __str__(self) -> str:
        return f"{self.sender}: {self.text[:40]}"


class AnswerFeedback(models.Model):
    """Did an answer help? Shown to knowledge-base editors with the question asked."""

    message = models.OneToOneField(Message, on_delete=models.CASCADE, related_name="feedback")
    helpful = models.BooleanField()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{'helpful' if self.helpful else 'not helpful'}: {self.message_id}"


class SafetyHit(Tracked):
    """A message the safety screen flagged (emergency or crisis), kept for supervisors' review."""

    conversation = models.ForeignKey(
        Conversation, null=True, blank=True, on_delete=models.SET_NULL, related_name="safety_hits"
    )
    text = models.TextField()
    language = models.CharField(max_length=8)
    kind = models.CharField(max_length=12)  # emergency, crisis
    reasons = models.JSONField(default=list, blank=True)
    detector = models.CharField(max_length=8, blank=True)
    softened = models.BooleanField(default=False)
    reviewed_at = models.DateTimeField(null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    review_note = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.kind} {self.created_at:%Y-%m-%d %H:%M}"
