"""Django admin for the assistant: read-mostly views for administrators. Staff edit articles in
the app (/staff/assistant/articles/), where every change is versioned and audited."""

from django.contrib import admin

from bluebridge.assistant.models import Article, ArticleVersion, Conversation, SafetyHit


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = ("slug", "language", "title", "topic", "published", "version", "review_by")
    list_filter = ("language", "published", "topic")
    search_fields = ("slug", "title")

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False  # edits go through the app, which versions and audits them


@admin.register(ArticleVersion)
class ArticleVersionAdmin(admin.ModelAdmin):
    list_display = ("article", "number", "action", "created_at", "created_by")

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False


@admin.register(Conversation)
class ConversationAdmin(admin.ModelAdmin):
    list_display = ("public_id", "state", "language", "channel", "assigned_to", "created_at")
    list_filter = ("state", "language", "channel")


@admin.register(SafetyHit)
class SafetyHitAdmin(admin.ModelAdmin):
    list_display = ("kind", "language", "detector", "created_at", "reviewed_at")
    list_filter = ("kind", "detector")
