"""Service-recovery and complaint analytics (aggregates only, no personal data).

* Satisfaction after recovery (the person's own 1-5 check: 4 or 5 = satisfied) compared with
  contacts that never failed (post-contact survey answers received through survey_answered for
  contacts without a recovery case), by category and by unit, with Wilson 95% intervals. People
  with a repeat failure are shown apart: a good recovery does not undo a second failure.
* Time to acknowledge and to fix (median hours, bootstrap 95% interval).
* Share of failures recovered; complaints acknowledged and decided on time.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import timedelta
from typing import Any

from django.utils import timezone

from bluebridge.complaints.models import Complaint
from bluebridge.complaints.recovery_models import ContactScore, RecoveryCase
from bluebridge.complaints.stats import median_interval, wilson


def _share(k: int, n: int) -> dict[str, Any]:
    p, lo, hi = wilson(k, n)
    return {"k": k, "n": n, "p": p, "lo": lo, "hi": hi}


def _hours(values: list[float]) -> dict[str, Any]:
    m, lo, hi = median_interval(values)
    return {"n": len(values), "median": m, "lo": lo, "hi": hi}


def _satisfied(score: float | None, satisfied: bool | None) -> bool:
    return satisfied if satisfied is not None else (score is not None and score >= 0.75)


def report(days: int = 365) -> dict[str, Any]:
    since = timezone.now() - timedelta(days=days)
    cases = list(RecoveryCase.objects.filter(created_at__gte=since).select_related("unit"))
    failed_refs = set(RecoveryCase.objects.values_list("source_reference", flat=True))
    baseline = [
        s
        for s in ContactScore.objects.filter(
            answered_at__gte=since, kind="post_contact"
        ).select_related("unit")
        if s.source_reference not in failed_refs
    ]
    groups: dict[tuple[str, str], dict[str, list[int]]] = defaultdict(
        lambda: {"rec": [0, 0], "base": [0, 0]}
    )
    for case in cases:
        if case.verification_score is None or case.repeat_failure:
            continue
        for key in (
            ("category", case.category or "—"),
            ("unit", case.unit.name if case.unit else "—"),
            ("all", "all"),
        ):
            groups[key]["rec"][0] += case.verification_score >= 4
            groups[key]["rec"][1] += 1
    for score in baseline:
        ok = _satisfied(score.score, score.satisfied)
        for key in (
            ("category", score.category or "—"),
            ("unit", score.unit.name if score.unit else "—"),
            ("all", "all"),
        ):
            groups[key]["base"][0] += ok
            groups[key]["base"][1] += 1
    comparison = [
        {
            "by": by,
            "group": name,
            "recovered": _share(*v["rec"]),
            "never_failed": _share(*v["base"]),
        }
        for (by, name), v in sorted(groups.items(), key=lambda item: (item[0][0] != "all", item[0]))
    ]
    verified = [c for c in cases if c.verification_score is not None]
    repeat = [c for c in verified if c.repeat_failure]
    ack = [
        (c.acknowledged_at - c.created_at).total_seconds() / 3600
        for c in cases
        if c.acknowledged_at
    ]
    fix = [(c.fixed_at - c.created_at).total_seconds() / 3600 for c in cases if c.fixed_at]
    complaints = list(
        Complaint.objects.filter(created_at__gte=since).only(
            "created_at", "acknowledged_at", "acknowledge_due", "decided_at", "decision_due", "kind"
        )
    )
    c_ack = [
        (c.created_at, c.acknowledged_at, c.acknowledge_due)
        for c in complaints
        if c.acknowledged_at
    ]
    c_dec = [(c.decided_at, c.decision_due) for c in complaints if c.decided_at and c.decision_due]
    by_trigger: dict[str, int] = defaultdict(int)
    for case in cases:
        by_trigger[case.trigger] += 1
    return {
        "days": days,
        "cases": len(cases),
        "by_trigger": dict(sorted(by_trigger.items())),
        "comparison": comparison,
        "recovered_share": _share(
            sum(c.verification_score >= 4 for c in verified if c.verification_score), len(verified)
        ),
        "repeat_satisfied": _share(
            sum((c.verification_score or 0) >= 4 for c in repeat), len(repeat)
        ),
        "fixed_share": _share(sum(1 for c in cases if c.fixed_at), len(cases)),
        "repeat_share": _share(sum(1 for c in cases if c.repeat_failure), len(cases)),
        "hours_to_acknowledge": _hours(ack),
        "hours_to_fix": _hours(fix),
        "complaint_hours_to_acknowledge": _hours(
            [(done - start).total_seconds() / 3600 for start, done, _due in c_ack if done]
        ),
        "complaints_acknowledged_on_time": _share(
            len([1 for _start, done, due in c_ack if done and due and done <= due]),
            len(c_ack),
        ),
        "complaints_decided_on_time": _share(
            len([1 for decided, due in c_dec if decided and due and decided <= due]),
            len(c_dec),
        ),
    }
