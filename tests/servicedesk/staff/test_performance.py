from datetime import timedelta

from django.utils import timezone

from bluebridge.core import roles
from bluebridge.core.models import Unit
from bluebridge.servicedesk import performance
from bluebridge.servicedesk.models import ServiceRequest, Status


def _at(
    file_request,
    set_times,
    now,
    *,
    created_h,
    first_due_h,
    first_at_h=None,
    resolution_due_h,
    resolved_h=None,
    status=Status.RECEIVED,
    **request,
):
    """A request with times given in hours relative to `now` (negative = in the past)."""
    sr = file_request(**request)

    def t(hours):
        return None if hours is None else now + timedelta(hours=hours)

    return set_times(
        sr,
        created_at=t(created_h),
        first_response_due=t(first_due_h),
        first_response_at=t(first_at_h),
        resolution_due=t(resolution_due_h),
        resolved_at=t(resolved_h),
        closed_at=t(resolved_h),
        status=status,
    )


def test_it_computes_met_rates_and_medians_per_unit(city, file_request, set_times):
    now = timezone.now()
    # Community unit (graffiti): three requests in the period, one long before it.
    _at(
        file_request,
        set_times,
        now,
        created_h=-100,
        first_due_h=-90,
        first_at_h=-98,
        resolution_due_h=-10,
        resolved_h=-40,
        status=Status.RESOLVED,
    )  # 2 h, met; 60 h, met
    _at(
        file_request,
        set_times,
        now,
        created_h=-50,
        first_due_h=-45,
        first_at_h=-40,
        resolution_due_h=-20,
        resolved_h=-10,
        status=Status.RESOLVED,
    )  # 10 h, missed; 40 h, missed
    _at(
        file_request, set_times, now, created_h=-30, first_due_h=-25, resolution_due_h=10
    )  # no answer, past due: missed, overdue now; resolution undecided
    _at(
        file_request,
        set_times,
        now,
        created_h=-24 * 40,
        first_due_h=-24 * 39,
        resolution_due_h=-24 * 30,
    )  # outside the period, but open and overdue now
    report = performance.by_unit(30, now=now)
    community = next(r for r in report.units if r.unit_code == "community")
    assert community.received == 3
    assert community.first_response_met_pct == 33.3  # 1 of 3 decided
    assert community.median_first_response == timedelta(hours=6)  # median of 2 h and 10 h
    assert community.resolution_met_pct == 50.0  # 1 of 2 decided
    assert community.median_resolution == timedelta(hours=50)
    assert community.open_now == 2
    assert community.overdue_now == 2
    patrol = next(r for r in report.units if r.unit_code == "patrol")
    assert patrol.received == 0
    assert patrol.first_response_met_pct is None and patrol.median_first_response_words == "—"
    assert report.total.received == 3 and report.total.overdue_now == 2


def test_it_leaves_merged_duplicates_out_of_resolution(city, file_request, set_times):
    now = timezone.now()
    _at(
        file_request,
        set_times,
        now,
        created_h=-10,
        first_due_h=-5,
        first_at_h=-9,
        resolution_due_h=-2,
        resolved_h=None,
        status=Status.DUPLICATE,
    )
    ServiceRequest.objects.update(closed_at=now - timedelta(hours=9))
    row = next(r for r in performance.by_unit(7, now=now).units if r.unit_code == "community")
    assert row.received == 1
    assert row.first_response_met_pct == 100.0
    assert row.resolution_met_pct is None
    assert row.open_now == 0


def test_it_reads_the_period_in_a_bounded_number_of_queries(
    city, file_request, django_assert_max_num_queries
):
    for _ in range(20):
        file_request()
    with django_assert_max_num_queries(3):
        report = performance.by_unit(7)
    assert report.total.received == 20
    assert len(report.units) == Unit.objects.filter(active=True).count()


def test_it_only_counts_requests_within_the_period(city, file_request, set_times):
    now = timezone.now()
    _at(file_request, set_times, now, created_h=-24 * 10, first_due_h=1, resolution_due_h=2)
    assert performance.by_unit(7, now=now).total.received == 0
    assert performance.by_unit(30, now=now).total.received == 1


def test_it_shows_the_page_to_supervisors_analysts_and_admins(city, staff_client, file_request):
    file_request()
    for role in (roles.SUPERVISOR, roles.ANALYST, roles.ADMIN):
        response = staff_client(role).get("/staff/sla/?days=7")
        assert response.status_code == 200, role
        html = response.content.decode()
        assert "Community Services" in html and "Last 7 days, by unit" in html
        assert "Median time to first response" in html


def test_it_forbids_the_page_to_agents_and_sends_anonymous_to_sign_in(city, staff_client, client):
    assert staff_client(roles.AGENT).get("/staff/sla/").status_code == 403
    assert client.get("/staff/sla/").status_code == 302


def test_it_explains_a_bad_period(city, staff_client):
    response = staff_client(roles.ANALYST).get("/staff/sla/?days=365")
    assert response.status_code == 400
    html = response.content.decode()
    assert "days must be 7, 30 or 90" in html
    assert 'aria-describedby="days-error"' in html
    assert "Last 30 days, by unit" in html


def test_it_defaults_to_thirty_days():
    assert performance.parse_days(None) == (30, "")
    assert performance.parse_days("90") == (90, "")
    assert performance.parse_days("-7")[0] == 30
