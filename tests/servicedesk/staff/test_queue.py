from datetime import timedelta

import pytest
from django.utils import timezone

from bluebridge.core import roles
from bluebridge.core.models import Profile, Unit
from bluebridge.servicedesk import queue, sla
from bluebridge.servicedesk.models import Status


def test_it_lets_desk_staff_officers_and_standards_see_the_queue(city, staff_client):
    for role in (roles.AGENT, roles.SUPERVISOR, roles.ADMIN, roles.OFFICER, roles.STANDARDS):
        assert staff_client(role).get("/staff/queue/").status_code == 200, role


def test_it_forbids_the_queue_to_analysts_and_residents(city, staff_client):
    assert staff_client(roles.ANALYST).get("/staff/queue/").status_code == 403
    assert staff_client(roles.RESIDENT).get("/staff/queue/").status_code == 403


def test_it_sends_anonymous_visitors_to_sign_in(city, client):
    response = client.get("/staff/queue/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=/staff/queue/")


def test_it_shows_each_row_with_its_clock_in_words(city, agent_client, file_request, set_times):
    sr = file_request()
    now = timezone.now()
    set_times(sr, first_response_due=now - timedelta(hours=3, minutes=5))
    html = agent_client.get("/staff/queue/").content.decode()
    assert sr.reference in html
    assert "Graffiti" in html
    assert "West" in html  # the area
    assert "Unassigned" in html
    assert "Received" in html
    assert "Overdue by 3 h 5 min" in html or "Overdue by 3 h 4 min" in html
    assert "⚠" in html


def test_it_shows_only_open_requests_by_default(city, agent_client, file_request, set_times):
    open_sr = file_request()
    closed = set_times(file_request(), status=Status.CLOSED)
    html = agent_client.get("/staff/queue/").content.decode()
    assert open_sr.reference in html
    assert closed.reference not in html
    html = agent_client.get("/staff/queue/?status=closed").content.decode()
    assert closed.reference in html and open_sr.reference not in html
    html = agent_client.get("/staff/queue/?status=all").content.decode()
    assert closed.reference in html and open_sr.reference in html


def test_it_sorts_by_the_nearest_due_time(city, agent_client, file_request, set_times):
    now = timezone.now()
    later = set_times(file_request(), first_response_due=now + timedelta(hours=20))
    overdue = set_times(file_request(), first_response_due=now - timedelta(hours=1))
    soon = set_times(file_request(), first_response_due=now + timedelta(hours=1))
    # answered already: its next clock is the resolution, due later still
    answered = set_times(
        file_request(),
        first_response_at=now,
        first_response_due=now - timedelta(hours=9),
        resolution_due=now + timedelta(hours=30),
    )
    html = agent_client.get("/staff/queue/").content.decode()
    positions = [html.index(sr.reference) for sr in (overdue, soon, later, answered)]
    assert positions == sorted(positions)


def test_it_counts_and_filters_due_soon_and_overdue(city, agent_client, file_request, set_times):
    now = timezone.now()
    overdue = set_times(file_request(), first_response_due=now - timedelta(minutes=10))
    soon = set_times(file_request(), first_response_due=now + timedelta(hours=2))
    calm = set_times(file_request(), first_response_due=now + timedelta(hours=30))
    late_resolution = set_times(
        file_request(),
        first_response_at=now - timedelta(days=3),
        first_response_due=now - timedelta(days=2),
        resolution_due=now - timedelta(hours=1),
    )
    response = agent_client.get("/staff/queue/")
    assert response.context["counts"] == {"open": 4, "due_soon": 1, "overdue": 2}
    html = agent_client.get("/staff/queue/?sla=overdue").content.decode()
    assert overdue.reference in html and late_resolution.reference in html
    assert soon.reference not in html and calm.reference not in html
    html = agent_client.get("/staff/queue/?sla=due_soon").content.decode()
    assert soon.reference in html and "Due soon: in 1 h 59 min" in html
    assert overdue.reference not in html and calm.reference not in html


