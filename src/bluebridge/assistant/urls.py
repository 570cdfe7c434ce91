"""Pages of the citizen assistant (public chat, agent inbox, knowledge base, safety review)."""

from django.urls import path

from bluebridge.assistant import views_inbox, views_kb, views_public

urlpatterns = [
    path("assistant/", views_public.chat_page, name="assistant"),
    path("assistant/transcript/", views_public.chat_transcript, name="assistant-transcript"),
    path("staff/assistant/inbox/", views_inbox.inbox, name="assistant-inbox"),
    path(
        "staff/assistant/conversations/<str:public_id>/",
        views_inbox.conversation_detail,
        name="assistant-conversation",
    ),
    path(
        "staff/assistant/conversations/<str:public_id>/messages/",
        views_inbox.conversation_messages,
        name="assistant-conversation-messages",
    ),
    path(
        "staff/assistant/conversations/<str:public_id>/claim/",
        views_inbox.conversation_claim,
        name="assistant-conversation-claim",
    ),
    path(
        "staff/assistant/conversations/<str:public_id>/reply/",
        views_inbox.conversation_reply,
        name="assistant-conversation-reply",
    ),
    path(
        "staff/assistant/conversations/<str:public_id>/close/",
        views_inbox.conversation_close,
        name="assistant-conversation-close",
    ),
    path("staff/assistant/articles/", views_kb.article_list, name="assistant-articles"),
    path("staff/assistant/articles/new/", views_kb.article_new, name="assistant-article-new"),
    path(
        "staff/assistant/articles/<int:article_id>/",
        views_kb.article_detail,
        name="assistant-article",
    ),
    path(
        "staff/assistant/articles/<int:article_id>/edit/",
        views_kb.article_edit,
        name="assistant-article-edit",
    ),
    path(
        "staff/assistant/articles/<int:article_id>/publish/",
        views_kb.article_publish,
        name="assistant-article-publish",
    ),
    path(
        "staff/assistant/articles/<int:article_id>/versions/",
        views_kb.article_versions,
        name="assistant-article-versions",
    ),
    path("staff/assistant/failed/", views_kb.failed_questions, name="assistant-failed"),
    path("staff/assistant/train/", views_kb.train_now, name="assistant-train"),
    path("staff/assistant/safety/", views_kb.safety_review, name="assistant-safety"),
    path(
        "staff/assistant/safety/<int:hit_id>/review/",
        views_kb.safety_mark_reviewed,
        name="assistant-safety-review",
    ),
]
