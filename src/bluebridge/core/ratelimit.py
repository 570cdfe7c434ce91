"""Fixed-window rate limits per client, counted in Django's cache.

Use a shared cache (BLUEBRIDGE_CACHE_URL=redis://...) when several server processes run;
with the default in-process cache each process counts on its own.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps
from typing import Any, TypeVar

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse, JsonResponse

from bluebridge.core.clients import client_ip

ViewFunc = TypeVar("ViewFunc", bound=Callable[..., HttpResponse])


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


# --- The @rate_limited decorator for views (Open311, the web form, ...) ---------------------------

_token_cache: dict[str, tuple[float, tuple[int, int | None] | None]] = {}
_TOKEN_CACHE_SECONDS = 60


@dataclass(frozen=True)
class Client:
    """Who is calling, for counting: a key for the counter and its (count, seconds) limit."""

    key: str
    limit: tuple[int, int]


def _bearer_client(request: HttpRequest) -> Client | None:
    """A staff member's API token (Authorization: Bearer ...) gets the token's own limit."""
    header = request.headers.get("Authorization", "")
    if not header.lower().startswith("bearer "):
        return None
    secret = header[7:].strip()
    if not secret or len(secret) > 200:
        return None
    from bluebridge.core.models import ApiToken, hash_secret

    digest = hash_secret(secret)
    now = time.monotonic()
    cached = _token_cache.get(digest)
    if cached is None or now - cached[0] > _TOKEN_CACHE_SECONDS:
        row = (
            ApiToken.objects.filter(
                token_hash=digest, revoked_at__isnull=True, user__is_active=True
            )
            .values_list("id", "rate_limit_per_minute")
            .first()
        )
        if len(_token_cache) > 10_000:
            _token_cache.clear()
        cached = (now, (row[0], row[1]) if row else None)
        _token_cache[digest] = cached
    found = cached[1]
    if found is None:
        return None
    token_id, per_minute = found
    return Client(
        f"token:{token_id}", (per_minute, 60) if per_minute else settings.BLUEBRIDGE_RATE_LIMIT_KEY
    )


def default_client(request: HttpRequest) -> Client:
    """A staff token's own limit, else the client's IP address with the public limit."""
    return _bearer_client(request) or Client(
        f"ip:{client_ip(request)}", settings.BLUEBRIDGE_RATE_LIMIT_PUBLIC
    )


def too_many_response(request: HttpRequest, verdict: Verdict) -> HttpResponse:
    """429: the standard error list in JSON for API clients, plain text for people."""
    text = f"Too many requests: the limit is {verdict.limit}. Try again in {verdict.retry_after} seconds."
    accepts_json = "json" in request.headers.get("Accept", "")
    if request.path.startswith(("/api/", "/open311/")) or accepts_json:
        response: HttpResponse = JsonResponse(
            [{"code": 429, "description": text}], status=429, safe=False
        )
    else:
        response = HttpResponse(text, status=429, content_type="text/plain; charset=utf-8")
    response["Retry-After"] = str(verdict.retry_after)
    return response


def rate_limited(
    scope: str,
    *,
    identify: Callable[[HttpRequest], Client | None] | None = None,
    respond: Callable[[HttpRequest, Verdict], HttpResponse] | None = None,
) -> Callable[[ViewFunc], ViewFunc]:
    """Count each call of the view per client and answer 429 (with Retry-After) over the limit.

    `identify` may name the client (e.g. from an API key in the body); when it returns None the
    default applies: a staff Bearer token's limit, else the IP address with the public limit.
    `respond` builds the 429 response (default: JSON error list for APIs, plain text otherwise).
    """

    def decorate(view: ViewFunc) -> ViewFunc:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            client = (identify(request) if identify else None) or default_client(request)
            count, seconds = client.limit
            verdict = hit(f"{scope}:{client.key}", count, seconds)
            if not verdict.allowed:
                return (respond or too_many_response)(request, verdict)
            response = view(request, *args, **kwargs)
            response["X-RateLimit-Limit"] = str(verdict.limit)
            response["X-RateLimit-Remaining"] = str(verdict.remaining)
            return response

        return wrapper  # type: ignore[return-value]

    return decorate