def test_it_agrees_with_the_clock_of_each_request(city, file_request, set_times):
    now = timezone.now()
    overdue = set_times(file_request(), first_response_due=now - timedelta(minutes=10))
    soon = set_times(file_request(), first_response_due=now + timedelta(hours=2))
    assert queue.clocks_for(overdue, now).current.state == sla.OVERDUE
    assert queue.clocks_for(soon, now).current.state == sla.DUE_SOON
    filters = queue.QueueFilters(sla_state=sla.OVERDUE)
    assert list(queue.requests_for(filters, now)) == [overdue]


def test_it_filters_by_unit_defaulting_to_the_users_unit(city, agent_client, agent, file_request):
    graffiti = file_request()  # community unit
    noise = file_request(service_code="noise", attributes={"noise_type": "music"})  # patrol
    Profile.objects.create(user=agent, unit=Unit.objects.get(code="patrol"))
    html = agent_client.get("/staff/queue/").content.decode()
    assert noise.reference in html and graffiti.reference not in html
    html = agent_client.get("/staff/queue/?unit=community").content.decode()
    assert graffiti.reference in html and noise.reference not in html
    html = agent_client.get("/staff/queue/?unit=all").content.decode()
    assert graffiti.reference in html and noise.reference in html


def test_it_explains_unknown_filters_instead_of_failing(city, agent_client, file_request):
    sr = file_request()
    response = agent_client.get("/staff/queue/?unit=nowhere&status=bogus&sla=late&page=x")
    assert response.status_code == 200
    html = response.content.decode()
    assert "unknown unit &#x27;nowhere&#x27;" in html
    assert "unknown status &#x27;bogus&#x27;" in html
    assert "unknown SLA state" in html
    assert 'aria-describedby="status-error"' in html
    assert sr.reference in html  # fell back to the open requests of every unit


def test_it_paginates_by_fifty(city, agent_client, file_request):
    for _ in range(51):
        file_request()
    first = agent_client.get("/staff/queue/")
    assert len(first.context["rows"]) == 50
    assert "Page 1 of 2" in first.content.decode()
    second = agent_client.get("/staff/queue/?page=2")
    assert len(second.context["rows"]) == 1


def test_it_returns_only_the_table_to_htmx_polling(city, agent_client, file_request):
    sr = file_request()
    page = agent_client.get("/staff/queue/").content.decode()
    assert 'hx-trigger="every 30s"' in page
    part = agent_client.get("/staff/queue/?unit=all", HTTP_HX_REQUEST="true").content.decode()
    assert sr.reference in part
    assert "<html" not in part


def test_it_refuses_to_change_anything_by_post(city, agent_client):
    assert agent_client.post("/staff/queue/").status_code == 405


@pytest.mark.parametrize(
    ("minutes", "words"),
    [
        (45, "45 min"),
        (180, "3 h"),
        (190, "3 h 10 min"),
        (60 * 24 * 2 + 240, "2 d 4 h"),
        (-5, "0 min"),
    ],
)
def test_it_writes_durations_shortly(minutes, words):
    assert queue.duration_words(timedelta(minutes=minutes)) == words


def test_it_describes_met_and_missed_clocks():
    now = timezone.now()
    due = now - timedelta(hours=1)
    assert queue.describe(sla.MET, due, due - timedelta(hours=2), now).words == "Met (2 h early)"
    assert queue.describe(sla.MISSED, due, due + timedelta(minutes=30), now).words == (
        "Missed by 30 min"
    )
    assert queue.describe(sla.MISSED, due, due + timedelta(minutes=30), now).symbol == "✗"


def test_it_reads_a_page_of_the_queue_in_a_bounded_number_of_queries(
    city, agent_client, file_request, django_assert_max_num_queries
):
    for _ in range(30):
        file_request()
    agent_client.get("/staff/queue/")  # warm the session and role caches
    with django_assert_max_num_queries(12):
        response = agent_client.get("/staff/queue/")
    assert len(response.context["rows"]) == 30
