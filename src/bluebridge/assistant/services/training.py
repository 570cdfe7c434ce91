"""Training the intent engine on the published articles, and keeping the current model loaded.

Models live under DATA_DIR/models/assistant/<version>/, one folder per training run, named by
the time it finished (so the newest sorts last). A run writes into a hidden folder and renames
it when complete, so a server never loads half a model. Each process keeps the newest model in
memory and looks (at most every few seconds, one directory listing) for a newer one.
"""

from __future__ import annotations

import json
import shutil
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.utils import timezone

from bluebridge.assistant.services.knowledge import published_articles

KEEP_VERSIONS = 3
CHECK_EVERY_SECONDS = 3.0
META_FILE = "bluebridge-model.json"

# A few questions nobody should answer from the knowledge base, so the engine learns where its
# knowledge ends (the engine may add its own).
OUT_OF_SCOPE = [
    "what is the weather tomorrow",
    "who won the game last night",
    "tell me a joke",
    "what is the capital of France",
    "can you recommend a good pizza place",
    "how do I bake bread",
    "what's the best phone to buy",
    "help me with my math homework",
    "¿qué tiempo hará mañana?",
    "cuéntame un chiste",
    "¿quién ganó el partido?",
    "recomiéndame un restaurante",
]


class NoModel(Exception):
    """There is nothing to train on, or no trained model yet."""


@dataclass(frozen=True)
class Trained:
    version: str
    engine: str
    articles: int
    examples: int
    seconds: float
    path: Path


def models_root() -> Path:
    return Path(settings.DATA_DIR) / "models" / "assistant"


def versions() -> list[str]:
    root = models_root()
    if not root.is_dir():
        return []
    return sorted(p.name for p in root.iterdir() if p.is_dir() and not p.name.startswith("."))


def training_data() -> tuple[list[str], list[str], int]:
    """(texts, labels, number of articles): example questions and titles, both languages."""
    texts: list[str] = []
    labels: list[str] = []
    articles = published_articles()
    for article in articles:
        for text in [article.title, *article.questions]:
            if text.strip():
                texts.append(text.strip())
                labels.append(article.slug)
    return texts, labels, len(articles)


def train(kind: str = "auto") -> Trained:
    """Fit a new model on the published articles, save it and make it this process's model."""
    from bluebridge.assistant.engine import make_engine

    texts, labels, count = training_data()
    if len(set(labels)) < 2:
        raise NoModel("publish at least two articles before training the assistant")
    started = time.perf_counter()
    engine = make_engine(kind)
    engine.fit(texts, labels, oos_texts=OUT_OF_SCOPE)
    seconds = time.perf_counter() - started
    root = models_root()
    root.mkdir(parents=True, exist_ok=True)
    version = timezone.now().strftime("%Y%m%dT%H%M%S%f")
    while (root / version).exists():  # two runs in the same microsecond
        version += "0"
    temp = root / f".{version}.partial"
    temp.mkdir()
    engine.save(temp)
    (temp / META_FILE).write_text(
        json.dumps(
            {
                "version": version,
                "engine": engine.name,
                "articles": count,
                "examples": len(texts),
                "labels": sorted(set(labels)),
                "seconds": round(seconds, 2),
                "trained_at": timezone.now().isoformat(),
            },
            indent=2,
        ),
        encoding="utf-8",
    )
    temp.rename(root / version)
    _prune(root)
    with _lock:
        _state.update(version=version, engine=engine, checked=time.monotonic())
    return Trained(version, engine.name, count, len(texts), seconds, root / version)


def _prune(root: Path) -> None:
    for name in versions()[:-KEEP_VERSIONS]:
        shutil.rmtree(root / name, ignore_errors=True)


def model_info(version: str | None = None) -> dict[str, Any] | None:
    found = versions()
    name = version or (found[-1] if found else None)
    if name is None:
        return None
    try:
        return json.loads((models_root() / name / META_FILE).read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError):
        return {"version": name}


# --- The model this process answers with -----------------------------------------------------------

_lock = threading.Lock()
_state: dict[str, Any] = {"version": None, "engine": None, "checked": 0.0}


def current_engine() -> tuple[str, Any]:
    """(version, engine) of the newest trained model; loads it once, reloads when a newer one
    appears. Raises NoModel when none has been trained."""
    from bluebridge.assistant.engine import load_engine

    now = time.monotonic()
    with _lock:
        engine = _state["engine"]
        if engine is not None and now - _state["checked"] < CHECK_EVERY_SECONDS:
            return _state["version"], engine
        _state["checked"] = now
        found = versions()
        if not found:
            if engine is not None:
                return _state["version"], engine
            raise NoModel("the assistant has not been trained yet (bluebridge assistant train)")
        newest = found[-1]
        if engine is None or newest != _state["version"]:
            _state["engine"] = load_engine(models_root() / newest)
            _state["version"] = newest
        return _state["version"], _state["engine"]


def forget_engine() -> None:
    """Drop the in-memory model (tests; after deleting model folders)."""
    with _lock:
        _state.update(version=None, engine=None, checked=0.0)
