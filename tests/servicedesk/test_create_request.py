from django.core import mail

from bluebridge.core.models import AuditEvent, Notification
from bluebridge.servicedesk import services
from bluebridge.servicedesk.models import ServiceRequest, Status
from bluebridge.servicedesk.validation import InvalidRequest, NewRequest
from tests.conftest import INSIDE, OUTSIDE


def test_it_stores_a_request_with_reference_area_and_sla(city):
    sr, created = services.create_request(
        NewRequest(service_code="graffiti", description="tag", lat=INSIDE[0], lon=INSIDE[1])
    )
    assert created
    assert sr.reference.startswith("BB-")
    assert sr.area.code == "B1"
    assert sr.status == Status.RECEIVED
    assert sr.resolution_due > sr.first_response_due > sr.created_at
    assert sr.unit.code == "community"
    assert AuditEvent.objects.filter(object_ref=sr.reference, action="create").exists()


def test_it_emails_the_resident_through_the_worker(city, tasks):
    sr, _ = services.create_request(
        NewRequest(service_code="graffiti", lat=INSIDE[0], lon=INSIDE[1], email="a@example.org")
    )
    assert len(mail.outbox) == 0  # nothing is sent inside the request
    tasks()
    assert len(mail.outbox) == 1
    assert sr.reference in mail.outbox[0].subject
    assert Notification.objects.get().status == Notification.SENT


def test_it_sends_nothing_for_a_sensitive_category(city, tasks):
    services.create_request(
        NewRequest(
            service_code="domestic-violence-followup",
            first_name="Ana",
            email="a@example.org",
            attributes={"safe_time": "after 6pm"},
        )
    )
    tasks()
    assert mail.outbox == []
    assert not Notification.objects.exists()


def test_it_refuses_a_location_outside_the_area(city):
    try:
        services.create_request(NewRequest(service_code="graffiti", lat=OUTSIDE[0], lon=OUTSIDE[1]))
    except InvalidRequest as exc:
        assert "location" in exc.errors
    else:
        raise AssertionError("expected InvalidRequest")
    assert not ServiceRequest.objects.exists()


def test_it_names_each_bad_field(city):
    try:
        services.create_request(
            NewRequest(
                service_code="abandoned-vehicle",
                lat="north",
                lon=INSIDE[1],
                email="not-an-email",
                attributes={"days_parked": "many", "colour": "red"},
            )
        )
    except InvalidRequest as exc:
        assert set(exc.errors) >= {"lat", "email", "attribute[days_parked]", "attribute[colour]"}
    else:
        raise AssertionError("expected InvalidRequest")


def test_it_creates_one_request_for_a_repeated_idempotency_key(city):
    new = NewRequest(
        service_code="graffiti",
        lat=INSIDE[0],
        lon=INSIDE[1],
        client_key="k1",
        idempotency_key="abc",
    )
    first, created_first = services.create_request(new)
    second, created_second = services.create_request(new)
    assert (created_first, created_second) == (True, False)
    assert first.pk == second.pk
    assert ServiceRequest.objects.count() == 1


def test_it_refuses_overlong_fields_naming_them(city):
    try:
        services.create_request(
            NewRequest(
                service_code="graffiti",
                lat=INSIDE[0],
                lon=INSIDE[1],
                address_id="x" * 65,
                phone="5" * 40,
                email=("a" * 250) + "@example.org",
                address="nul\x00here",
            )
        )
    except InvalidRequest as exc:
        assert {"address_id", "phone", "email", "address_string"} <= set(exc.errors)
    else:
        raise AssertionError("expected InvalidRequest")
    assert not ServiceRequest.objects.exists()
