"""Residents can complain in Spanish: the form, the errors and the tracking page."""

from __future__ import annotations

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def test_it_shows_the_complaint_form_and_its_errors_in_spanish(city: None) -> None:
    client = Client(headers={"accept-language": "es"})
    client.cookies["django_language"] = "es"
    page = client.get("/complaints/new/").content.decode()
    assert "Presentar una queja" in page and "Salida rápida" in page
    response = client.post("/complaints/new/", {"description": ""})
    assert response.status_code == 400 and "cuéntenos qué pasó" in response.content.decode()
