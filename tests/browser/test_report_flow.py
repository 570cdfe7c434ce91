"""A resident reports an issue in the browser, gets a reference and opens the tracking link."""

from __future__ import annotations

import re

import pytest

from bluebridge.servicedesk.models import ServiceRequest

pytestmark = pytest.mark.browser


def test_it_takes_a_resident_from_the_form_to_the_tracking_page(city, page):
    page.goto("/report/")
    page.get_by_label("Noise complaint").check()
    # HTMX loads the category's questions
    page.get_by_label("Music or party").check()
    page.get_by_label("Address or place").fill("12 Main St")
    page.get_by_label("What is happening?").fill("Loud music every night after midnight")
    page.get_by_label("By e-mail").check()
    page.get_by_label("E-mail address").fill("rosa@example.org")
    page.get_by_role("button", name="Send report").click()

    page.wait_for_url(re.compile(r"/report/done/"))
    reference = page.locator("#reference").inner_text()
    sr = ServiceRequest.objects.get()
    assert reference == sr.reference
    assert sr.attributes["noise_type"] == "music"
    assert sr.address == "12 Main St"

    page.locator("#tracking-link").click()
    page.wait_for_url(re.compile(r"/track/"))
    assert page.locator("h1").inner_text() == f"Report {reference}"
    assert "Report received" in page.locator("#timeline").inner_text()

    page.get_by_label("Your message").fill("It started again tonight")
    page.get_by_role("button", name="Send message").click()
    assert "We added your message" in page.locator("#message-sent").inner_text()


def test_it_puts_a_pin_on_the_map_and_never_traps_the_keyboard(city, page):
    page.goto("/report/?service=graffiti")
    page.locator("#map").click()
    assert page.locator("#id_lat").input_value() != ""
    assert "Pin placed" in page.locator("#pin-status").inner_text()
    page.locator("#map").focus()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") != "map"
    page.get_by_role("button", name="Remove the pin").click()
    assert page.locator("#id_lat").input_value() == ""


def test_it_warns_live_about_an_emergency_while_typing(city, page):
    page.goto("/report/")
    page.get_by_label("What is happening?").press_sequentially("a man has a gun", delay=10)
    page.locator("#live-screen").get_by_role("heading", name="Call 911 now").wait_for()


def test_it_focuses_the_error_summary_and_links_to_the_field(city, page):
    page.goto("/report/?service=graffiti")
    page.get_by_role("button", name="Send report").click()
    page.wait_for_load_state()
    assert page.evaluate("document.activeElement.id") == "error-summary"
    page.locator("#error-summary").get_by_role("link", name=re.compile("Description")).click()
    assert page.evaluate("document.activeElement.id") == "id_description"


def test_it_works_in_spanish(city, new_page):
    page = new_page("es")
    page.goto("/report/")
    assert page.locator("html").get_attribute("lang") == "es"
    page.get_by_label("Grafiti").check()
    # HTMX loads the category's questions; sending before they arrive asks for them first
    page.locator("#service-questions input[name='shown_service'][value='graffiti']").wait_for(
        state="attached"
    )
    page.get_by_label("Dirección o lugar").fill("Calle Principal 12")
    page.get_by_label("¿Qué está pasando?").fill("Pintas en la pared de la biblioteca")
    page.get_by_role("button", name="Enviar reporte").click()
    page.wait_for_url(re.compile(r"/report/done/"))
    assert "Gracias" in page.locator("h1").inner_text()
    assert ServiceRequest.objects.get().language == "es"
