"""POST /api/assistant/messages and the resident's transcript endpoint."""

from __future__ import annotations

from typing import Any

from django.core.cache import cache
from django.test import Client, override_settings

URL = "/api/assistant/messages"


def _post(client: Client, **payload: Any) -> Any:
    return client.post(URL, payload, content_type="application/json")


def test_it_answers_over_the_api_and_keeps_the_conversation(kb: Any) -> None:
    client = Client()
    first = _post(client, text="do you do fingerprinting", language="en")
    assert first.status_code == 200
    body = first.json()
    assert body["kind"] == "answer"
    assert body["article_slug"] == "fingerprinting"
    assert body["article_id"] and body["article_title"] and body["topic"] == "Records"
    assert 0 < body["confidence"] <= 1
    assert "<p>" in body["html"]
    second = _post(
        client,
        conversation=body["conversation"],
        text="Yes",
        action="helpful",
        value=str(body["message_id"]),
    )
    assert second.json()["conversation"] == body["conversation"]
    assert second.json()["kind"] == "ack"


def test_it_returns_the_fixed_emergency_reply(kb: Any) -> None:
    body = _post(Client(), text="alguien está entrando a mi casa ahora", language="es").json()
    assert body["kind"] == "emergency" and "911" in body["text"]


def test_it_refuses_an_empty_message_with_a_clear_error(kb: Any) -> None:
    response = _post(Client(), text="  ", language="en")
    assert response.status_code == 400
    assert response.json()["errors"]["text"] == "write a message"


def test_an_unknown_conversation_id_starts_a_new_one(kb: Any) -> None:
    body = _post(Client(), conversation="nope", text="lobby hours").json()
    assert body["conversation"] != "nope"


def test_it_rate_limits_per_client(kb: Any) -> None:
    cache.clear()
    with override_settings(BLUEBRIDGE_RATE_LIMIT_PUBLIC=(2, 60)):
        client = Client()
        assert _post(client, text="lobby hours").status_code == 200
        assert _post(client, text="lobby hours").status_code == 200
        refused = _post(client, text="lobby hours")
    cache.clear()
    assert refused.status_code == 429
    assert refused["Retry-After"]


def test_the_transcript_of_an_unknown_conversation_is_404(db: Any) -> None:
    response = Client().get("/api/assistant/conversations/unknown/messages")
    assert response.status_code == 404
