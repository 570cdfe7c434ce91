"""The embeddings loader: pinned and checked, switchable off, and the engine works without it."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path

import pytest

from bluebridge.feedback.text import embeddings, find_themes


@pytest.fixture
def embeddings_off(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("BLUEBRIDGE_EMBEDDINGS", "0")
    embeddings.model_dir.cache_clear()
    yield
    monkeypatch.delenv("BLUEBRIDGE_EMBEDDINGS")
    embeddings.model_dir.cache_clear()


def test_it_can_be_switched_off_and_themes_fall_back_to_tfidf(embeddings_off: None) -> None:
    assert not embeddings.available()
    themes = find_themes(["loud noise at night", "noise and loud music", "parked car blocks"])
    assert sum(t.size for t in themes) == 3


def test_the_weights_hash_is_checked_with_sha256(tmp_path: Path) -> None:
    sample = tmp_path / "weights.bin"
    sample.write_bytes(b"x" * 3_000_000)
    assert embeddings._sha256(sample) == hashlib.sha256(b"x" * 3_000_000).hexdigest()


@pytest.mark.skipif(not embeddings.available(), reason="sentence embeddings not installed")
def test_the_installed_model_matches_the_pinned_hash() -> None:
    path = embeddings.model_dir()
    assert path is not None
    assert embeddings._sha256(path / "model.safetensors") == embeddings.WEIGHTS_SHA256


def test_nothing_to_encode_gives_an_empty_matrix() -> None:
    assert embeddings.encode([]).shape == (0, embeddings.DIMENSIONS)
