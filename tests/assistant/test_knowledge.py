"""The knowledge base: loading files, staff edits with versions and audit, publishing retrains."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from django.test import Client

from bluebridge.assistant.models import Article, ArticleVersion
from bluebridge.assistant.services import knowledge, training
from bluebridge.core.models import AuditEvent


def test_it_installs_each_language_as_a_published_article(kb: Any) -> None:
    assert kb.created == 12 and not kb.problems
    article = Article.objects.get(slug="noise-complaint", language="es")
    assert article.published and article.category.code == "noise"
    assert article.unit.code == "patrol" and article.versions.count() == 1


def test_loading_again_changes_nothing_and_a_changed_file_makes_a_version(
    kb: Any, kb_dir: Path
) -> None:
    again = knowledge.load_directory(kb_dir)
    assert again.unchanged == 12 and not again.changed
    path = kb_dir / "fingerprinting.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    data["translations"]["en"]["answer"] = "Fingerprinting is now on Mondays too."
    path.write_text(json.dumps(data), encoding="utf-8")
    changed = knowledge.load_directory(kb_dir)
    assert changed.updated == 1
    article = Article.objects.get(slug="fingerprinting", language="en")
    assert article.version == 2 and article.versions.count() == 2


def test_a_bad_file_is_reported_and_the_others_load(city: None, kb_dir: Path) -> None:
    (kb_dir / "broken.json").write_text("{oops", encoding="utf-8")
    (kb_dir / "no-unit.json").write_text(
        json.dumps(
            {
                "slug": "no-unit",
                "topic": "X",
                "unit": "nowhere",
                "translations": {"en": {"title": "T", "answer": "A", "questions": ["q"]}},
            }
        ),
        encoding="utf-8",
    )
    result = knowledge.load_directory(kb_dir)
    assert result.created == 12
    assert any("broken.json" in p and "JSON" in p for p in result.problems)
    assert any("no-unit.json" in p and "unknown unit" in p for p in result.problems)


def test_the_shipped_knowledge_base_loads_cleanly(city: None) -> None:
    result = knowledge.load_directory()
    assert not result.problems, result.problems
    assert result.files >= 40
    assert Article.objects.filter(language="es", published=True).count() >= 40


def test_a_supervisor_edit_is_versioned_audited_and_queues_retraining(
    kb: Any, staff_client: Any, tasks: Any
) -> None:
    article = Article.objects.get(slug="office-hours", language="en")
    data = knowledge.validate_fields(
        {**article.snapshot(), "questions": "\n".join(article.questions)}
    )
    client = staff_client("supervisor")
    response = client.post(
        f"/staff/assistant/articles/{article.pk}/edit/",
        {
            "title": "Front desk hours",
            "answer": article.answer,
            "questions": "\n".join([*article.questions, "is the lobby open at lunch"]),
            "topic": data["topic"],
            "unit": "front-desk",
            "category": "",
            "review_by": "2027-01-31",
        },
    )
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.title == "Front desk hours" and article.version == 2
    version = ArticleVersion.objects.get(article=article, number=2)
    assert version.action == "edit" and version.created_by.username == "supervisor-client"
    assert version.snapshot["title"] == "Front desk hours"
    event = AuditEvent.objects.get(object_type="assistant_article", object_ref="office-hours/en")
    assert "title" in event.changes
    before = training.versions()
    assert tasks() >= 1  # the retraining task queued on commit
    assert len(training.versions()) == len(before) + 1
    reply = training.current_engine()[1].predict(["is the lobby open at lunch"])[0]
    assert reply.label == "office-hours"


def test_a_bad_edit_shows_the_errors_and_changes_nothing(kb: Any, staff_client: Any) -> None:
    article = Article.objects.get(slug="office-hours", language="en")
    response = staff_client("supervisor").post(
        f"/staff/assistant/articles/{article.pk}/edit/",
        {"title": "", "answer": "", "questions": "", "topic": "T", "unit": "nowhere"},
    )
    assert response.status_code == 400
    text = response.content.decode()
    assert "give the article a title" in text and "unknown unit" in text
    article.refresh_from_db()
    assert article.version == 1


def test_agents_read_articles_but_cannot_edit(kb: Any, staff_client: Any) -> None:
    article = Article.objects.get(slug="office-hours", language="en")
    agent = staff_client("agent")
    assert agent.get(f"/staff/assistant/articles/{article.pk}/").status_code == 200
    response = agent.post(f"/staff/assistant/articles/{article.pk}/edit/", {"title": "x"})
    assert response.status_code == 403


def test_a_new_draft_is_published_and_unpublished(kb: Any, staff_client: Any) -> None:
    client = staff_client("administrator")
    response = client.post(
        "/staff/assistant/articles/new/",
        {
            "slug": "bike-registration",
            "language": "en",
            "title": "Register your bike",
            "answer": "Register at the front desk.",
            "questions": "how do I register my bike\nbike registration",
            "topic": "Property",
        },
    )
    assert response.status_code == 302
    article = Article.objects.get(slug="bike-registration")
    assert not article.published
    client.post(f"/staff/assistant/articles/{article.pk}/publish/", {"published": "yes"})
    article.refresh_from_db()
    assert article.published and article.version == 2
    client.post(f"/staff/assistant/articles/{article.pk}/publish/", {"published": "no"})
    article.refresh_from_db()
    assert not article.published
    page = client.get(f"/staff/assistant/articles/{article.pk}/versions/")
    assert page.status_code == 200 and "unpublish" in page.content.decode()


def test_editors_see_the_questions_that_failed(ask: Any, staff_client: Any) -> None:
    answer = ask("is the lobby open on sundays")
    ask("", action="not_helpful", value=str(answer.message_id))
    client = staff_client("supervisor")
    page = client.get("/staff/assistant/failed/")
    assert "is the lobby open on sundays" in page.content.decode()
    listing = client.get("/staff/assistant/articles/")
    assert listing.status_code == 200 and "Front desk opening hours" in listing.content.decode()


@pytest.mark.parametrize("role", ["supervisor", "administrator"])
def test_the_safety_review_lists_hits_and_marks_them_reviewed(
    ask: Any, staff_client: Any, role: str
) -> None:
    ask("I want to end my life")
    client: Client = staff_client(role)
    page = client.get("/staff/assistant/safety/")
    assert "I want to end my life" in page.content.decode()
    from bluebridge.assistant.models import SafetyHit

    hit = SafetyHit.objects.get()
    client.post(f"/staff/assistant/safety/{hit.pk}/review/", {"note": "right call"})
    hit.refresh_from_db()
    assert hit.reviewed_at is not None and hit.review_note == "right call"
