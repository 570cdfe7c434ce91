"""What happens to each demo request after it arrives: its timeline of acknowledgements, notes,
resolutions, reopenings and merges, consistent with the SLA clocks. Used by HistoryGenerator.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.contrib.auth.models import User

from bluebridge.core.demo.patterns import Pattern
from bluebridge.core.models import Area, Officer
from bluebridge.servicedesk import sla
from bluebridge.servicedesk.models import RequestUpdate, ServiceRequest, Status

AUTO_CLOSE = timedelta(days=7)  # resolved requests close after a week without a reply


@dataclass
class Planned:
    sr: ServiceRequest
    updates: list[RequestUpdate]
    last_event: datetime
    duplicate_of: Planned | None = None


class TimelinePlanner:
    """The timeline half of the history generator (it sets these attributes)."""

    rng: random.Random
    now: datetime
    calendar: sla.BusinessCalendar
    agent: User
    agent_label: str
    officers: dict[int, list[Officer]]
    district_unit: dict[int, int | None]
    recent: dict[tuple[str, int], list[Planned]]

    def _staff_label(self, unit_id: int) -> str:
        people = self.officers.get(unit_id)
        if not people:
            return self.agent_label
        o = self.rng.choice(people)
        return f"{o.rank} {o.last_name} #{o.badge}"

    # -- what happened next --------------------------------------------------------------------

    def _at(self, start: datetime, hours: float, clock: str) -> datetime:
        return sla.due_at(start, hours, clock, self.calendar).replace(microsecond=0)

    def _original(self, sr: ServiceRequest, beat: Area | None) -> Planned | None:
        if beat is None:
            return None
        for other in reversed(self.recent.get((sr.category.code, beat.pk), [])):
            age = sr.created_at - other.sr.created_at
            if timedelta(0) < age <= timedelta(days=14) and other.duplicate_of is None:
                return other
        return None

    def _timeline(
        self, p: Planned, beat: Area | None, pattern: Pattern, outcome: str | None
    ) -> None:
        rng, sr, category = self.rng, p.sr, p.sr.category
        clock, first_h, res_h = (
            category.clock,
            category.first_response_hours,
            category.resolution_hours,
        )
        events: list[tuple[datetime, str, str, str, str, bool, str]] = []
        created = sr.created_at
        events.append((created, RequestUpdate.CREATED, "", Status.RECEIVED, "", True, ""))
        if outcome is None:
            u = rng.random()
            recent = self.now - created < timedelta(days=120)
            if u < 0.04:
                outcome = "referred"
            elif u < 0.08:
                outcome = "duplicate"
            elif u < 0.11 and recent:
                outcome = "stuck"
            elif u < 0.12:
                outcome = "reopened"
            else:
                outcome = "resolved"
        late_first = rng.random() < 0.15
        ff = rng.uniform(1.05, 3.0) if late_first else rng.uniform(0.05, 0.9)
        first = self._at(created, ff * first_h, clock)
        if outcome == "waiting":
            first = self.now + timedelta(days=365)
        unit_label = self._staff_label(self.district_unit.get(sr.area_id or 0) or sr.unit_id)
        original = self._original(sr, beat) if outcome == "duplicate" else None
        if outcome == "duplicate" and original is None:
            outcome = "resolved"
        if outcome == "referred":
            note = "This is handled by the City's Public Works department; we have passed it on."
            events.append(
                (
                    first,
                    RequestUpdate.STATUS,
                    Status.RECEIVED,
                    Status.REFERRED,
                    note,
                    True,
                    self.agent_label,
                )
            )
        elif outcome == "duplicate" and original is not None:
            p.duplicate_of = original
            note = (
                f"This is being handled together with {original.sr.reference}. "
                "We will keep you posted here."
            )
            events.append(
                (
                    first,
                    RequestUpdate.STATUS,
                    Status.RECEIVED,
                    Status.DUPLICATE,
                    note,
                    True,
                    self.agent_label,
                )
            )
        else:
            ack = "Thank you. We have your report and someone from our team is looking at it."
            events.append(
                (
                    first,
                    RequestUpdate.STATUS,
                    Status.RECEIVED,
                    Status.ACKNOWLEDGED,
                    ack,
                    True,
                    self.agent_label,
                )
            )
            late = rng.random() < 0.22
            floor = min(0.9, ff * first_h / res_h + 0.05)
            rf = rng.uniform(1.05, 2.5) if late else rng.uniform(floor, 0.95)
            resolved = max(self._at(created, rf * res_h, clock), first + timedelta(minutes=30))
            middle = first + (resolved - first) * rng.uniform(0.2, 0.6)
            step = Status.ACTION_SCHEDULED if rng.random() < 0.3 else Status.IN_PROGRESS
            events.append(
                (
                    middle.replace(microsecond=0),
                    RequestUpdate.STATUS,
                    Status.ACKNOWLEDGED,
                    step,
                    "",
                    True,
                    unit_label,
                )
            )
            if rng.random() < 0.3:
                internal = rng.choice(
                    [
                        "Called the resident for more details.",
                        "Checked the location on patrol; will follow up.",
                        "Passed to the day shift.",
                    ]
                )
                when = first + (middle - first) / 2
                events.append(
                    (
                        when.replace(microsecond=0),
                        RequestUpdate.NOTE,
                        "",
                        "",
                        internal,
                        False,
                        unit_label,
                    )
                )
            if outcome in {"resolved", "reopened"}:
                note = rng.choice(pattern.resolutions)
                events.append(
                    (resolved, RequestUpdate.STATUS, step, Status.RESOLVED, note, True, unit_label)
                )
                if outcome == "reopened":
                    back = resolved + timedelta(hours=rng.uniform(12, 96))
                    reply = "This is still happening; please have another look."
                    events.append((back, RequestUpdate.REPLY, "", "", reply, True, "Resident"))
                    events.append(
                        (
                            back + timedelta(hours=2),
                            RequestUpdate.STATUS,
                            Status.RESOLVED,
                            Status.REOPENED,
                            "",
                            True,
                            self.agent_label,
                        )
                    )
                    again = back + timedelta(hours=rng.uniform(24, 24 * 8))
                    events.append(
                        (
                            again,
                            RequestUpdate.STATUS,
                            Status.REOPENED,
                            Status.RESOLVED,
                            rng.choice(pattern.resolutions),
                            True,
                            unit_label,
                        )
                    )
                    resolved = again
                events.append(
                    (
                        resolved + AUTO_CLOSE,
                        RequestUpdate.STATUS,
                        Status.RESOLVED,
                        Status.CLOSED,
                        "",
                        True,
                        "Bluebridge",
                    )
                )
        self._apply(p, sorted((e for e in events if e[0] <= self.now), key=lambda e: e[0]))

    def _apply(
        self, p: Planned, events: list[tuple[datetime, str, str, str, str, bool, str]]
    ) -> None:
        sr = p.sr
        sr.status = Status.RECEIVED
        for when, kind, status_from, status_to, note, public, label in events:
            at = when.replace(microsecond=0)
            p.updates.append(
                RequestUpdate(
                    kind=kind,
                    status_from=status_from,
                    status_to=status_to,
                    note=note,
                    public=public,
                    author_label=label,
                    created_at=at,
                    author=self.agent if label == self.agent_label else None,
                )
            )
            p.last_event = at
            if kind != RequestUpdate.STATUS:
                continue
            if sr.first_response_at is None and status_from == Status.RECEIVED:
                sr.first_response_at = at
            sr.status = status_to
            if status_to == Status.RESOLVED:
                sr.resolved_at = at
            if status_to in {Status.RESOLVED, Status.CLOSED, Status.DUPLICATE, Status.REFERRED}:
                sr.closed_at = sr.closed_at or at
            if status_to == Status.REOPENED:
                sr.resolved_at = sr.closed_at = None
        if sr.status != Status.DUPLICATE:
            p.duplicate_of = None  # not merged yet
