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


def test_no_text_gives_an_empty_layer_matrix() -> None:
    assert embeddings.encode_layers([], (4, 5, 6)).shape == (0, 3 * embeddings.DIMENSIONS)


@pytest.mark.skipif(not embeddings.available(), reason="sentence embeddings not installed")
def test_layer_means_are_cached_and_the_last_layer_gives_the_sentence_direction(
    tmp_path: Path,
) -> None:
    import numpy as np

    texts = ["The officer was kind", "Nobody came"]
    layers = embeddings.encode_layers_cached(texts, tmp_path, (5, 6))
    assert layers.shape == (2, 2 * embeddings.DIMENSIONS)
    assert list(tmp_path.glob("minilm-layers-*.npy"))
    again = embeddings.encode_layers_cached(texts, tmp_path, (5, 6))
    assert np.array_equal(layers, again)
    last = layers[:, embeddings.DIMENSIONS :]
    last = last / np.linalg.norm(last, axis=1, keepdims=True)
    sentence = embeddings.encode(texts)
    assert (last * sentence).sum(axis=1).min() > 0.95  # same direction as the pooled sentence
