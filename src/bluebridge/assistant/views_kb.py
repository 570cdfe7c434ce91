"""Knowledge-base editor pages (supervisors and administrators edit; agents read), answers that
did not help, retraining, and the review of safety hits (supervisors)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from bluebridge.assistant.models import Article, SafetyHit
from bluebridge.assistant.services import knowledge, training
from bluebridge.assistant.services.knowledge import InvalidArticle
from bluebridge.core import audit, roles
from bluebridge.core.access import allow
from bluebridge.core.models import AuditEvent, Unit
from bluebridge.servicedesk.models import ServiceCategory

EDITORS = (roles.SUPERVISOR, roles.ADMIN)
READERS = (roles.AGENT, *EDITORS)
FIELDS = ("title", "answer", "questions", "topic", "unit", "category", "review_by")


def _can_edit(request: HttpRequest) -> bool:
    return roles.has_role(request.user, *EDITORS)


def _form_context(
    article: Article | None, data: dict[str, Any], errors: dict[str, str]
) -> dict[str, Any]:
    return {
        "article": article,
        "data": data,
        "errors": errors,
        "units": Unit.objects.filter(active=True),
        "categories": ServiceCategory.objects.filter(active=True),
    }


def _data_from(article: Article) -> dict[str, Any]:
    return {
        "slug": article.slug,
        "language": article.language,
        "title": article.title,
        "answer": article.answer,
        "questions": "\n".join(article.questions),
        "topic": article.topic,
        "unit": article.unit.code if article.unit else "",
        "category": article.category.code if article.category else "",
        "review_by": article.review_by.isoformat() if article.review_by else "",
    }


def _data_from_post(request: HttpRequest) -> dict[str, Any]:
    data = {name: request.POST.get(name, "")[:20000] for name in (*FIELDS, "slug", "language")}
    return data


@allow(*READERS)
@require_GET
def article_list(request: HttpRequest) -> HttpResponse:
    articles = list(
        Article.objects.select_related("unit", "category").order_by("topic", "slug", "language")
    )
    counts = knowledge.feedback_counts()
    for article in articles:
        article.helpful = counts.get(article.pk, {}).get("helpful", 0)  # type: ignore[attr-defined]
        article.not_helpful = counts.get(article.pk, {}).get("not_helpful", 0)  # type: ignore[attr-defined]
    today = timezone.localdate()
    return render(
        request,
        "assistant/staff/articles.html",
        {
            "articles": articles,
            "can_edit": _can_edit(request),
            "model": training.model_info(),
            "today": today,
        },
    )


@allow(*EDITORS)
@require_http_methods(["GET", "POST"])
def article_new(request: HttpRequest) -> HttpResponse:
    if request.method == "GET":
        data = {
            "language": request.GET.get("language", "en")[:2],
            "slug": request.GET.get("slug", "")[:80],
        }
        return render(request, "assistant/staff/article_form.html", _form_context(None, data, {}))
    data = _data_from_post(request)
    try:
        article = knowledge.create_article(
            data["slug"], data["language"], data, user=request.user, request=request
        )
    except InvalidArticle as exc:
        return render(
            request,
            "assistant/staff/article_form.html",
            _form_context(None, data, exc.errors),
            status=400,
        )
    messages.success(request, _("The article was created as a draft."))
    return redirect("assistant-article", article_id=article.pk)


@allow(*READERS)
@require_GET
def article_detail(request: HttpRequest, article_id: int) -> HttpResponse:
    """The article: an edit form for editors, the text for agents."""
    article = get_object_or_404(Article.objects.select_related("unit", "category"), pk=article_id)
    context = _form_context(article, _data_from(article), {})
    context["can_edit"] = _can_edit(request)
    return render(request, "assistant/staff/article_form.html", context)


@allow(*EDITORS)
@require_POST
def article_edit(request: HttpRequest, article_id: int) -> HttpResponse:
    article = get_object_or_404(Article.objects.select_related("unit", "category"), pk=article_id)
    data = _data_from_post(request)
    try:
        changed = knowledge.edit_article(article, data, user=request.user, request=request)
    except InvalidArticle as exc:
        context = _form_context(article, data, exc.errors)
        context["can_edit"] = True
        return render(request, "assistant/staff/article_form.html", context, status=400)
    if changed:
        messages.success(
            request,
            _("Saved. The assistant is retraining with it.") if article.published else _("Saved."),
        )
    else:
        messages.info(request, _("Nothing changed."))
    return redirect("assistant-article", article_id=article.pk)


@allow(*EDITORS)
@require_POST
def article_publish(request: HttpRequest, article_id: int) -> HttpResponse:
    article = get_object_or_404(Article, pk=article_id)
    publish = request.POST.get("published", "yes") != "no"
    if knowledge.set_published(article, publish, user=request.user, request=request):
        messages.success(
            request,
            _("Published. The assistant is retraining with it.") if publish else _("Unpublished."),
        )
    return redirect("assistant-article", article_id=article.pk)


@allow(*READERS)
@require_GET
def article_versions(request: HttpRequest, article_id: int) -> HttpResponse:
    article = get_object_or_404(Article, pk=article_id)
    versions = list(article.versions.select_related("created_by"))
    return render(
        request, "assistant/staff/versions.html", {"article": article, "versions": versions}
    )


@allow(*READERS)
@require_GET
def failed_questions(request: HttpRequest) -> HttpResponse:
    return render(request, "assistant/staff/failed.html", {"rows": knowledge.failed_questions(200)})


@allow(*EDITORS)
@require_POST
def train_now(request: HttpRequest) -> HttpResponse:
    from bluebridge.assistant.tasks import train_model

    train_model.enqueue()
    audit.record(
        AuditEvent.CHANGE,
        "assistant_model",
        "train",
        request=request,
        summary="retraining requested",
    )
    messages.success(
        request, _("Retraining was queued; the new model is used as soon as it is ready.")
    )
    return redirect("assistant-articles")


@allow(*EDITORS)
@require_GET
def safety_review(request: HttpRequest) -> HttpResponse:
    show = request.GET.get("show", "open")
    hits = SafetyHit.objects.select_related("conversation", "reviewed_by")
    if show != "all":
        hits = hits.filter(reviewed_at__isnull=True)
    page = Paginator(hits, 50).get_page(request.GET.get("page"))
    audit.record(
        AuditEvent.VIEW,
        "assistant_safety_hit",
        "list",
        request=request,
        summary="safety review opened",
    )
    return render(request, "assistant/staff/safety.html", {"page": page, "show": show})


@allow(*EDITORS)
@require_POST
def safety_mark_reviewed(request: HttpRequest, hit_id: int) -> HttpResponse:
    hit = get_object_or_404(SafetyHit, pk=hit_id)
    if hit.reviewed_at is None:
        hit.reviewed_at = timezone.now()
        hit.reviewed_by = request.user  # type: ignore[assignment]
        hit.review_note = request.POST.get("note", "").strip()[:500]
        hit.updated_by = request.user  # type: ignore[assignment]
        hit.save()
        audit.record(
            AuditEvent.CHANGE,
            "assistant_safety_hit",
            str(hit.pk),
            request=request,
            summary="reviewed",
            changes={"review_note": hit.review_note},
        )
    return redirect("assistant-safety")
