"""The importer streams: it writes each batch before it reads the rows of the next one."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from bluebridge.forecasting.dbmodels import Incident
from bluebridge.forecasting.importers import import_lines

pytestmark = pytest.mark.django_db


def test_it_consumes_an_iterator_in_batches_in_bounded_memory(city):
    batch_size, total = 50, 260
    stored_when_read: dict[int, int] = {}

    def lines() -> Iterator[str]:
        yield "id,occurred_at,offense,lat,lon\n"
        for n in range(total):
            # How many incidents the database holds at the moment row n is handed over.
            stored_when_read[n] = Incident.objects.count()
            yield f"r{n},2024-01-{1 + n % 28:02d}T10:00:00,theft,40.01,-90.01\n"

    batch = import_lines(lines(), file_name="stream.csv", format="common", batch_size=batch_size)
    assert batch.rows_loaded == total
    # Row n is read after exactly (n // batch_size) full batches have been written, never later.
    for n, stored in stored_when_read.items():
        assert stored == (n // batch_size) * batch_size, n


def test_it_keeps_the_batches_already_written_when_the_file_breaks_midway(city):
    def lines() -> Iterator[str]:
        yield "id,occurred_at,offense,lat,lon\n"
        for n in range(120):
            yield f"r{n},2024-01-02T10:00:00,theft,40.01,-90.01\n"
        raise UnicodeDecodeError("utf-8", b"\xff", 0, 1, "invalid start byte")

    batch = import_lines(lines(), file_name="broken.csv", format="common", batch_size=50)
    assert batch.status == "failed" and "line 121" in batch.message
    assert Incident.objects.count() == 100  # the two full batches; the partial one is lost
    assert batch.rows_loaded == 100
