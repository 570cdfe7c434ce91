"""The feedback part of the demo city: post-contact and community survey responses.

Deterministic for a seed: post-contact answers for a sample of closed requests (better when
the request was resolved on time), and about 3,000 community responses over twelve months with
area differences (central beats trust less), demographics skewed against the population
(older, whiter and more female than the city, as real online surveys are, so raking matters)
and a planted emerging concern: speeding on one street in one beat, in the last month.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta

from bluebridge.core.demo.extensions import DemoContext
from bluebridge.core.demo.population import AGE_BANDS, RACE_ETHNICITY
from bluebridge.feedback.models import (
    Answer,
    ConcernAlert,
    ConcernTheme,
    Invitation,
    Kind,
    OptOut,
    Response,
    SubmittedText,
    Survey,
)
from bluebridge.feedback.services import concerns
from bluebridge.feedback.services import texts as submitted
from bluebridge.feedback.services.contacts import contact_hash
from bluebridge.servicedesk.models import ServiceRequest

COMMUNITY_PER_MONTH = 250
MONTHS = 12
PLANTED_STREET = "Maple Ave"

CONCERNS = {
    "speeding": [
        "Speeding cars on {street}, someone will get hurt",
        "People drive way too fast on {street} near the school",
        "Speeding and street racing on {street} at night",
    ],
    "drugs": [
        "Drug dealing on the corner of {street}",
        "Open drug sales near the park on {street}",
    ],
    "break-ins": [
        "Car break-ins on {street}, three this month",
        "Cars broken into overnight on my block",
        "Package theft and car break-ins around {street}",
    ],
    "noise": [
        "Loud parties and noise every weekend on {street}",
        "Noise from the bar on {street} until 3am",
    ],
    "response": [
        "Police take too long to come when we call",
        "Nobody answers the non-emergency line",
        "Response times are terrible, waited two hours",
    ],
    "visibility": [
        "We never see officers walking in the neighborhood",
        "More patrols please, especially at night",
        "Would like officers to get to know the community",
    ],
    "homelessness": [
        "Homeless encampment by the river needs help, not arrests",
        "People sleeping in the bus shelter on {street}",
    ],
}
COMMENTS_GOOD = [
    "The officer was polite and fixed it quickly, thank you!",
    "Great service, kept me informed the whole time.",
    "Very helpful staff, problem solved.",
]
COMMENTS_BAD = [
    "Nobody called me back and the problem is still there.",
    "It took weeks and I had to call three times.",
    "Rude on the phone and nothing happened.",
]
COMMENTS_MEH = ["It was fine.", "Took a while but it got done.", "OK I guess."]

# Who answers online surveys: skewed against the population on purpose.
_AGE_WEIGHTS = [0.05, 0.10, 0.14, 0.18, 0.25, 0.28]
_RACE_WEIGHTS = {"hispanic": 0.06, "white": 0.72, "black": 0.12, "asian": 0.05, "other": 0.05}
_RACE_SHIFT = {"hispanic": -0.3, "white": 0.6, "black": -1.4, "asian": 0.2, "other": -0.2}


def _clip(value: float, low: int = 0, high: int = 10) -> float:
    return float(max(low, min(high, round(value))))


def wipe() -> None:
    Answer.objects.all().delete()
    Response.objects.all().delete()
    Invitation.objects.all().delete()
    ConcernTheme.objects.all().delete()
    ConcernAlert.objects.all().delete()
    OptOut.objects.all().delete()
    SubmittedText.objects.all().delete()


def _moment(rng: random.Random, month_start: datetime, now: datetime) -> datetime:
    end = min(now, month_start + timedelta(days=30))
    span = max(1.0, (end - month_start).total_seconds())
    return month_start + timedelta(seconds=rng.uniform(0, span))


def _community(ctx: DemoContext, survey: Survey, rng: random.Random) -> list[Response]:
    version = survey.current
    assert version is not None
    beats = list(ctx.beats)
    effects = {b.code: rng.gauss(0, 0.8) for b in beats}
    centrality = {b.code: (b.population or 5000) / 9000 for b in beats}
    planted = beats[len(beats) // 3] if beats else None
    count = int(COMMUNITY_PER_MONTH * max(ctx.scale, 0.1))
    now = ctx.now
    month0 = now.replace(day=1, hour=0, minute=0, second=0, microsecond=0)
    out: list[Response] = []
    texts: list[tuple[Response, str]] = []
    for back in range(MONTHS - 1, -1, -1):
        start = (month0 - timedelta(days=31 * back)).replace(day=1)
        for _ in range(count):
            beat = rng.choice(beats)
            age = rng.choices(AGE_BANDS, weights=_AGE_WEIGHTS)[0]
            sex = "female" if rng.random() < 0.58 else "male"
            race = rng.choices(RACE_ETHNICITY, weights=[_RACE_WEIGHTS[r] for r in RACE_ETHNICITY])[
                0
            ]
            young = AGE_BANDS.index(age) <= 1
            base = 6.2 + effects[beat.code] - 1.2 * centrality[beat.code] + _RACE_SHIFT[race]
            base -= 1.0 if young else 0.0
            base += 0.15 * (MONTHS - back) / MONTHS  # a slow improvement over the year
            trust_item = base + rng.gauss(0, 1.6)
            response = Response(
                survey=survey,
                version=version,
                kind=Kind.COMMUNITY,
                area=beat,
                language="es" if race == "hispanic" and rng.random() < 0.5 else "en",
                submitted_at=_moment(rng, start, now),
                channel="demo",
                age_band=age if rng.random() > 0.04 else "",
                sex=sex if rng.random() > 0.03 else "",
                race_ethnicity=race if rng.random() > 0.08 else "",
                safety=_clip(base + 0.8 + rng.gauss(0, 1.8)),
                respect=_clip(trust_item + rng.gauss(0.3, 0.8)),
                listen=_clip(trust_item + rng.gauss(-0.3, 0.8)),
            )
            out.append(response)
            if rng.random() < 0.55:
                theme = rng.choice(list(CONCERNS))
                if planted is not None and beat == planted and back == 0 and rng.random() < 0.7:
                    theme = "speeding"
                street = PLANTED_STREET if beat == planted else rng.choice(_STREETS)
                texts.append((response, rng.choice(CONCERNS[theme]).format(street=street)))
    if planted is not None:  # make sure the planted beat is loud enough in the last month
        for k in range(25):
            response = Response(
                survey=survey,
                version=version,
                kind=Kind.COMMUNITY,
                area=planted,
                submitted_at=_moment(rng, month0, now),
                channel="demo",
                age_band=rng.choice(AGE_BANDS),
                sex=rng.choice(["female", "male"]),
                race_ethnicity=rng.choice(RACE_ETHNICITY),
                safety=_clip(rng.gauss(4.5, 1.5)),
                respect=_clip(rng.gauss(5.5, 1.5)),
                listen=_clip(rng.gauss(4.8, 1.5)),
            )
            out.append(response)
            texts.append((response, CONCERNS["speeding"][k % 3].format(street=PLANTED_STREET)))
    Response.objects.bulk_create(out, batch_size=1000)
    answers = []
    for r in out:
        for code in ("safety", "respect", "listen"):
            answers.append(
                Answer(response=r, code=code, qtype="agreement", number=getattr(r, code))
            )
    answers += [Answer(response=r, code="top_issue", qtype="text", text=t) for r, t in texts]
    Answer.objects.bulk_create(answers, batch_size=2000)
    return out


_STREETS = ["Main St", "Oak St", "Cedar St", "Elm St", "Lake Dr", "Hill St", "Pine St", "Park Ave"]


def _post_contact(ctx: DemoContext, survey: Survey, rng: random.Random) -> int:
    version = survey.current
    assert version is not None
    since = ctx.now - timedelta(days=180)
    closed = list(
        ServiceRequest.objects.filter(closed_at__gte=since, category__sensitive=False)
        .exclude(contact_preference="none")
        .select_related("category")
        .order_by("closed_at", "pk")
    )
    invitations, responses, answers = [], [], []
    seen: dict[str, datetime] = {}
    for sr in closed:
        if rng.random() > 0.6:
            continue
        recipient = sr.email if sr.contact_preference == "email" else sr.phone
        if not recipient or sr.closed_at is None:
            continue
        digest = contact_hash(recipient)
        last = seen.get(digest)
        if last is not None and sr.closed_at - last < timedelta(days=30):
            continue
        seen[digest] = sr.closed_at
        sent = sr.closed_at + timedelta(days=1)
        answered = rng.random() < 0.32 and sent < ctx.now
        status = Invitation.ANSWERED if answered else Invitation.EXPIRED
        if sent + timedelta(days=14) > ctx.now and not answered:
            status = Invitation.SENT
        inv = Invitation(
            survey=survey,
            nonce=f"{rng.getrandbits(128):032x}",
            kind=Kind.POST_CONTACT,
            source_kind="request",
            source_reference=sr.reference,
            category=sr.category.code,
            area=sr.area,
            unit=sr.unit,
            contact_hash=digest,
            channel=sr.contact_preference,
            recipient=recipient if status == Invitation.SENT else "",
            language=sr.language,
            status=status,
            send_after=sent,
            sent_at=sent,
            expires_at=sent + timedelta(days=14),
            answered_at=sent + timedelta(hours=rng.uniform(1, 60)) if answered else None,
            created_at=sr.closed_at,
        )
        invitations.append(inv)
        if not answered:
            continue
        late = sr.resolution_due is not None and sr.closed_at > sr.resolution_due
        mood = rng.gauss(3.2 if late else 4.1, 1.0)
        csat = _clip(mood, 1, 5)
        nps = _clip(mood * 2.2 + rng.gauss(0, 1.2))
        response = Response(
            survey=survey,
            version=version,
            kind=Kind.POST_CONTACT,
            invitation=inv,
            source_kind="request",
            source_reference=sr.reference,
            category=sr.category.code,
            area=sr.area,
            unit=sr.unit,
            language=sr.language,
            submitted_at=inv.answered_at or sent,
            channel="demo",
            csat=csat,
            nps=nps,
            satisfied=csat >= 3,
            score=(csat - 1) / 4,
        )
        responses.append(response)
        answers.append(Answer(response=response, code="csat", qtype="rating", number=csat))
        answers.append(Answer(response=response, code="nps", qtype="recommend", number=nps))
        if rng.random() < 0.4:
            pool = COMMENTS_GOOD if csat >= 4 else COMMENTS_BAD if csat <= 2 else COMMENTS_MEH
            answers.append(
                Answer(response=response, code="comment", qtype="text", text=rng.choice(pool))
            )
    Invitation.objects.bulk_create(invitations, batch_size=1000)
    Response.objects.bulk_create(responses, batch_size=1000)
    Answer.objects.bulk_create(answers, batch_size=2000)
    return len(responses)


def populate(ctx: DemoContext) -> list[str]:
    rng = ctx.rng("feedback")
    community = Survey.objects.get(slug="community")
    post = Survey.objects.get(slug="post-contact")
    made = _community(ctx, community, rng)
    answered = _post_contact(ctx, post, rng)
    texts = list(Answer.objects.filter(qtype="text", response__channel="demo"))
    concerns.analyse_answers(texts)
    # Complaint texts the complaints demo sent (text_submitted): scored now, not by the worker.
    pending = list(SubmittedText.objects.exclude(text="").values_list("pk", flat=True))
    for pk in pending:
        submitted.analyse(pk)
    found = concerns.scan(ctx.now, use_embeddings=False)
    return [
        f"feedback: {len(made)} community survey responses, {answered} post-contact responses, "
        f"{found['themes']} concern groups, {found['alerts']} emerging-concern alerts, "
        f"{len(pending)} complaint and chat texts scored"
    ]
