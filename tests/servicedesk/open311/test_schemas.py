"""Real JSON responses validated against the JSON Schemas written from the GeoReport v2 text."""

from __future__ import annotations

import json

import pytest
from django.test import Client
from jsonschema import Draft202012Validator, FormatChecker

from tests.conftest import INSIDE
from tests.servicedesk.open311.conftest import BASE, SCHEMAS, schema

pytestmark = pytest.mark.django_db


def _check(name: str, data: object) -> None:
    validator = Draft202012Validator(schema(name), format_checker=FormatChecker())
    problems = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(data)]
    assert not problems, problems


def test_the_schemas_are_valid_draft_2020_12():
    names = sorted(p.stem for p in SCHEMAS.glob("*.json"))
    assert names == [
        "discovery",
        "errors",
        "request_posted",
        "requests",
        "service_definition",
        "servicerequestupdates",
        "services",
        "token",
    ]
    for path in SCHEMAS.glob("*.json"):
        document = json.loads(path.read_text(encoding="utf-8"))
        assert document["$schema"] == "https://json-schema.org/draft/2020-12/schema"
        Draft202012Validator.check_schema(document)


def test_every_json_response_matches_its_schema(city, open311_key):
    client = Client()
    _check("discovery", client.get(BASE + "discovery.json").json())
    _check("services", client.get(BASE + "services.json").json())
    for code in ("noise", "traffic-enforcement", "found-property"):
        _check("service_definition", client.get(BASE + f"services/{code}.json").json())
    posted = client.post(
        BASE + "requests.json",
        {
            "api_key": open311_key,
            "service_code": "noise",
            "lat": INSIDE[0],
            "long": INSIDE[1],
            "attribute[noise_type]": "music",
        },
    )
    _check("request_posted", posted.json())
    item = posted.json()[0]
    client.post(
        BASE + "requests.json",
        {"api_key": open311_key, "service_code": "found-property", "description": "keys"},
    )  # one without a location: lat and long are null
    _check("token", client.get(BASE + f"tokens/{item['token']}.json").json())
    requests = client.get(BASE + "requests.json").json()
    assert len(requests) == 2 and {r["lat"] is None for r in requests} == {True, False}
    _check("requests", requests)
    _check("requests", client.get(BASE + f"requests/{item['service_request_id']}.json").json())
    _check("servicerequestupdates", client.get(BASE + "servicerequestupdates.json").json())
    for response in (
        client.get(BASE + "services/nope.json"),
        client.post(BASE + "requests.json", {"service_code": "noise"}),
        client.post(
            BASE + "requests.json", {"api_key": open311_key, "service_code": "noise", "lat": "x"}
        ),
        client.get(BASE + "requests.json?page_size=0"),
    ):
        assert response.status_code >= 400
        _check("errors", response.json())
