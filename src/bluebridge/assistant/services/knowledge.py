"""The knowledge base: installing the shipped data files, staff edits, versions, publishing.

Every change writes an ArticleVersion (a snapshot of the article after the change) and an audit
event. Publishing (or unpublishing, or editing a published article) queues a retraining task.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser, User
from django.db import transaction
from django.db.models import Count, Q
from django.http import HttpRequest

from bluebridge.assistant.models import Article, ArticleVersion
from bluebridge.core import audit
from bluebridge.core.models import AuditEvent, Unit
from bluebridge.servicedesk.models import ServiceCategory

KNOWLEDGE_DIR = Path(__file__).resolve().parent.parent / "knowledge"
LANGUAGES = ("en", "es")
MAX_QUESTIONS = 200
Actor = AbstractBaseUser | AnonymousUser | None


class InvalidArticle(Exception):
    """Raised with a mapping of field name -> message."""

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__("; ".join(f"{k}: {v}" for k, v in errors.items()))
        self.errors = errors


@dataclass
class LoadResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    files: int = 0
    problems: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated)


def _user(actor: Actor) -> User | None:
    return actor if isinstance(actor, User) else None


def _record_version(article: Article, action: str, actor: Actor) -> ArticleVersion:
    number = (
        article.versions.order_by("-number").values_list("number", flat=True).first() or 0
    ) + 1
    if article.version != number:
        article.version = number
        Article.objects.filter(pk=article.pk).update(version=number)
    return ArticleVersion.objects.create(
        article=article,
        number=number,
        action=action,
        snapshot=article.snapshot(),
        created_by=_user(actor),
    )


def _clean_questions(raw: Any) -> list[str]:
    if isinstance(raw, str):
        raw = raw.splitlines()
    seen: list[str] = []
    for item in raw or []:
        text = " ".join(str(item).split())
        if text and text not in seen:
            seen.append(text[:300])
    return seen[:MAX_QUESTIONS]


def validate_fields(data: dict[str, Any]) -> dict[str, Any]:
    """Check an article's fields (from the editor or a data file); returns them cleaned."""
    errors: dict[str, str] = {}
    cleaned: dict[str, Any] = {}
    title = " ".join(str(data.get("title", "")).split())
    if not title:
        errors["title"] = "give the article a title"
    elif len(title) > 200:
        errors["title"] = "must be at most 200 characters"
    cleaned["title"] = title
    answer = str(data.get("answer", "")).strip()
    if not answer:
        errors["answer"] = "write the answer"
    elif len(answer) > 20000:
        errors["answer"] = "must be at most 20000 characters"
    cleaned["answer"] = answer
    questions = _clean_questions(data.get("questions"))
    if not questions:
        errors["questions"] = "give at least one example question"
    cleaned["questions"] = questions
    topic = " ".join(str(data.get("topic", "")).split())
    if not topic:
        errors["topic"] = "give a topic"
    cleaned["topic"] = topic[:80]
    unit_code = str(data.get("unit") or "").strip()
    cleaned["unit"] = None
    if unit_code:
        cleaned["unit"] = Unit.objects.filter(code=unit_code).first()
        if cleaned["unit"] is None:
            errors["unit"] = f"unknown unit {unit_code!r}"
    category_code = str(data.get("category") or "").strip()
    cleaned["category"] = None
    if category_code:
        cleaned["category"] = ServiceCategory.objects.filter(code=category_code).first()
        if cleaned["category"] is None:
            errors["category"] = f"unknown service category {category_code!r}"
    review = data.get("review_by")
    cleaned["review_by"] = None
    if review:
        try:
            cleaned["review_by"] = (
                review if isinstance(review, date) else date.fromisoformat(str(review))
            )
        except ValueError:
            errors["review_by"] = "must be a date such as 2027-06-30"
    if errors:
        raise InvalidArticle(errors)
    return cleaned


def create_article(
    slug: str,
    language: str,
    data: dict[str, Any],
    *,
    user: Actor,
    request: HttpRequest | None = None,
    published: bool = False,
) -> Article:
    errors = {}
    if language not in LANGUAGES:
        errors["language"] = "must be en or es"
    slug = slug.strip().lower()
    if not slug or not all(c.isalnum() or c == "-" for c in slug) or len(slug) > 80:
        errors["slug"] = "use lower-case letters, digits and dashes (at most 80)"
    elif Article.objects.filter(slug=slug, language=language).exists():
        errors["slug"] = "an article with this slug already exists in this language"
    if errors:
        raise InvalidArticle(errors)
    cleaned = validate_fields(data)
    with transaction.atomic():
        article = Article.objects.create(
            slug=slug,
            language=language,
            published=published,
            created_by=_user(user),
            updated_by=_user(user),
            **cleaned,
        )
        _record_version(article, "create", user)
        audit.record(
            AuditEvent.CREATE,
            "assistant_article",
            f"{slug}/{language}",
            user=user,
            request=request,
            summary=f"article {slug} ({language}) created",
        )
    if published:
        schedule_training()
    return article


def edit_article(
    article: Article, data: dict[str, Any], *, user: Actor, request: HttpRequest | None = None
) -> bool:
    """Save an edit; returns False (and records nothing) when nothing changed."""
    cleaned = validate_fields(data)
    before = article.snapshot()
    for name, value in cleaned.items():
        setattr(article, name, value)
    after = article.snapshot()
    changes = audit.diff(before, after)
    if not changes:
        return False
    with transaction.atomic():
        article.updated_by = _user(user)
        article.save()
        _record_version(article, "edit", user)
        audit.record(
            AuditEvent.CHANGE,
            "assistant_article",
            f"{article.slug}/{article.language}",
            user=user,
            request=request,
            summary=f"article edited: {', '.join(sorted(changes))}",
            changes={k: v for k, v in changes.items() if k != "answer"}
            | ({"answer": ["(edited)", "(see version)"]} if "answer" in changes else {}),
        )
    if article.published:
        schedule_training()
    return True


