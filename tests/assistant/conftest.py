"""Fixtures of the assistant's tests: a tiny knowledge base, trained with the TF-IDF engine."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from django.test import override_settings

from bluebridge.assistant.models import Conversation
from bluebridge.assistant.services import conversation as chat
from bluebridge.assistant.services import knowledge, training
from bluebridge.assistant.services.replies import Reply
from bluebridge.servicedesk import services as desk
from tests.assistant.kb_data import ARTICLES, as_file, training_texts

# Times the front desk is (not) staffed under the default calendar (Mon-Fri 08:00-17:00).
STAFFED_HOURS = "00:00-23:59"
ALL_DAYS = [0, 1, 2, 3, 4, 5, 6]


@pytest.fixture
def kb_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "knowledge"
    folder.mkdir()
    for article in ARTICLES:
        (folder / f"{article['slug']}.json").write_text(
            json.dumps(as_file(article), ensure_ascii=False), encoding="utf-8"
        )
    return folder


@pytest.fixture
def model_dir(tmp_path: Path) -> Iterator[Path]:
    """A data directory of this test's own, so trained models never leak between tests."""
    folder = tmp_path / "data"
    folder.mkdir()
    training.forget_engine()
    with override_settings(DATA_DIR=folder):
        yield folder
    training.forget_engine()


@pytest.fixture(scope="session")
def tfidf_model(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The tiny knowledge base's TF-IDF model, trained once for the whole session (training
    calibrates by cross-validation, which takes seconds); each test gets a copy."""
    from bluebridge.assistant.engine import make_engine

    texts, labels = training_texts()
    engine = make_engine("tfidf")
    engine.fit(texts, labels, oos_texts=training.OUT_OF_SCOPE)
    folder = tmp_path_factory.mktemp("assistant-model") / "20000101T000000000000"
    folder.mkdir()
    engine.save(folder)
    return folder


@pytest.fixture
def kb(city: None, kb_dir: Path, model_dir: Path, tfidf_model: Path) -> knowledge.LoadResult:
    """The tiny knowledge base installed, with its TF-IDF model in place."""
    result = knowledge.load_directory(kb_dir)
    assert not result.problems, result.problems
    shutil.copytree(tfidf_model, training.models_root() / tfidf_model.name)
    training.forget_engine()
    return result


@pytest.fixture
def staffed() -> Iterator[None]:
    """The front desk is staffed around the clock."""
    with override_settings(
        BLUEBRIDGE_BUSINESS_HOURS=STAFFED_HOURS, BLUEBRIDGE_BUSINESS_DAYS=ALL_DAYS
    ):
        desk.forget_calendar()
        yield
    desk.forget_calendar()


@pytest.fixture
def unstaffed() -> Iterator[None]:
    """The front desk is never staffed today (only open on a day that is not today)."""
    today = datetime.now().weekday()
    with override_settings(BLUEBRIDGE_BUSINESS_DAYS=[(today + 3) % 7]):
        desk.forget_calendar()
        yield
    desk.forget_calendar()


@pytest.fixture
def ask(kb: Any) -> Callable[..., Reply]:
    """Send a message in a conversation (made on first use) and return the reply."""
    state: dict[str, Conversation] = {}

    def send(text: str = "", language: str = "en", **kwargs: Any) -> Reply:
        conversation = state.get("c") or chat.find_or_start(None, language)
        conversation.refresh_from_db()
        state["c"] = conversation
        return chat.handle(conversation, text, language=language, **kwargs)

    send.state = state  # type: ignore[attr-defined]
    return send
