"""The Django admin: the audit log read-only for everyone; the catalogue records who changed it."""

from __future__ import annotations

import json

import pytest
from django.contrib.auth.models import User
from django.test import Client

from bluebridge.core import audit
from bluebridge.core.models import AuditEvent
from bluebridge.servicedesk.models import Open311ApiKey, ServiceCategory

pytestmark = pytest.mark.django_db


@pytest.fixture
def superuser_client() -> Client:
    user = User.objects.create_superuser("root", "root@example.org", "a-long-test-password")
    client = Client()
    client.force_login(user)
    return client


def test_it_shows_the_audit_log_read_only_even_to_superusers(superuser_client):
    event = audit.record(AuditEvent.VIEW, "service_request", "BB-AAAA-0001", summary="seen")
    listing = superuser_client.get("/django-admin/core/auditevent/", {"q": "BB-AAAA"})
    assert listing.status_code == 200 and "BB-AAAA-0001" in listing.content.decode()
    assert superuser_client.get("/django-admin/core/auditevent/add/").status_code == 403
    detail = superuser_client.get(f"/django-admin/core/auditevent/{event.pk}/change/")
    assert detail.status_code == 200 and 'name="_save"' not in detail.content.decode()
    post = superuser_client.post(
        f"/django-admin/core/auditevent/{event.pk}/change/", {"summary": "rewritten"}
    )
    assert post.status_code == 403
    assert (
        superuser_client.get(f"/django-admin/core/auditevent/{event.pk}/delete/").status_code == 403
    )
    assert AuditEvent.objects.get(pk=event.pk).summary == "seen"


def test_it_records_who_changed_a_category_in_the_admin(city, superuser_client):
    category = ServiceCategory.objects.get(code="graffiti")
    page = superuser_client.get(f"/django-admin/servicedesk/servicecategory/{category.pk}/change/")
    assert page.status_code == 200
    form = page.context["adminform"].form
    data = {
        name: ("" if value is None else value)
        for name, value in form.initial.items()
        if name in form.fields
    }
    data.update({"name": "Graffiti and tagging", "routing_unit": category.routing_unit_id})
    inline = page.context["inline_admin_formsets"][0].formset
    data.update({f"{inline.prefix}-TOTAL_FORMS": "0", f"{inline.prefix}-INITIAL_FORMS": "0"})
    for attr in category.attributes.all():
        data[f"{inline.prefix}-TOTAL_FORMS"] = str(int(data[f"{inline.prefix}-TOTAL_FORMS"]) + 1)
        data[f"{inline.prefix}-INITIAL_FORMS"] = data[f"{inline.prefix}-TOTAL_FORMS"]
        index = int(data[f"{inline.prefix}-TOTAL_FORMS"]) - 1
        for field in (
            "id",
            "category",
            "code",
            "label",
            "label_es",
            "datatype",
            "order",
            "datatype_description",
            "values",
        ):
            value = getattr(attr, field if field not in ("category",) else "category_id")
            data[f"{inline.prefix}-{index}-{field}"] = (
                json.dumps(value) if field == "values" else value
            )
        data[f"{inline.prefix}-{index}-id"] = attr.pk
        data[f"{inline.prefix}-{index}-required"] = "on" if attr.required else ""
        data[f"{inline.prefix}-{index}-variable"] = "on" if attr.variable else ""
    for key in [k for k, v in data.items() if v is False]:
        del data[key]
    response = superuser_client.post(
        f"/django-admin/servicedesk/servicecategory/{category.pk}/change/", data
    )
    assert response.status_code == 302, (
        response.context["adminform"].form.errors if response.context else ""
    )
    category.refresh_from_db()
    assert category.name == "Graffiti and tagging"
    assert category.updated_by.username == "root"


def test_it_keeps_open311_key_hashes_read_only(superuser_client, open311_key):
    key = Open311ApiKey.objects.get()
    page = superuser_client.get(f"/django-admin/servicedesk/open311apikey/{key.pk}/change/")
    assert page.status_code == 200
    assert 'name="key_hash"' not in page.content.decode()
    assert superuser_client.get("/django-admin/servicedesk/open311apikey/add/").status_code == 403


def test_it_lists_every_registered_model(superuser_client):
    for path in (
        "core/apitoken",
        "core/unit",
        "core/area",
        "core/officer",
        "core/holiday",
        "core/notification",
        "core/profile",
        "servicedesk/servicecategory",
        "servicedesk/servicerequest",
        "servicedesk/open311apikey",
    ):
        assert superuser_client.get(f"/django-admin/{path}/").status_code == 200, path
