"""Discovery, services and service definitions, in XML (also without a suffix) and JSON."""

from __future__ import annotations

import pytest
from django.test import Client

from bluebridge.servicedesk.models import ServiceCategory
from tests.servicedesk.open311.conftest import BASE, error_descriptions, xml

pytestmark = pytest.mark.django_db


def test_it_describes_itself_in_discovery(city):
    client = Client()
    data = client.get(BASE + "discovery.json").json()
    [endpoint] = data["endpoints"]
    assert endpoint["url"].endswith("/open311/v2")
    assert endpoint["formats"] == ["text/xml", "application/json"]
    for path in ("discovery.xml", "discovery"):
        root = xml(client.get(BASE + path))
        assert root.tag == "discovery"
        assert [f.text for f in root.findall("endpoints/endpoint/formats/format")] == [
            "text/xml",
            "application/json",
        ]


def test_it_lists_active_services_in_both_formats(city):
    ServiceCategory.objects.filter(code="graffiti").update(active=False)
    client = Client()
    services = client.get(BASE + "services.json").json()
    codes = [s["service_code"] for s in services]
    assert "noise" in codes and "graffiti" not in codes
    noise = next(s for s in services if s["service_code"] == "noise")
    assert noise == {
        "service_code": "noise",
        "service_name": "Noise complaint",
        "description": "Loud music, parties, barking dogs or other ongoing noise.",
        "metadata": True,
        "type": "realtime",
        "keywords": "",
        "group": "Neighborhood",
    }
    found = next(s for s in services if s["service_code"] == "found-property")
    assert found["metadata"] is False
    root = xml(client.get(BASE + "services"))
    assert root.tag == "services"
    assert [s.findtext("service_code") for s in root.findall("service")] == codes
    assert root.find("service/metadata").text == "true"


def test_it_speaks_spanish_when_asked(city):
    services = Client().get(BASE + "services.json?locale=es").json()
    assert (
        next(s for s in services if s["service_code"] == "noise")["service_name"]
        == "Queja por ruido"
    )


def test_it_defines_a_service_with_its_attributes(city):
    client = Client()
    data = client.get(BASE + "services/noise.json").json()
    assert data["service_code"] == "noise"
    first = data["attributes"][0]
    assert first["code"] == "noise_type" and first["datatype"] == "singlevaluelist"
    assert first["required"] is True and first["variable"] is True and first["order"] == 1
    assert first["description"] == "What kind of noise?"
    assert {"key": "music", "name": "Music or party"} in first["values"]
    root = xml(client.get(BASE + "services/noise.xml"))
    assert root.tag == "service_definition"
    attribute = root.find("attributes/attribute")
    assert [c.tag for c in attribute] == [
        "variable",
        "code",
        "datatype",
        "required",
        "datatype_description",
        "order",
        "description",
        "values",
    ]
    assert attribute.find("values/value/key").text == "music"
    assert attribute.find("values/value/name").text == "Music or party"


@pytest.mark.parametrize(
    "path", ["services/unknown.json", "services/unknown.xml", "services/unknown"]
)
def test_it_answers_404_for_an_unknown_service(city, path):
    response = Client().get(BASE + path)
    assert response.status_code == 404
    if path.endswith(".json"):
        assert error_descriptions(response)[0].startswith("service_code:")
    else:
        root = xml(response)
        assert root.tag == "errors" and root.findtext("error/code") == "404"


def test_it_survives_odd_query_strings(city):
    response = Client().get(BASE + "requests.json?start_date=%FF%FE&service_code=%00")
    assert response.status_code == 400
    assert error_descriptions(response)[0].startswith("start_date:")
