"""The full-page chat at /assistant/ works without JavaScript, and the widget is on public pages."""

from __future__ import annotations

from typing import Any

from django.test import Client


def test_it_answers_in_the_page_without_javascript(kb: Any) -> None:
    client = Client()
    page = client.get("/assistant/")
    assert page.status_code == 200
    assert "not monitored for emergencies" in page.content.decode()
    response = client.post("/assistant/", {"text": "where can I get fingerprinted"})
    assert response.status_code == 302
    page = client.get("/assistant/").content.decode()
    assert "Fingerprinting is by appointment" in page
    assert 'name="action" value="helpful"' in page


def test_the_buttons_work_as_plain_forms(kb: Any) -> None:
    client = Client()
    client.post("/assistant/", {"text": "where can I get fingerprinted"})
    page = client.get("/assistant/").content.decode()
    start = page.index('value="helpful"')
    value = page[start:].split('name="value" value="', 1)[1].split('"', 1)[0]
    client.post("/assistant/", {"action": "helpful", "value": value, "text": "Yes"})
    assert "Thank you!" in client.get("/assistant/").content.decode()


def test_an_empty_message_shows_an_error_and_keeps_the_page(kb: Any) -> None:
    response = Client().post("/assistant/", {"text": "  "})
    assert response.status_code == 400
    assert "write a message" in response.content.decode()


def test_public_pages_carry_the_widget_and_staff_pages_do_not(kb: Any, staff_client: Any) -> None:
    home = Client().get("/").content.decode()
    assert "data-assistant" in home and "assistant/widget.js" in home
    staff = staff_client("agent").get("/staff/assistant/inbox/").content.decode()
    assert "data-assistant" not in staff
