"""The third-party Open311 client from PyPI (`georeport`) against a live server, in XML and JSON.

georeport 0.3.1 reads (discovery is not in it, nor POST): those two go over plain HTTP (urllib).
"""

from __future__ import annotations

import json
import urllib.error
import urllib.parse
import urllib.request
from xml.etree import ElementTree as ET

import pytest
from georeport import GeoReport

from bluebridge.servicedesk.models import ServiceRequest
from tests.conftest import INSIDE


def _post(url: str, fields: dict[str, str]) -> tuple[int, bytes]:
    data = urllib.parse.urlencode(fields).encode()
    request = urllib.request.Request(url, data=data, method="POST")  # noqa: S310 (our live server)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
            return response.status, response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read()


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("fmt", ["xml", "json"])
def test_the_georeport_client_works_unchanged(city, open311_key, live_server, monkeypatch, fmt):
    monkeypatch.setenv("NO_PROXY", "*")
    root = f"{live_server.url}/open311/v2"
    client = GeoReport(root, output_format=fmt)

    with urllib.request.urlopen(f"{root}/discovery.{fmt}", timeout=10) as response:  # noqa: S310
        body = response.read()
    if fmt == "json":
        endpoint_count = len(json.loads(body)["endpoints"])
    else:
        endpoint_count = len(ET.fromstring(body).findall("endpoints/endpoint"))  # noqa: S314
    assert endpoint_count == 1

    services = client.get_service_list()
    assert "noise" in [s["service_code"] for s in services]

    definition = client.get_service_definition("noise")
    assert definition["service_code"] == "noise"
    attributes = definition["attributes"]
    first = attributes[0] if fmt == "json" else attributes["attribute"][0]
    assert first["code"] == "noise_type"

    status, body = _post(
        f"{root}/requests.{fmt}",
        {
            "api_key": open311_key,
            "service_code": "noise",
            "lat": str(INSIDE[0]),
            "long": str(INSIDE[1]),
            "attribute[noise_type]": "music",
            "description": "Loud party",
        },
    )
    assert status == 201, body
    if fmt == "json":
        reference = json.loads(body)[0]["service_request_id"]
    else:
        reference = ET.fromstring(body).findtext("request/service_request_id")  # noqa: S314
    assert ServiceRequest.objects.filter(reference=reference, channel="open311").exists()

    one = client.get_service_request(reference)
    assert one["service_request_id"] == reference and one["status"] == "open"
    assert one["description"] == "Loud party"

    found = client.get_service_requests(service_code="noise", status="open")
    # xmltodict gives a dict, not a list, for a single item.
    items = found if isinstance(found, list) else [found]
    assert reference in [item["service_request_id"] for item in items]
    by_id = client.get_service_requests(service_request_id=reference)
    by_id_items = by_id if isinstance(by_id, list) else [by_id]
    assert [item["service_request_id"] for item in by_id_items] == [reference]

    status, body = _post(f"{root}/requests.{fmt}", {"service_code": "noise"})
    assert status == 403
