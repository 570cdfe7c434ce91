"""POST requests: form, JSON and XML bodies, keys, idempotency, and every kind of bad input."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from bluebridge.servicedesk.models import ServiceRequest
from bluebridge.servicedesk.open311 import keys
from tests.conftest import INSIDE, OUTSIDE
from tests.servicedesk.open311.conftest import BASE, error_descriptions, xml

pytestmark = pytest.mark.django_db


def _form(key: str, **extra: str) -> dict[str, str]:
    fields = {
        "api_key": key,
        "service_code": "noise",
        "lat": str(INSIDE[0]),
        "long": str(INSIDE[1]),
        "attribute[noise_type]": "music",
        "description": "Party every night",
    }
    fields.update(extra)
    return fields


def test_it_files_a_form_encoded_request_as_the_standard_says(city, open311_key):
    response = Client().post(
        BASE + "requests.json", _form(open311_key, email="ana@example.org", account_id="acc-9")
    )
    assert response.status_code == 201, response.content
    [item] = response.json()
    sr = ServiceRequest.objects.get(reference=item["service_request_id"])
    assert item["token"] == sr.open311_token
    assert item["account_id"] == "acc-9"
    assert sr.reference in item["service_notice"] and "/track/" in item["service_notice"]
    assert sr.channel == "open311" and sr.api_key is not None and sr.api_key.name == "test client"
    assert sr.attributes == {"noise_type": "music"}
    assert sr.email == "ana@example.org" and sr.area is not None


def test_it_answers_xml_for_a_path_without_suffix(city, open311_key):
    response = Client().post(BASE + "requests", _form(open311_key))
    assert response.status_code == 201
    root = xml(response)
    assert root.tag == "service_requests"
    request = root.find("request")
    assert request is not None
    assert {child.tag for child in request} >= {
        "service_request_id",
        "token",
        "service_notice",
        "account_id",
    }


def test_it_accepts_a_json_body_with_a_multivaluelist(city, open311_key):
    body = {
        "api_key": open311_key,
        "service_code": "traffic-enforcement",
        "lat": INSIDE[0],
        "long": INSIDE[1],
        "attribute": {"time_of_day": ["morning", "evening"]},
    }
    response = Client().post(
        BASE + "requests.json", json.dumps(body), content_type="application/json"
    )
    assert response.status_code == 201, response.content
    sr = ServiceRequest.objects.get(reference=response.json()[0]["service_request_id"])
    assert sr.attributes == {"time_of_day": ["morning", "evening"]}


def test_it_accepts_form_multivaluelist_with_brackets(city, open311_key):
    body = (
        f"api_key={open311_key}&service_code=traffic-enforcement&lat={INSIDE[0]}&long={INSIDE[1]}"
        "&attribute[time_of_day][]=morning&attribute[time_of_day][]=overnight"
    )
    response = Client().post(
        BASE + "requests.json", body, content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 201, response.content
    sr = ServiceRequest.objects.get()
    assert sr.attributes == {"time_of_day": ["morning", "overnight"]}


def test_it_accepts_an_xml_body(city, open311_key):
    body = (
        f"<request><api_key>{open311_key}</api_key><service_code>noise</service_code>"
        f"<lat>{INSIDE[0]}</lat><long>{INSIDE[1]}</long>"
        "<attribute><noise_type>animal</noise_type></attribute></request>"
    )
    response = Client().post(BASE + "requests.xml", body, content_type="text/xml")
    assert response.status_code == 201, response.content
    assert ServiceRequest.objects.get().attributes == {"noise_type": "animal"}


def test_it_refuses_a_missing_unknown_or_revoked_key_with_403(city, open311_key):
    client = Client()
    missing = _form(open311_key)
    del missing["api_key"]
    response = client.post(BASE + "requests.json", missing)
    assert response.status_code == 403
    assert "api_key" in error_descriptions(response)[0]

    response = client.post(BASE + "requests.json", _form("o311_not-a-real-key"))
    assert response.status_code == 403

    key = keys.find(open311_key[:8])
    # This one caches the key lookup; revoking must forget it.
    assert client.post(BASE + "requests.json", _form(open311_key)).status_code == 201
    keys.revoke(key)
    response = client.post(BASE + "requests.xml", _form(open311_key))
    assert response.status_code == 403
    root = xml(response)
    assert root.tag == "errors" and root.find("error/code").text == "403"
    assert ServiceRequest.objects.count() == 1


@pytest.mark.parametrize(
    ("extra", "field"),
    [
        ({"service_code": "no-such-thing"}, "service_code"),
        ({"service_code": ""}, "service_code"),
        ({"lat": "north"}, "lat"),
        ({"lat": "95"}, "lat"),
        ({"long": "-200"}, "long"),
        ({"lat": str(OUTSIDE[0]), "long": str(OUTSIDE[1])}, "location"),
        ({"attribute[noise_type]": "opera"}, "attribute[noise_type]"),
        ({"attribute[colour]": "red"}, "attribute[colour]"),
        ({"email": "not-an-email"}, "email"),
        ({"address_id": "x" * 65}, "address_id"),
        ({"description": "bad\x00byte"}, "description"),
        ({"media_url": "javascript:alert(1)"}, "media_url"),
    ],
)
def test_it_names_the_bad_field_and_stores_nothing(city, open311_key, extra, field):
    response = Client().post(BASE + "requests.json", _form(open311_key, **extra))
    assert response.status_code == 400, response.content
    assert any(text.startswith(f"{field}:") for text in error_descriptions(response)), (
        response.content
    )
    assert not ServiceRequest.objects.exists()


def test_it_gives_one_error_entry_per_bad_field(city, open311_key):
    response = Client().post(BASE + "requests.json", _form(open311_key, lat="x", email="nope"))
    assert response.status_code == 400
    descriptions = error_descriptions(response)
    assert len(descriptions) == 2
    assert {d.split(":")[0] for d in descriptions} == {"lat", "email"}


@pytest.mark.parametrize(
    ("body", "content_type"),
    [
        (b'{"service_code": "noise", ', "application/json"),
        (b'["noise"]', "application/json"),
        (b'{"service_code": {"nested": 1}}', "application/json"),
        (b'{"attribute": "music"}', "application/json"),
        (b"<request><service_code>noise</request>", "text/xml"),
        (b'<!DOCTYPE r [<!ENTITY a "aaaa">]><r>&a;</r>', "application/xml"),
        (b"service_code=noise&description=caf\xe9", "application/x-www-form-urlencoded"),
        (b"service_code=noise&description=%FF%FE", "application/x-www-form-urlencoded"),
        (b'{"service_code": "caf\xe9"}', "application/json"),
    ],
)
def test_it_answers_400_for_unreadable_bodies(city, open311_key, body, content_type):
    response = Client().post(
        BASE + f"requests.json?api_key={open311_key}", body, content_type=content_type
    )
    assert response.status_code == 400, response.content
    assert error_descriptions(response)
    assert not ServiceRequest.objects.exists()


def test_it_reads_the_api_key_from_the_query_string_for_raw_bodies(city, open311_key):
    response = Client().post(
        BASE + f"requests.json?api_key={open311_key}",
        b"service_code=noise&description=caf\xe9",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 400
    assert "UTF-8" in error_descriptions(response)[0]


def test_it_creates_one_request_for_a_retry_with_the_same_idempotency_key(city, open311_key):
    client = Client()
    first = client.post(BASE + "requests.json", _form(open311_key), HTTP_IDEMPOTENCY_KEY="retry-1")
    second = client.post(BASE + "requests.json", _form(open311_key), HTTP_IDEMPOTENCY_KEY="retry-1")
    assert (first.status_code, second.status_code) == (201, 200)
    assert first.content == second.content
    assert ServiceRequest.objects.count() == 1
    third = client.post(BASE + "requests.json", _form(open311_key), HTTP_IDEMPOTENCY_KEY="retry-2")
    assert third.status_code == 201
    assert ServiceRequest.objects.count() == 2


def test_it_refuses_an_overlong_idempotency_key(city, open311_key):
    response = Client().post(
        BASE + "requests.json", _form(open311_key), HTTP_IDEMPOTENCY_KEY="k" * 101
    )
    assert response.status_code == 400
    assert error_descriptions(response)[0].startswith("Idempotency-Key:")


def test_it_answers_405_in_the_standard_format(city):
    response = Client().put(BASE + "services.json")
    assert response.status_code == 405
    assert error_descriptions(response)


def test_it_keeps_the_post_path_lean(city, open311_key, django_assert_max_num_queries):
    client = Client()
    client.post(BASE + "requests.json", _form(open311_key))  # warms the key and area caches
    with django_assert_max_num_queries(14):
        response = client.post(BASE + "requests.json", _form(open311_key))
    assert response.status_code == 201


def test_it_accepts_multipart_form_data(city, open311_key):
    # Django's test client sends a dict as multipart/form-data.
    response = Client().post(BASE + "requests.json", _form(open311_key))
    assert response.status_code == 201
    assert ServiceRequest.objects.get().attributes == {"noise_type": "music"}


def test_it_answers_413_for_a_body_over_the_upload_limit(city, open311_key):
    body = '{"service_code": "noise", "description": "' + "x" * (1024 * 1024 + 10) + '"}'
    response = Client().post(
        BASE + f"requests.xml?api_key={open311_key}", body, content_type="application/json"
    )
    assert response.status_code == 413
    assert xml(response).findtext("error/code") == "413"
    assert not ServiceRequest.objects.exists()
