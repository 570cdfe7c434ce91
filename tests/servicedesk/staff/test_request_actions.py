from django.core import mail

from bluebridge.core import roles
from bluebridge.core.models import AuditEvent, Notification
from bluebridge.servicedesk.models import RequestUpdate, ServiceRequest, Status


def _url(sr: ServiceRequest, action: str) -> str:
    return f"/staff/requests/{sr.reference}/{action}/"


def test_it_changes_the_status_and_redirects(city, agent_client, file_request):
    sr = file_request()
    response = agent_client.post(
        _url(sr, "status"), {"status": "acknowledged", "public_note": "", "internal_note": "seen"}
    )
    assert response.status_code == 302
    assert response["Location"] == f"/staff/requests/{sr.reference}/"
    sr.refresh_from_db()
    assert sr.status == Status.ACKNOWLEDGED
    assert sr.first_response_at is not None
    assert sr.updates.filter(kind=RequestUpdate.NOTE, public=False, note="seen").exists()
    page = agent_client.get(response["Location"]).content.decode()
    assert "Status changed to acknowledged." in page
    assert "Met (" in page  # the first-response clock
    assert "Received → Acknowledged" in page


def test_it_emails_the_resident_about_a_public_note_once_the_worker_runs(
    city, agent_client, file_request, tasks
):
    sr = file_request()
    tasks()
    mail.outbox.clear()
    agent_client.post(
        _url(sr, "status"), {"status": "resolved", "public_note": "The wall was cleaned."}
    )
    assert mail.outbox == []  # nothing is sent inside the request
    tasks()
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["resident@example.org"]
    assert sr.reference in mail.outbox[0].subject
    assert "The wall was cleaned." in mail.outbox[0].body


def test_it_sends_nothing_for_a_sensitive_category(city, agent_client, file_request, tasks):
    sr = file_request(
        service_code="domestic-violence-followup",
        first_name="Ana",
        email="ana@example.org",
        attributes={"safe_time": "after 6pm"},
        lat=None,
        lon=None,
    )
    response = agent_client.post(
        _url(sr, "status"), {"status": "resolved", "public_note": "An advocate called you."}
    )
    assert response.status_code == 302
    tasks()
    assert mail.outbox == []
    assert not Notification.objects.exists()


