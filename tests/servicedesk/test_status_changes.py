import pytest
from django.core import mail

from bluebridge.core.models import AuditEvent
from bluebridge.servicedesk import duplicates, services
from bluebridge.servicedesk.models import RequestUpdate, Status
from bluebridge.servicedesk.validation import InvalidRequest


def test_it_records_first_response_and_resolution(file_request, make_user, tasks):
    agent = make_user("agent")
    sr = file_request()
    services.change_status(sr, Status.ACKNOWLEDGED, user=agent)
    assert sr.first_response_at is not None
    services.change_status(sr, Status.RESOLVED, user=agent, public_note="Cleaned today.")
    assert sr.resolved_at is not None and sr.closed_at is not None
    assert sr.open311_status == "closed"
    tasks()
    assert [m.subject for m in mail.outbox][-1].startswith("Update on your report")
    assert "Cleaned today." in mail.outbox[-1].body
    assert AuditEvent.objects.filter(object_ref=sr.reference, action="change").count() == 2


def test_it_requires_a_public_note_to_resolve(file_request, make_user):
    sr = file_request()
    with pytest.raises(InvalidRequest) as caught:
        services.change_status(sr, Status.RESOLVED, user=make_user("agent"))
    assert "public_note" in caught.value.errors
    sr.refresh_from_db()
    assert sr.status == Status.RECEIVED


def test_it_reopens_only_closed_requests(file_request, make_user):
    agent = make_user("agent")
    sr = file_request()
    with pytest.raises(InvalidRequest):
        services.change_status(sr, Status.REOPENED, user=agent)
    services.change_status(sr, Status.CLOSED, user=agent)
    services.change_status(sr, Status.REOPENED, user=agent)
    assert sr.is_open and sr.closed_at is None


def test_it_keeps_internal_notes_out_of_the_public_timeline(file_request, make_user):
    agent = make_user("agent")
    sr = file_request()
    services.add_note(sr, "Caller known to us", public=False, user=agent)
    services.add_note(sr, "Crew booked for Tuesday", public=True, user=agent)
    notes = [u.note for u in services.public_timeline(sr)]
    assert "Crew booked for Tuesday" in notes and "Caller known to us" not in notes


def test_it_merges_duplicates_and_suggests_them(file_request, make_user):
    agent = make_user("agent")
    first = file_request()
    second = file_request(lat=40.0101, lon=-90.0101)
    far = file_request(lat=40.019, lon=-90.019)
    assert [s.pk for s in duplicates.suggest_duplicates(second)] == [first.pk]
    duplicates.merge(second, first, user=agent)
    second.refresh_from_db()
    assert second.status == Status.DUPLICATE and second.duplicate_of == first
    assert first.updates.filter(kind=RequestUpdate.MERGE).exists()
    with pytest.raises(InvalidRequest):
        duplicates.merge(far, far, user=agent)


def test_it_lets_the_resident_reply(file_request):
    sr = file_request()
    services.resident_reply(sr, "It is also on the other side of the wall")
    assert sr.updates.filter(kind=RequestUpdate.REPLY).count() == 1
    with pytest.raises(InvalidRequest):
        services.resident_reply(sr, "   ")
