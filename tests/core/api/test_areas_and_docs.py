"""Area lookup, and the API documentation listing each operation's roles."""

from __future__ import annotations

import pytest
from django.test import Client

from bluebridge.api import api
from bluebridge.core import roles
from tests.conftest import INSIDE, OUTSIDE

pytestmark = pytest.mark.django_db


def test_it_finds_the_beat_and_district_of_a_point(city, api_as):
    client, _ = api_as(roles.ANALYST)
    response = client.get("/api/areas/lookup", {"lat": INSIDE[0], "lon": INSIDE[1]})
    assert response.status_code == 200
    assert response.json() | {"unit": None} == {
        "code": "B1",
        "name": "West",
        "kind": "beat",
        "district": "D1",
        "unit": None,
    }


def test_it_answers_404_outside_every_area(city, api_as):
    client, _ = api_as(roles.OFFICER)
    response = client.get("/api/areas/lookup", {"lat": OUTSIDE[0], "lon": OUTSIDE[1]})
    assert response.status_code == 404


@pytest.mark.parametrize(
    "params",
    [
        {"lat": "north", "lon": "-90"},
        {"lat": "40"},
        {"lat": "95", "lon": "-90"},
        {"lat": "nan", "lon": "1"},
    ],
)
def test_it_answers_422_for_bad_numbers(city, api_as, params):
    client, _ = api_as(roles.AGENT)
    response = client.get("/api/areas/lookup", params)
    assert response.status_code == 422


def test_it_renders_the_api_docs_with_roles():
    assert Client().get("/api/docs").status_code == 200
    response = Client().get("/api/openapi.json")
    assert response.status_code == 200
    paths = response.json()["paths"]
    expected = {
        ("get", "/api/tokens"),
        ("post", "/api/tokens"),
        ("delete", "/api/tokens/{token_id}"),
        ("get", "/api/audit"),
        ("get", "/api/areas/lookup"),
        ("get", "/api/requests"),
        ("get", "/api/requests/{reference}"),
        ("post", "/api/requests/{reference}/status"),
        ("post", "/api/requests/{reference}/notes"),
        ("post", "/api/requests/{reference}/assign"),
        ("get", "/api/categories"),
    }
    for method, path in expected:
        operation = paths[path][method]
        assert operation["summary"]
        assert operation["description"].startswith("**Roles:**"), (method, path)
    audit = paths["/api/audit"]["get"]["description"]
    assert roles.ROLES[roles.ADMIN] in audit and roles.ROLES[roles.AGENT] not in audit
    assert api.get_openapi_schema()["info"]["title"] == "Bluebridge API"
