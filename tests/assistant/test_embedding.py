"""The pipeline with the sentence-embedding engine (only where torch and the model are installed)."""

from __future__ import annotations

from typing import Any

import pytest

from bluebridge.assistant.engine import embeddings_available
from bluebridge.assistant.services import conversation as chat
from bluebridge.assistant.services import training

pytestmark = pytest.mark.skipif(
    not embeddings_available(), reason="torch or the embedding model is not installed"
)


def test_it_trains_the_embedding_engine_and_answers_with_it(kb: Any) -> None:
    trained = training.train("embedding")
    assert trained.engine == "embedding"
    assert training.current_engine()[0] == trained.version
    conversation = chat.find_or_start(None, "en")
    reply = chat.handle(conversation, "somebody handed in my lost phone?", language="en")
    assert reply.kind in ("answer", "clarify")
    if reply.kind == "answer":
        assert reply.article_slug == "lost-property"
    spanish = chat.handle(
        chat.find_or_start(None, "es"), "¿a qué hora abren la recepción?", language="es"
    )
    assert spanish.kind == "answer" and spanish.article_slug == "office-hours"
