"""Statutory clocks: working days skip weekends and holidays; calendar days do not."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from bluebridge.complaints import clocks, intake
from bluebridge.complaints.models import ComplaintType
from bluebridge.core.models import Holiday
from bluebridge.servicedesk import services
from bluebridge.servicedesk.sla import BusinessCalendar

CHICAGO = ZoneInfo("America/Chicago")
CALENDAR = BusinessCalendar(holidays=frozenset({date(2026, 5, 25)}))  # Memorial Day, a Monday


def test_it_counts_working_days_over_a_weekend() -> None:
    friday = datetime(2026, 5, 8, 16, 0, tzinfo=CHICAGO)
    due = clocks.due(friday, 2, clocks.WORKING, CALENDAR)
    assert due == datetime(2026, 5, 12, 17, 0, tzinfo=CHICAGO)  # Tuesday, close of business


def test_it_skips_a_holiday_after_a_weekend() -> None:
    friday = datetime(2026, 5, 22, 9, 0, tzinfo=CHICAGO)
    due = clocks.due(friday, 2, clocks.WORKING, CALENDAR)
    assert due.date() == date(2026, 5, 27)  # Mon 25 is a holiday: Tue 26, Wed 27


def test_it_starts_counting_after_a_complaint_made_on_a_saturday() -> None:
    saturday = datetime(2026, 5, 9, 11, 0, tzinfo=CHICAGO)
    assert clocks.due(saturday, 1, clocks.WORKING, CALENDAR).date() == date(2026, 5, 11)


def test_it_counts_calendar_days_through_weekends_and_holidays() -> None:
    friday = datetime(2026, 5, 22, 9, 0, tzinfo=CHICAGO)
    due = clocks.due(friday, 120, clocks.CALENDAR, CALENDAR)
    assert due.date() == date(2026, 9, 19)
    assert clocks.working_days_between(date(2026, 5, 22), date(2026, 5, 27), CALENDAR) == 2


def test_it_refuses_a_calendar_without_working_days() -> None:
    with pytest.raises(ValueError):
        clocks.add_working_days(date(2026, 5, 1), 2, BusinessCalendar(days=frozenset()))


@pytest.mark.django_db
def test_it_sets_a_new_complaints_clocks_from_its_type_and_the_holiday_table(
    city: None, settings: object
) -> None:
    Holiday.objects.create(date=date(2026, 5, 25), name="Memorial Day")
    services.forget_calendar()
    received = datetime(2026, 5, 22, 10, 0, tzinfo=CHICAGO)
    complaint = intake.Complaint(created_at=received)
    intake.set_clocks(complaint, ComplaintType.objects.get(code="slow_response"))
    assert timezone.localtime(complaint.acknowledge_due).date() == date(2026, 5, 27)
    # 30 working days: June has Juneteenth only if it is in the table; it is not here.
    assert timezone.localtime(complaint.decision_due).date() == date(2026, 7, 6)
    intake.set_clocks(complaint, ComplaintType.objects.get(code="force"))
    assert timezone.localtime(complaint.decision_due).date() == date(2026, 9, 19)
