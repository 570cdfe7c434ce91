"""Demo-city complaints, commendations and recovery cases over the generated history.

Rates (chosen for a mid-sized department, documented in docs/complaints.md): 4 complaints and 2
commendations per 1,000 service requests; 60% of complaints about service quality, 40% about
conduct; conduct findings: not sustained 40%, unfounded 20%, exonerated 20%, sustained 15%,
policy failure 5%. One in eight requests closed after their due time gets a recovery case, and
5% of requests that never failed get a post-contact survey score (the comparison baseline).
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta
from typing import Any

from django.utils import timezone

from bluebridge.complaints import clocks, letters, texts
from bluebridge.complaints.models import (
    Allegation,
    Commendation,
    Complaint,
    ComplaintEvent,
    ComplaintType,
    Letter,
)
from bluebridge.complaints.recovery_models import ContactScore, RecoveryCase
from bluebridge.complaints.seeds import install_default_types
from bluebridge.servicedesk.models import ServiceRequest

COMPLAINTS_PER_1000 = 4.0
COMMENDATIONS_PER_1000 = 2.0
FINDINGS = [
    ("not_sustained", 40),
    ("unfounded", 20),
    ("exonerated", 20),
    ("sustained", 15),
    ("policy_failure", 5),
]
TEXTS = {
    "slow_response": "I reported a break-in and waited two days for anyone to come.",
    "no_follow_up": "The detective said he would call me back and never did.",
    "unclear_information": "Nobody could tell me how to get a copy of my accident report.",
    "rudeness": "The person at the front desk was dismissive and did not listen.",
    "force": "The officer pushed me against the car although I was not resisting.",
    "abuse_of_authority": "I was stopped and searched for no reason on my way home.",
    "discourtesy": "The officer swore at me during the traffic stop.",
    "offensive_language": "The officer made a remark about my accent.",
    "other_misconduct": "The officer was on his phone while driving through a red light.",
}
PRAISE = [
    "Officer helped my elderly mother home after she got lost.",
    "Thank you for the patient help at the front desk with my records request.",
    "The officers who came after the break-in were kind and thorough.",
]


def _when(rng: random.Random, first: datetime, last: datetime) -> datetime:
    return first + timedelta(seconds=rng.uniform(0, (last - first).total_seconds()))


def _weighted(rng: random.Random, pairs: list[tuple[str, int]]) -> str:
    return rng.choices([p for p, _ in pairs], weights=[w for _, w in pairs])[0]


def populate(ctx: Any) -> list[str]:
    install_default_types(ComplaintType)
    rng = ctx.rng("complaints")
    requests = ServiceRequest.objects.count()
    first = timezone.make_aware(datetime.combine(ctx.first_day, datetime.min.time()))
    now = ctx.now
    types = list(ComplaintType.objects.filter(active=True))
    service = [t for t in types if t.kind == "service"]
    conduct = [t for t in types if t.kind == "conduct"]
    n_complaints = max(6, round(requests * COMPLAINTS_PER_1000 / 1000))
    made = 0
    for _ in range(n_complaints):
        kind = "service" if rng.random() < 0.6 else "conduct"
        ctype = rng.choice(service if kind == "service" else conduct)
        created = _when(rng, first, now)
        complaint = Complaint.objects.create(
            kind=kind,
            type=ctype,
            suggested_type=ctype.code,
            suggestion_confidence=0.6,
            resident_choice=ctype.code,
            classified_at=created + timedelta(hours=6),
            anonymous=rng.random() < 0.3,
            description=TEXTS[ctype.code],
            channel=rng.choice(["web", "web", "web", "staff", "api"]),
            created_at=created,
        )
        received = timezone.localtime(created)
        complaint.acknowledge_due = clocks.due(
            received, ctype.acknowledge_days, ctype.acknowledge_clock, ctx.calendar
        )
        complaint.decision_due = clocks.due(
            received, ctype.decision_days, ctype.decision_clock, ctx.calendar
        )
        ack = created + timedelta(hours=rng.choice([3, 8, 20, 30, 45, 70, 100]))
        if ack < now:
            complaint.acknowledged_at, complaint.status = ack, "acknowledged"
        decided = created + timedelta(
            days=rng.uniform(5, ctype.decision_days * (1.1 if kind == "conduct" else 1.4))
        )
        if kind == "conduct" and ctx.officers:
            for _a in range(rng.choice([1, 1, 1, 2])):
                Allegation.objects.create(
                    complaint=complaint,
                    category=rng.choice(conduct),
                    officer=rng.choice(ctx.officers),
                    finding=_weighted(rng, FINDINGS) if decided < now else "",
                    reasons="Reviewed statements and body-worn video." if decided < now else "",
                    decided_at=decided if decided < now else None,
                )
        if decided < now:
            complaint.status, complaint.decided_at, complaint.closed_at = "closed", decided, decided
        elif complaint.acknowledged_at:
            complaint.status = "investigation" if kind == "conduct" else "recovery"
        complaint.save()
        texts.send_description(complaint)  # sentiment, by the feedback app
        ComplaintEvent.objects.create(
            complaint=complaint, kind="created", public=True, created_at=created
        )
        if complaint.acknowledged_at:
            letters.write(complaint, Letter.ACKNOWLEDGEMENT)
        if complaint.status == "closed":
            letters.write(complaint, Letter.OUTCOME, message="Thank you for telling us.")
        if kind == "service":
            _case(
                rng,
                now,
                "service_complaint",
                "complaint",
                complaint.reference,
                created,
                complaint=complaint,
            )
        made += 1
    n_commend = max(3, round(requests * COMMENDATIONS_PER_1000 / 1000))
    for _ in range(n_commend):
        officer = rng.choice(ctx.officers) if ctx.officers else None
        Commendation.objects.create(
            description=rng.choice(PRAISE),
            officer=officer,
            officer_details=f"badge {officer.badge}" if officer else "",
            created_at=_when(rng, first, now),
        )
    late = list(
        ServiceRequest.objects.filter(resolved_at__isnull=False)
        .select_related("category", "unit")
        .only(
            "reference", "resolved_at", "resolution_due", "created_at", "category", "unit", "email"
        )
    )
    cases = 0
    for sr in late:
        if sr.resolved_at is None:
            continue
        failed = sr.resolution_due is not None and sr.resolved_at > sr.resolution_due
        if failed and sr.resolution_due is not None and rng.random() < 1 / 8:
            _case(rng, now, "sla_breach", "request", sr.reference, sr.resolution_due, sr=sr)
            cases += 1
        elif not failed and rng.random() < 0.05:
            score = rng.choices([1.0, 0.75, 0.5, 0.25, 0.0], weights=[45, 30, 12, 8, 5])[0]
            ContactScore.objects.create(
                kind="post_contact",
                source_kind="request",
                source_reference=sr.reference,
                category=sr.category.code,
                unit=sr.unit,
                score=score,
                answered_at=sr.resolved_at,
            )
    return [
        f"{made} complaints, {n_commend} commendations, {cases} recovery cases from late requests"
    ]


def _case(
    rng: random.Random,
    now: datetime,
    trigger: str,
    kind: str,
    reference: str,
    opened: datetime,
    complaint: Complaint | None = None,
    sr: Any = None,
) -> None:
    steps = {}
    moment = opened
    for step, hours in (
        ("acknowledged", rng.uniform(0.5, 8)),
        ("apologised", rng.uniform(1, 24)),
        ("explained", rng.uniform(1, 48)),
        ("fixed", rng.uniform(4, 120)),
    ):
        moment = moment + timedelta(hours=hours)
        if moment >= now:
            break
        steps[f"{step}_at"] = moment
    score = None
    if "fixed_at" in steps and rng.random() < 0.6:
        score = rng.choices([5, 4, 3, 2, 1], weights=[40, 30, 12, 10, 8])[0]
    RecoveryCase.objects.create(
        trigger=trigger,
        source_kind=kind,
        source_reference=reference,
        complaint=complaint,
        category=sr.category.code
        if sr
        else (complaint.type.code if complaint and complaint.type else ""),
        unit=sr.unit if sr else None,
        email=(sr.email if sr else ""),
        created_at=opened,
        acknowledge_due=opened + timedelta(hours=4),
        verification_score=score,
        verified_at=steps.get("fixed_at") if score else None,
        status="closed"
        if score or opened < now - timedelta(days=60)
        else ("verifying" if "fixed_at" in steps else "open"),
        **steps,
    )


def wipe() -> None:
    RecoveryCase.objects.all().delete()
    ContactScore.objects.all().delete()
    Complaint.objects.all().delete()
    Commendation.objects.all().delete()