def set_published(
    article: Article, published: bool, *, user: Actor, request: HttpRequest | None = None
) -> bool:
    if article.published == published:
        return False
    with transaction.atomic():
        article.published = published
        article.updated_by = _user(user)
        article.save(update_fields=["published", "updated_by", "updated_at"])
        _record_version(article, "publish" if published else "unpublish", user)
        audit.record(
            AuditEvent.CHANGE,
            "assistant_article",
            f"{article.slug}/{article.language}",
            user=user,
            request=request,
            summary="published" if published else "unpublished",
            changes={"published": [not published, published]},
        )
    schedule_training()
    return True


def schedule_training() -> None:
    """Retrain in the background. The database task backend stores the task in the caller's
    transaction: it exists once the change commits, or not at all."""
    from bluebridge.assistant.tasks import train_model

    train_model.enqueue()


# --- Installing the shipped data files ------------------------------------------------------------


def read_file(path: Path) -> dict[str, Any]:
    """One knowledge file, checked for shape; raises ValueError with the file's name."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ValueError(f"{path.name}: cannot read it as JSON ({exc})") from exc
    if not isinstance(data, dict) or not isinstance(data.get("translations"), dict):
        raise ValueError(f"{path.name}: expected an object with 'slug' and 'translations'")
    if not str(data.get("slug", "")).strip():
        raise ValueError(f"{path.name}: 'slug' is missing")
    return data


def knowledge_files(directory: Path | None = None, slugs: list[str] | None = None) -> list[Path]:
    folder = directory or KNOWLEDGE_DIR
    files = sorted(p for p in folder.glob("*.json") if p.is_file())
    if slugs is not None:
        wanted = set(slugs)
        files = [p for p in files if p.stem in wanted]
    return files


def load_directory(
    directory: Path | None = None,
    *,
    slugs: list[str] | None = None,
    user: Actor = None,
    train: bool = False,
) -> LoadResult:
    """Install (or update) the knowledge files as published articles. Idempotent: an unchanged
    file changes nothing; a changed one makes a new version. Bad files are reported and skipped."""
    result = LoadResult()
    for path in knowledge_files(directory, slugs):
        try:
            data = read_file(path)
            with transaction.atomic():
                _install(data, result, user)
            result.files += 1
        except (ValueError, InvalidArticle) as exc:
            result.problems.append(str(exc) if path.name in str(exc) else f"{path.name}: {exc}")
    if result.changed and train:
        schedule_training()
    return result


def _install(data: dict[str, Any], result: LoadResult, user: Actor) -> None:
    slug = str(data["slug"]).strip().lower()
    for language, text in data["translations"].items():
        if language not in LANGUAGES or not isinstance(text, dict):
            continue
        fields = {
            "title": text.get("title", ""),
            "answer": text.get("answer", ""),
            "questions": text.get("questions", []),
            "topic": data.get("topic", ""),
            "unit": data.get("unit"),
            "category": data.get("category"),
            "review_by": data.get("review_by"),
        }
        cleaned = validate_fields(fields)
        article = Article.objects.filter(slug=slug, language=language).first()
        if article is None:
            article = Article.objects.create(
                slug=slug, language=language, published=True, created_by=_user(user), **cleaned
            )
            _record_version(article, "load", user)
            result.created += 1
            continue
        before = article.snapshot()
        for name, value in cleaned.items():
            setattr(article, name, value)
        article.published = True
        if article.snapshot() == before:
            result.unchanged += 1
            continue
        article.updated_by = _user(user)
        article.save()
        _record_version(article, "load", user)
        result.updated += 1
    if result.changed:
        audit.record(
            AuditEvent.CHANGE,
            "assistant_article",
            slug,
            user=user,
            summary="installed from the knowledge files",
            actor_label="system",
        )


# --- Reading -------------------------------------------------------------------------------------


def published_articles() -> list[Article]:
    return list(Article.objects.filter(published=True).order_by("slug", "language"))


def article_for(slug: str, language: str) -> Article | None:
    """The published article in this language, else in the other one."""
    found = {
        a.language: a
        for a in Article.objects.filter(slug=slug, published=True).select_related("category")
    }
    return found.get(language) or found.get("en") or found.get("es")


def failed_questions(limit: int = 100) -> list[dict[str, Any]]:
    """Answers marked not helpful, newest first, with the question that was asked."""
    from bluebridge.assistant.models import AnswerFeedback

    rows = (
        AnswerFeedback.objects.filter(helpful=False)
        .select_related("message", "message__article")
        .order_by("-created_at")[:limit]
    )
    return [
        {
            "question": fb.message.question,
            "article": fb.message.article,
            "confidence": fb.message.confidence,
            "at": fb.created_at,
        }
        for fb in rows
    ]


def feedback_counts() -> dict[int, dict[str, int]]:
    """article id -> {"helpful": n, "not_helpful": m}."""
    from bluebridge.assistant.models import Message

    rows = (
        Message.objects.filter(feedback__isnull=False, article__isnull=False)
        .values("article_id")
        .annotate(
            helpful=Count("id", filter=Q(feedback__helpful=True)),
            not_helpful=Count("id", filter=Q(feedback__helpful=False)),
        )
    )
    return {
        r["article_id"]: {"helpful": r["helpful"], "not_helpful": r["not_helpful"]} for r in rows
    }
