"""What people say: sentiment of free-text answers, recurring concerns, emerging-concern alerts.

The text engine (bluebridge.feedback.text) does the work; this module feeds it answers and
stores what it finds. Quotes are redacted by the engine before they are stored or shown.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime

from django.db import transaction
from django.utils import timezone

from bluebridge.core.models import Area
from bluebridge.feedback import text
from bluebridge.feedback.models import Answer, ConcernAlert, ConcernTheme, QuestionType
from bluebridge.feedback.services import sentiment_model
from bluebridge.feedback.services.periods import month_of, recent_months

HISTORY_MONTHS = 6
CITY = "city"


def analyse_answers(answers: list[Answer]) -> int:
    """Redact and score the sentiment of free-text answers; returns how many were updated."""
    todo = [a for a in answers if a.qtype == QuestionType.TEXT and a.text.strip()]
    if not todo:
        return 0
    scores = text.analyse_sentiment([a.text for a in todo], sentiment_model.current())
    for answer, sentiment in zip(todo, scores, strict=True):
        answer.redacted = text.redact(answer.text)
        answer.sentiment_label = sentiment.label
        answer.sentiment_score = float(sentiment.score)
        answer.sentiment_source = sentiment.source
    Answer.objects.bulk_update(
        todo, ["redacted", "sentiment_label", "sentiment_score", "sentiment_source"], batch_size=500
    )
    return len(todo)


def analyse_response(response_id: int) -> int:
    return analyse_answers(list(Answer.objects.filter(response_id=response_id)))


def _beat_code(area: Area | None) -> str:
    return area.code if area is not None else CITY


def scan(now: datetime | None = None, *, use_embeddings: bool | None = None) -> dict[str, int]:
    """Themes of the last HISTORY_MONTHS + 1 months by area, and alerts for the current month.

    One clustering over all comments keeps theme labels the same across areas and months, so
    counts can be compared. Replaces the stored themes of those months and adds new alerts.
    """
    now = now or timezone.now()
    months = recent_months(now, HISTORY_MONTHS + 1)
    first = months[0]
    rows = list(
        Answer.objects.filter(
            qtype=QuestionType.TEXT,
            response__submitted_at__gte=timezone.make_aware(
                datetime(int(first[:4]), int(first[5:]), 1)
            ),
            response__submitted_at__lt=now,
        )
        .exclude(text="")
        .values_list("text", "redacted", "response__submitted_at", "response__area_id")
    )
    if not rows:
        return {"comments": 0, "themes": 0, "alerts": 0}
    themes = text.find_themes([r[0] for r in rows], use_embeddings=use_embeddings)
    areas = Area.objects.in_bulk({r[3] for r in rows if r[3]})
    theme_of: dict[int, str] = {}
    for theme in themes:
        for member in theme.members:
            theme_of[member] = theme.label
    keywords = {t.label: t.keywords for t in themes}
    groups: dict[tuple[int | None, str, str], list[int]] = defaultdict(list)
    counted = []
    for index, (_t, _r, at, area_id) in enumerate(rows):
        label = theme_of.get(index)
        if label is None:
            continue
        month = month_of(at)
        groups[(area_id, month, label)].append(index)
        counted.append((_beat_code(areas.get(area_id) if area_id else None), month, label))
    alerts = text.emerging_concerns(text.count_rows(counted), months[-1])
    by_code = {a.code: a for a in areas.values()}
    with transaction.atomic():
        ConcernTheme.objects.filter(period__in=months).delete()
        ConcernTheme.objects.bulk_create(
            ConcernTheme(
                area=areas.get(area_id) if area_id else None,
                period=month,
                label=label,
                keywords=keywords.get(label, []),
                size=len(members),
                quotes=[rows[i][1] or text.redact(rows[i][0]) for i in members[:3]],
                computed_at=now,
            )
            for (area_id, month, label), members in groups.items()
        )
        made = 0
        for alert in alerts:
            _obj, created = ConcernAlert.objects.get_or_create(
                area=by_code.get(alert.group),
                theme=alert.theme,
                period=months[-1],
                defaults={
                    "count": alert.count,
                    "expected": alert.expected,
                    "p_value": alert.p_value,
                    "message": alert.message[:300],
                    "created_at": now,
                },
            )
            made += int(created)
    return {"comments": len(rows), "themes": len(groups), "alerts": made}