def test_it_keeps_what_was_typed_when_the_status_is_refused(city, agent_client, file_request):
    sr = file_request()
    response = agent_client.post(
        _url(sr, "status"), {"status": "resolved", "public_note": "", "internal_note": "keep me"}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "a public note is required" in html
    assert 'aria-describedby="public-note-hint public-note-error"' in html
    assert ">keep me</textarea>" in html
    assert '<option value="resolved" selected>' in html
    sr.refresh_from_db()
    assert sr.status == Status.RECEIVED
    assert not sr.updates.filter(kind=RequestUpdate.NOTE).exists()


def test_it_refuses_unknown_duplicate_and_unchanged_statuses(city, agent_client, file_request):
    sr = file_request()
    for status, message in (
        ("closed-forever", "unknown status"),
        ("duplicate", "unknown status"),
        ("received", "already received"),
        ("reopened", "only a closed request can be reopened"),
        ("", "choose the new status"),
    ):
        response = agent_client.post(_url(sr, "status"), {"status": status})
        assert response.status_code == 400, status
        assert message in response.content.decode(), status
    sr.refresh_from_db()
    assert sr.status == Status.RECEIVED


def test_it_adds_public_and_internal_notes(city, agent_client, file_request, tasks):
    sr = file_request()
    tasks()
    mail.outbox.clear()
    assert (
        agent_client.post(
            _url(sr, "note"), {"note": "Staff only", "visibility": "internal"}
        ).status_code
        == 302
    )
    assert (
        agent_client.post(
            _url(sr, "note"), {"note": "We are on it", "visibility": "public"}
        ).status_code
        == 302
    )
    notes = {(u.note, u.public) for u in sr.updates.filter(kind=RequestUpdate.NOTE)}
    assert notes == {("Staff only", False), ("We are on it", True)}
    tasks()
    assert len(mail.outbox) == 1 and "We are on it" in mail.outbox[0].body


def test_it_refuses_an_empty_note_or_no_visibility(city, agent_client, file_request):
    sr = file_request()
    response = agent_client.post(_url(sr, "note"), {"note": "   ", "visibility": "public"})
    assert response.status_code == 400
    assert "write a note" in response.content.decode()
    assert 'aria-describedby="note-error"' in response.content.decode()
    response = agent_client.post(_url(sr, "note"), {"note": "kept text"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "choose who can see the note" in html
    assert ">kept text</textarea>" in html
    assert not sr.updates.filter(kind=RequestUpdate.NOTE).exists()


def test_it_assigns_to_me_and_to_another_staff_member(
    city, agent_client, agent, make_user, file_request
):
    sr = file_request()
    colleague = make_user(roles.AGENT, username="colleague")
    assert agent_client.post(_url(sr, "assign"), {"to_me": "1"}).status_code == 302
    sr.refresh_from_db()
    assert sr.assigned_to == agent
    page = agent_client.get(f"/staff/requests/{sr.reference}/").content.decode()
    assert f'<option value="{colleague.pk}"' in page
    assert agent_client.post(_url(sr, "assign"), {"assignee": str(colleague.pk)}).status_code == 302
    sr.refresh_from_db()
    assert sr.assigned_to == colleague
    assert AuditEvent.objects.filter(summary="assignment", object_ref=sr.reference).count() == 2
    assert agent_client.post(_url(sr, "assign"), {"assignee": ""}).status_code == 302
    sr.refresh_from_db()
    assert sr.assigned_to is None


def test_it_refuses_to_assign_to_someone_who_is_not_staff(
    city, agent_client, make_user, file_request
):
    sr = file_request()
    resident = make_user(roles.RESIDENT, username="a-resident")
    analyst = make_user(roles.ANALYST, username="an-analyst")
    for value, message in (
        (str(resident.pk), "choose a staff member who can work on requests"),
        (str(analyst.pk), "choose a staff member who can work on requests"),
        ("999999", "choose a staff member who can work on requests"),
        ("bob", "is not a staff member"),
    ):
        response = agent_client.post(_url(sr, "assign"), {"assignee": value})
        assert response.status_code == 400, value
        html = response.content.decode()
        assert message in html, value
        assert 'aria-describedby="assignee-error"' in html
    sr.refresh_from_db()
    assert sr.assigned_to is None


def test_it_merges_a_duplicate_into_another_request(city, agent_client, file_request, tasks):
    first = file_request()
    second = file_request(description="Same tag again")
    page = agent_client.get(f"/staff/requests/{second.reference}/").content.decode()
    assert f"Merge this request into {first.reference}" in page  # suggested: same category nearby
    tasks()
    mail.outbox.clear()
    response = agent_client.post(_url(second, "merge"), {"into": first.reference.lower()})
    assert response.status_code == 302
    assert response["Location"] == f"/staff/requests/{first.reference}/"
    second.refresh_from_db()
    assert second.status == Status.DUPLICATE and second.duplicate_of == first
    assert first.updates.filter(kind=RequestUpdate.MERGE).exists()
    tasks()
    assert len(mail.outbox) == 1 and first.reference in mail.outbox[0].body


def test_it_refuses_merging_into_an_unknown_request_or_itself(city, agent_client, file_request):
    sr = file_request()
    for into, message in (
        ("BB-ZZZZ-ZZZZ", "there is no request with reference BB-ZZZZ-ZZZZ"),
        (sr.reference, "cannot be a duplicate of itself"),
        ("", "give the reference"),
    ):
        response = agent_client.post(_url(sr, "merge"), {"into": into})
        assert response.status_code == 400, into
        html = response.content.decode()
        assert message in html, into
        assert f'value="{into}"' in html
    sr.refresh_from_db()
    assert sr.status == Status.RECEIVED


def test_it_refuses_merging_into_a_duplicate(city, agent_client, agent, file_request):
    a, b, c = file_request(), file_request(), file_request()
    agent_client.post(_url(b, "merge"), {"into": a.reference})
    response = agent_client.post(_url(c, "merge"), {"into": b.reference})
    assert response.status_code == 400
    assert f"merge into {a.reference}" in response.content.decode()


def test_it_lets_only_desk_staff_act(city, staff_client, client, file_request):
    sr = file_request()
    for role in (roles.OFFICER, roles.STANDARDS, roles.ANALYST):
        response = staff_client(role).post(_url(sr, "status"), {"status": "acknowledged"})
        assert response.status_code == 403, role
    response = client.post(_url(sr, "note"), {"note": "x", "visibility": "internal"})
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    sr.refresh_from_db()
    assert sr.status == Status.RECEIVED


def test_it_answers_404_and_405_for_actions_on_nothing(city, agent_client, file_request):
    assert (
        agent_client.post("/staff/requests/BB-0000-0000/status/", {"status": "closed"}).status_code
        == 404
    )
    sr = file_request()
    assert agent_client.get(_url(sr, "status")).status_code == 405


def test_it_requires_the_csrf_token(city, agent, file_request):
    from django.test import Client

    sr = file_request()
    client = Client(enforce_csrf_checks=True)
    client.force_login(agent)
    assert client.post(_url(sr, "status"), {"status": "acknowledged"}).status_code == 403
    sr.refresh_from_db()
    assert sr.status == Status.RECEIVED
