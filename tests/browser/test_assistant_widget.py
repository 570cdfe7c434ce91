"""The assistant widget in a real browser: answer, hand-off, an agent replies, the resident sees it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.contrib.auth.models import Group, User

from tests.assistant.conftest import kb, kb_dir, model_dir, staffed, tfidf_model  # noqa: F401
from tests.browser.axe import assert_accessible

pytestmark = pytest.mark.browser


def _open_widget(page: Any) -> None:
    page.goto("/")
    page.get_by_role("button", name="Ask a question").click()
    page.get_by_label("Your question").wait_for()


@pytest.mark.usefixtures("kb", "staffed")
def test_widget_answer_handoff_agent_reply(new_page: Callable[..., Any]) -> None:
    resident = new_page("en")
    _open_widget(resident)
    assert resident.get_by_text("This chat is not monitored for emergencies").is_visible()
    assert_accessible(resident, "assistant widget (open)")
    resident.get_by_label("Your question").fill("where can I get fingerprinted")
    resident.keyboard.press("Enter")
    log = resident.get_by_role("log", name="Conversation with the assistant")
    log.get_by_text("Fingerprinting is by appointment").wait_for()
    resident.get_by_role("button", name="Yes, this helped").wait_for()
    resident.get_by_label("Your question").fill("talk to a person")
    resident.keyboard.press("Enter")
    log.get_by_text("passing this conversation to a person").wait_for()

    agent_user = User.objects.create_user("desk-agent", password="a-long-test-password")
    agent_user.first_name = "Dana"
    agent_user.save()
    agent_user.groups.add(Group.objects.get_or_create(name="agent")[0])
    agent = new_page("en", viewport={"width": 1280, "height": 900})
    agent.goto("/accounts/login/")
    agent.fill("#id_username", "desk-agent")
    agent.fill("#id_password", "a-long-test-password")
    agent.get_by_role("button", name="Sign in", exact=True).click()
    agent.wait_for_url("**/staff/")
    agent.goto("/staff/assistant/inbox/")
    agent.locator("#inbox-rows a").first.click()
    agent.get_by_text("where can I get fingerprinted").first.wait_for()
    agent.get_by_label("Your reply to the resident").fill("Hi, this is Dana. How can I help?")
    agent.get_by_role("button", name="Send reply").click()
    agent.get_by_test_id("transcript").get_by_text("Hi, this is Dana").wait_for()

    log.get_by_text("Hi, this is Dana. How can I help?").wait_for(timeout=15_000)
    log.get_by_text("Dana from the front desk has joined").wait_for()


@pytest.mark.usefixtures("kb")
def test_widget_is_keyboard_operable_and_in_spanish(new_page: Callable[..., Any]) -> None:
    page = new_page("es")
    page.goto("/")
    toggle = page.get_by_role("button", name="Haga una pregunta")
    toggle.focus()
    page.keyboard.press("Enter")
    assert toggle.get_attribute("aria-expanded") == "true"
    field = page.get_by_label("Su pregunta")
    assert field.evaluate("el => el === document.activeElement")
    field.fill("perdí mis llaves")
    page.keyboard.press("Enter")
    page.get_by_text("Díganos qué perdió").wait_for()
    page.keyboard.press("Escape")
    assert toggle.get_attribute("aria-expanded") == "false"


@pytest.mark.usefixtures("kb")
def test_the_full_page_chat_works_and_is_accessible(new_page: Callable[..., Any]) -> None:
    page = new_page("en")
    page.goto("/assistant/")
    page.get_by_label("Your message").fill("do you do fingerprinting")
    page.get_by_role("button", name="Send", exact=True).click()
    page.get_by_text("Fingerprinting is by appointment").wait_for()
    assert_accessible(page, "full-page assistant chat")
