"""Fixed-window rate limits per client, counted in Django's cache.

Use a shared cache (BLUEBRIDGE_CACHE_URL=redis://...) when several server processes run;
with the default in-process cache each process counts on its own.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from django.core.cache import cache


@dataclass(frozen=True)
class Verdict:
    allowed: bool
    limit: int
    remaining: int
    retry_after: int


def hit(client_key: str, limit: int, window_seconds: int) -> Verdict:
    now = int(time.time())
    window = now // window_seconds
    key = f"rl:{client_key}:{window}"
    if cache.add(key, 1, timeout=window_seconds + 1):
        count = 1
    else:
        try:
            count = cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.set(key, 1, timeout=window_seconds + 1)
            count = 1
    retry_after = (window + 1) * window_seconds - now
    return Verdict(count <= limit, limit, max(0, limit - count), max(1, retry_after))
