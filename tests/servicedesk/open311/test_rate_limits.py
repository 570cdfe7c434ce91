"""Rate limits: anonymous clients by IP, Open311 keys and staff tokens with their own limits."""

from __future__ import annotations

import json

import pytest
from django.http import HttpRequest, HttpResponse
from django.test import Client, RequestFactory, override_settings

from bluebridge.core.ratelimit import rate_limited
from bluebridge.servicedesk.open311 import keys
from tests.conftest import INSIDE
from tests.servicedesk.open311.conftest import BASE, error_descriptions, xml

pytestmark = pytest.mark.django_db


@override_settings(BLUEBRIDGE_RATE_LIMIT_PUBLIC=(2, 60), BLUEBRIDGE_RATE_LIMIT_KEY=(5, 60))
def test_it_limits_anonymous_clients_by_ip_with_the_standard_error_list(city):
    client = Client()
    assert client.get(BASE + "services.json").status_code == 200
    assert client.get(BASE + "services.json").status_code == 200
    response = client.get(BASE + "services.json")
    assert response.status_code == 429
    assert int(response["Retry-After"]) >= 1
    assert "limit" in error_descriptions(response)[0]
    root = xml(client.get(BASE + "services.xml"))
    assert root.tag == "errors" and root.findtext("error/code") == "429"
    other = Client(REMOTE_ADDR="10.1.2.3")
    assert other.get(BASE + "services.json").status_code == 200


@override_settings(BLUEBRIDGE_RATE_LIMIT_PUBLIC=(1, 60), BLUEBRIDGE_RATE_LIMIT_KEY=(3, 60))
def test_it_gives_a_key_its_own_higher_limit(city, open311_key):
    client = Client()
    assert client.get(BASE + "services.json").status_code == 200
    assert client.get(BASE + "services.json").status_code == 429
    form = {
        "api_key": open311_key,
        "service_code": "noise",
        "lat": INSIDE[0],
        "long": INSIDE[1],
        "attribute[noise_type]": "music",
    }
    statuses = [client.post(BASE + "requests.json", form).status_code for _ in range(4)]
    assert statuses == [201, 201, 201, 429]
    assert [client.get(BASE + f"services.json?api_key={open311_key}").status_code] == [429]


@override_settings(BLUEBRIDGE_RATE_LIMIT_PUBLIC=(1, 60), BLUEBRIDGE_RATE_LIMIT_KEY=(100, 60))
def test_it_uses_the_rate_limit_set_on_a_key(city):
    _key, secret = keys.issue("slow partner", rate_limit=2)
    client = Client()
    statuses = [client.get(BASE + f"services.json?api_key={secret}").status_code for _ in range(3)]
    assert statuses == [200, 200, 429]


@override_settings(BLUEBRIDGE_RATE_LIMIT_PUBLIC=(1, 60), BLUEBRIDGE_RATE_LIMIT_KEY=(2, 60))
def test_it_gives_a_staff_token_its_own_limit(city, make_user, token_for):
    secret = token_for(make_user("agent"))
    client = Client(HTTP_AUTHORIZATION=f"Bearer {secret}")
    statuses = [client.get(BASE + "services.json").status_code for _ in range(3)]
    assert statuses == [200, 200, 429]


@override_settings(BLUEBRIDGE_RATE_LIMIT_PUBLIC=(1, 60))
def test_the_decorator_answers_people_in_plain_text_and_apis_in_json(db):
    @rate_limited("test-scope")
    def view(request: HttpRequest) -> HttpResponse:
        return HttpResponse("ok")

    factory = RequestFactory()
    assert view(factory.get("/report/")).status_code == 200
    page = view(factory.get("/report/"))
    assert page.status_code == 429 and page["Content-Type"].startswith("text/plain")
    assert b"Try again" in page.content and page["Retry-After"]
    api = view(factory.get("/report/", HTTP_ACCEPT="application/json"))
    assert api.status_code == 429 and json.loads(api.content)[0]["code"] == 429
