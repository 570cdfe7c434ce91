"""The built-in off-topic sentences (English and Spanish) in data/offtopic.json."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

PATH = Path(__file__).resolve().parent / "data" / "offtopic.json"


@lru_cache(maxsize=1)
def _load() -> dict[str, list[str]]:
    data = json.loads(PATH.read_text(encoding="utf-8"))
    return {lang: list(data[lang]) for lang in ("en", "es")}


def sentences(languages: tuple[str, ...] = ("en", "es")) -> list[str]:
    data = _load()
    return [s for lang in languages for s in data[lang]]
