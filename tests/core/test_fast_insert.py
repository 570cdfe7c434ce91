"""One-statement inserts on PostgreSQL write exactly the rows the ORM would write."""

from __future__ import annotations

from typing import Any

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext

from bluebridge.core.models import AuditEvent
from bluebridge.servicedesk.models import RequestUpdate, ServiceRequest

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="data-modifying CTEs are used on PostgreSQL only"
)

FIELDS_SET_BY_THE_DATABASE = {"id", "created_at", "updated_at", "at"}


def _row(obj: Any) -> dict[str, Any]:
    return {
        f.attname: getattr(obj, f.attname)
        for f in obj._meta.concrete_fields
        if f.attname not in FIELDS_SET_BY_THE_DATABASE
    }


def test_it_files_a_request_without_a_notice_in_one_statement(file_request: Any) -> None:
    with CaptureQueriesContext(connection) as queries:
        sr = file_request(email="", contact_preference="none")
    writes = [q["sql"] for q in queries.captured_queries if "INSERT" in q["sql"]]
    assert len(writes) == 1 and writes[0].startswith("WITH")
    stored = ServiceRequest.objects.get(pk=sr.pk)
    assert _row(stored) == _row(sr)
    update = RequestUpdate.objects.get(request=stored)
    assert (update.kind, update.status_to, update.public) == ("created", "received", True)
    event = AuditEvent.objects.get(object_type="service_request", object_ref=sr.reference)
    assert event.action == "create" and event.changes["category"] == "graffiti"


def test_it_writes_the_same_rows_as_the_orm_when_a_notice_is_queued(file_request: Any) -> None:
    sr = file_request(email="resident@example.org", contact_preference="email")
    stored = ServiceRequest.objects.get(pk=sr.pk)
    assert stored.email == "resident@example.org"
    assert RequestUpdate.objects.filter(request=stored, kind="created").count() == 1
    assert AuditEvent.objects.filter(object_ref=sr.reference).count() == 1


@pytest.mark.skipif(
    not settings.BLUEBRIDGE_PREPARED_STATEMENTS, reason="BLUEBRIDGE_PREPARED_STATEMENTS is off"
)
def test_it_prepares_the_statement_once_per_connection(file_request: Any) -> None:
    file_request(email="", contact_preference="none")
    file_request(email="", contact_preference="none")
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_prepared_statements WHERE statement LIKE 'WITH _p AS %%'"
        )
        (prepared,) = cursor.fetchone()
    assert prepared == 1
