"""GET requests, requests/{id}, tokens/{token} and servicerequestupdates: filters, paging, privacy."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client, override_settings
from django.utils import timezone

from bluebridge.servicedesk import services
from bluebridge.servicedesk.models import ServiceRequest, Status
from tests.servicedesk.open311.conftest import BASE, error_descriptions, xml

pytestmark = pytest.mark.django_db

PII = {
    "first_name": "Zebulon",
    "last_name": "Quixote",
    "email": "zebulon.q@example.org",
    "phone": "(555) 867-5309",
    "device_id": "device-7f3a9",
    "account_id": "account-42x",
}


def _ids(response) -> list[str]:
    return [item["service_request_id"] for item in response.json()]


def _age(sr: ServiceRequest, days: float) -> None:
    when = timezone.now() - timedelta(days=days)
    ServiceRequest.objects.filter(pk=sr.pk).update(created_at=when, updated_at=when)


def test_it_lists_requests_with_the_standard_fields_in_xml(file_request):
    sr = file_request(address="1234 Elm St Apt 5")
    root = xml(Client().get(BASE + "requests.xml"))
    assert root.tag == "service_requests"
    [request] = root.findall("request")
    tags = [child.tag for child in request]
    for name in (
        "service_request_id",
        "status",
        "status_notes",
        "service_name",
        "service_code",
        "description",
        "agency_responsible",
        "service_notice",
        "requested_datetime",
        "updated_datetime",
        "expected_datetime",
        "address",
        "address_id",
        "lat",
        "long",
        "media_url",
    ):
        assert name in tags
    assert request.findtext("service_request_id") == sr.reference
    assert request.findtext("status") == "open"
    assert request.findtext("agency_responsible") == "Community Services"
    assert request.findtext("address") == "1200 block of Elm St"
    expected = request.findtext("expected_datetime")
    assert expected == timezone.localtime(sr.resolution_due).isoformat(timespec="seconds")
    assert expected[-6] in "+-" and expected[-3] == ":"  # W3C with zone offset


def test_it_keeps_personal_data_out_of_every_public_feed(file_request):
    sr = file_request(
        description="Call me on 555-867-5309 or write to zebulon.q@example.org, since 2026-05-01",
        lat=40.012345,
        lon=-90.015678,
        **PII,
    )
    services.add_note(sr, "Spoke to zebulon.q@example.org", public=True, user=None)
    client = Client()
    for path in (
        "requests.json",
        "requests.xml",
        f"requests/{sr.reference}.json",
        f"requests/{sr.reference}.xml",
        "servicerequestupdates.json",
        "servicerequestupdates.xml",
    ):
        body = client.get(BASE + path).content.decode()
        for value in PII.values():
            assert value not in body, (path, value)
        assert "867-5309" not in body and "zebulon" not in body.lower()
    item = client.get(BASE + f"requests/{sr.reference}.json").json()[0]
    assert (
        item["description"]
        == "Call me on [phone removed] or write to [email removed], since 2026-05-01"
    )
    assert item["status_notes"] == "Spoke to [email removed]"
    assert (item["lat"], item["long"]) == (40.012, -90.016)


def test_it_never_shows_requests_of_sensitive_categories(file_request):
    hidden = file_request(
        service_code="domestic-violence-followup",
        first_name="Ana",
        lat=None,
        lon=None,
        attributes={"safe_time": "after 6pm"},
    )
    shown = file_request()
    client = Client()
    assert "domestic-violence-followup" in [
        s["service_code"] for s in client.get(BASE + "services.json").json()
    ]
    assert _ids(client.get(BASE + "requests.json")) == [shown.reference]
    assert _ids(client.get(BASE + f"requests.json?service_request_id={hidden.reference}")) == []
    response = client.get(BASE + f"requests/{hidden.reference}.json")
    assert response.status_code == 404
    assert error_descriptions(response)[0].startswith("service_request_id:")
    updates = client.get(BASE + "servicerequestupdates.json").json()
    assert {u["service_request_id"] for u in updates} == {shown.reference}


def test_it_shows_the_latest_public_note_and_never_internal_ones(file_request, make_user):
    sr = file_request()
    agent = make_user("agent")
    services.add_note(sr, "Crew scheduled for Monday", public=True, user=agent)
    services.change_status(
        sr, Status.IN_PROGRESS, user=agent, internal_note="suspect is the neighbour"
    )
    services.resident_reply(sr, "My number is different now")
    item = Client().get(BASE + f"requests/{sr.reference}.json").json()[0]
    assert item["status_notes"] == "Crew scheduled for Monday"
    body = Client().get(BASE + "servicerequestupdates.json").content.decode()
    assert "suspect" not in body and "My number" not in body


def test_it_filters_by_status_code_and_ids(file_request, make_user):
    first, second, third = (
        file_request(),
        file_request(service_code="parking", attributes={"blocking": "hydrant"}),
        file_request(),
    )
    services.change_status(
        first, Status.RESOLVED, user=make_user("agent"), public_note="Painted over"
    )
    client = Client()
    assert _ids(client.get(BASE + "requests.json?status=closed")) == [first.reference]
    assert set(_ids(client.get(BASE + "requests.json?status=open"))) == {
        second.reference,
        third.reference,
    }
    assert len(_ids(client.get(BASE + "requests.json?status=open,closed"))) == 3
    assert _ids(client.get(BASE + "requests.json?service_code=parking")) == [second.reference]
    both = client.get(
        BASE + f"requests.json?service_request_id={first.reference},{third.reference.lower()}"
    )
    assert set(_ids(both)) == {first.reference, third.reference}
    response = client.get(BASE + "requests.json?status=pending")
    assert response.status_code == 400
    assert error_descriptions(response)[0].startswith("status:")


@override_settings(BLUEBRIDGE_OPEN311_DEFAULT_DAYS=90)
def test_it_shows_the_last_90_days_unless_asked_for_dates(file_request):
    old, new = file_request(), file_request()
    _age(old, 100)
    client = Client()
    assert _ids(client.get(BASE + "requests.json")) == [new.reference]
    start = (timezone.now() - timedelta(days=120)).date().isoformat()
    end = (timezone.now() - timedelta(days=95)).isoformat()
    assert _ids(client.get(BASE + "requests.json", {"start_date": start, "end_date": end})) == [
        old.reference
    ]
    assert len(_ids(client.get(BASE + "requests.json", {"start_date": start}))) == 2


@pytest.mark.parametrize("name", ["start_date", "end_date", "updated_after", "updated_before"])
def test_it_refuses_bad_dates_naming_the_filter(city, name):
    response = Client().get(BASE + "requests.json", {name: "last tuesday"})
    assert response.status_code == 400
    assert error_descriptions(response)[0].startswith(f"{name}:")


def test_it_refuses_an_end_before_the_start(city):
    response = Client().get(BASE + "requests.xml?start_date=2026-02-01&end_date=2026-01-01")
    assert response.status_code == 400
    assert xml(response).findtext("error/description").startswith("end_date:")


def test_it_pages_through_results(file_request):
    made = [file_request() for _ in range(5)]
    for number, sr in enumerate(made):
        _age(sr, 5 - number)  # made[-1] is the newest
    client = Client()
    newest_first = [sr.reference for sr in reversed(made)]
    assert _ids(client.get(BASE + "requests.json?page_size=2")) == newest_first[:2]
    assert _ids(client.get(BASE + "requests.json?page_size=2&page=2")) == newest_first[2:4]
    assert _ids(client.get(BASE + "requests.json?page_size=2&page=3")) == newest_first[4:]
    assert _ids(client.get(BASE + "requests.json?page_size=2&page=4")) == []


@override_settings(BLUEBRIDGE_OPEN311_MAX_RESULTS=3)
def test_it_caps_results_and_refuses_page_sizes_over_the_maximum(file_request):
    for _ in range(4):
        file_request()
    client = Client()
    assert len(client.get(BASE + "requests.json").json()) == 3
    for query in ("page_size=4", "page_size=0", "page_size=many", "page=0", "page=-1"):
        response = client.get(BASE + "requests.json?" + query)
        assert response.status_code == 400, query
        assert error_descriptions(response)[0].split(":")[0] in {"page", "page_size"}


def test_it_filters_by_updated_after(file_request, make_user):
    quiet, busy = file_request(), file_request()
    _age(quiet, 3)
    _age(busy, 3)
    since = timezone.now() - timedelta(hours=1)
    services.add_note(busy, "On our list", public=True, user=make_user("agent"))
    response = Client().get(BASE + "requests.json", {"updated_after": since.isoformat()})
    assert _ids(response) == [busy.reference]
    response = Client().get(BASE + "requests.json", {"updated_before": since.isoformat()})
    assert _ids(response) == [quiet.reference]


def test_it_answers_a_single_request_and_404_for_unknown_ones(file_request):
    sr = file_request()
    client = Client()
    root = xml(client.get(BASE + f"requests/{sr.reference}.xml"))
    assert (
        root.tag == "service_requests"
        and root.findtext("request/service_request_id") == sr.reference
    )
    assert client.get(BASE + f"requests/{sr.reference}").status_code == 200
    response = client.get(BASE + "requests/BB-NOPE-NOPE.json")
    assert response.status_code == 404
    assert xml(client.get(BASE + "requests/BB-NOPE-NOPE")).tag == "errors"


def test_it_turns_a_token_into_the_request_id(file_request):
    sr = file_request()
    client = Client()
    assert client.get(BASE + f"tokens/{sr.open311_token}.json").json() == [
        {"service_request_id": sr.reference, "token": sr.open311_token}
    ]
    root = xml(client.get(BASE + f"tokens/{sr.open311_token}.xml"))
    assert root.findtext("request/service_request_id") == sr.reference
    assert client.get(BASE + "tokens/unknown.json").status_code == 404


def test_it_feeds_public_updates_with_filters_and_pages(file_request, make_user):
    agent = make_user("agent")
    first, second = file_request(), file_request()
    since = timezone.now()
    services.change_status(first, Status.IN_PROGRESS, user=agent, public_note="Crew on the way")
    services.change_status(first, Status.RESOLVED, user=agent, public_note="Cleaned")
    client = Client()
    everything = client.get(BASE + "servicerequestupdates.json").json()
    assert len(everything) == 4  # two "received" entries and two status changes
    recent = client.get(
        BASE + "servicerequestupdates.json", {"updated_after": since.isoformat()}
    ).json()
    assert [(u["description"], u["status"]) for u in recent] == [
        ("Crew on the way", "open"),
        ("Cleaned", "closed"),
    ]
    assert all(u["service_request_id"] == first.reference for u in recent)
    only_second = client.get(
        BASE + f"servicerequestupdates.json?service_request_id={second.reference}"
    ).json()
    assert [u["description"] for u in only_second] == ["Status: Received"]
    paged = client.get(BASE + "servicerequestupdates.json?page_size=3&page=2").json()
    assert len(paged) == 1
    root = xml(client.get(BASE + "servicerequestupdates.xml"))
    assert root.tag == "service_request_updates"
    assert [child.tag for child in root.find("request_update")] == [
        "update_id",
        "service_request_id",
        "status",
        "updated_datetime",
        "description",
        "media_url",
    ]
    assert client.get(BASE + "servicerequestupdates.json?updated_after=soon").status_code == 400
