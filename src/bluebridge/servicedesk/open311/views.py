"""The Open311 GeoReport v2 endpoints (XML by default, JSON with .json), plus two extensions:
page/page_size and updated_after/updated_before filters, and the servicerequestupdates feed.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from functools import wraps
from typing import Any

from django.conf import settings
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.utils import timezone, translation
from django.views.decorators.csrf import csrf_exempt

from bluebridge.core import roles
from bluebridge.core.access import allow
from bluebridge.core.ratelimit import Client, Verdict, rate_limited
from bluebridge.servicedesk import services as desk
from bluebridge.servicedesk.models import CLOSED_STATUSES, ServiceCategory, ServiceRequest
from bluebridge.servicedesk.open311 import inputs, keys, public
from bluebridge.servicedesk.open311.formats import (
    JSON,
    XML,
    Open311Error,
    errors,
    field_errors,
    respond,
)
from bluebridge.servicedesk.validation import InvalidRequest

_NO_KEY = object()


def _format(request: HttpRequest) -> str:
    return JSON if request.path.endswith(".json") else XML


def _language(request: HttpRequest) -> str:
    locale = request.GET.get("locale", "").lower()
    if locale:
        return "es" if locale.startswith("es") else "en"
    return "es" if (translation.get_language() or "en").startswith("es") else "en"


def _identify(request: HttpRequest) -> Client | None:
    """An Open311 key (query string or POST body) gets its own limit; remembered for the view."""
    secret = ""
    if request.method == "POST":
        try:
            secret = inputs.read_post(request).api_key
        except Open311Error:
            secret = ""
    secret = secret or request.GET.get("api_key", "")
    key = keys.find_active(secret) if secret else None
    request._open311_key = key  # type: ignore[attr-defined]
    if key is None:
        return None
    limit = (
        (key.rate_limit_per_minute, 60)
        if key.rate_limit_per_minute
        else settings.BLUEBRIDGE_RATE_LIMIT_KEY
    )
    return Client(f"open311-key:{key.id}", limit)


def _too_many(request: HttpRequest, verdict: Verdict) -> HttpResponse:
    text = f"Too many requests: the limit is {verdict.limit}. Try again in {verdict.retry_after} seconds."
    return errors(_format(request), 429, [text], retry_after=verdict.retry_after)


View = Callable[..., HttpResponse]


def endpoint(*methods: str) -> Callable[[View], View]:
    """Public, rate-limited, CSRF-free; errors answered in the standard's format and the asked-for format."""
    allowed = set(methods) | ({"HEAD"} if "GET" in methods else set())

    def decorate(view: View) -> View:
        @wraps(view)
        def handle(
            request: HttpRequest, *args: Any, fmt: str | None = None, **kwargs: Any
        ) -> HttpResponse:
            chosen = JSON if fmt == JSON else XML
            if request.method not in allowed:
                response = errors(chosen, 405, [f"use {' or '.join(sorted(methods))} here"])
                response["Allow"] = ", ".join(sorted(allowed))
                return response
            try:
                with translation.override(_language(request)):
                    return view(request, chosen, *args, **kwargs)
            except Open311Error as exc:
                return errors(chosen, exc.status, exc.descriptions, exc.retry_after)
            except InvalidRequest as exc:
                return field_errors(chosen, exc.errors)

        limited = rate_limited("open311", identify=_identify, respond=_too_many)(handle)
        return csrf_exempt(allow(roles.PUBLIC)(limited))

    return decorate


def _page(request: HttpRequest, rows: QuerySet[Any]) -> list[Any]:
    most = settings.BLUEBRIDGE_OPEN311_MAX_RESULTS
    query = request.GET
    page = (
        inputs.whole_number("page", query["page"], low=1, high=1_000_000)
        if query.get("page")
        else 1
    )
    size = (
        inputs.whole_number("page_size", query["page_size"], low=1, high=most)
        if query.get("page_size")
        else most
    )
    return list(rows[(page - 1) * size : page * size])


def _when(request: HttpRequest, name: str, *, end_of_day: bool = False) -> datetime | None:
    value = request.GET.get(name, "")
    return inputs.when(name, value, end_of_day=end_of_day) if value.strip() else None


def _ids(request: HttpRequest) -> list[str]:
    ids = inputs.comma_list(request.GET.get("service_request_id", ""))
    if len(ids) > settings.BLUEBRIDGE_OPEN311_MAX_RESULTS:
        raise InvalidRequest(
            {"service_request_id": f"ask for at most {settings.BLUEBRIDGE_OPEN311_MAX_RESULTS}"}
        )
    return [i.upper() for i in ids]


@endpoint("GET")
def discovery(request: HttpRequest, fmt: str) -> HttpResponse:
    return respond(fmt, public.discovery(), root="discovery", item=None)


@endpoint("GET")
def service_list(request: HttpRequest, fmt: str) -> HttpResponse:
    language = translation.get_language() or "en"
    items = [public.service_item(c, language) for c in public.services()]
    return respond(fmt, items, root="services", item="service")


@endpoint("GET")
def service_definition(request: HttpRequest, fmt: str, code: str) -> HttpResponse:
    category = ServiceCategory.objects.filter(code=code, active=True).first()
    if category is None:
        raise Open311Error(404, f"service_code: there is no service {code!r}; see services.{fmt}")
    return respond(
        fmt,
        public.definition(category, translation.get_language() or "en"),
        root="service_definition",
        item=None,
    )


@endpoint("GET", "POST")
def service_requests(request: HttpRequest, fmt: str) -> HttpResponse:
    if request.method == "POST":
        return _create(request, fmt)
    rows = public.requests()
    ids = _ids(request)
    # The standard: service_request_id overrides every other filter.
    rows = rows.filter(reference__in=ids) if ids else _filter(request, rows)
    language = translation.get_language() or "en"
    items = [
        public.request_item(sr, language)
        for sr in _page(request, rows.order_by("-created_at", "-id"))
    ]
    return respond(fmt, items, root="service_requests", item="request")


def _filter(request: HttpRequest, rows: QuerySet[ServiceRequest]) -> QuerySet[ServiceRequest]:
    codes = inputs.comma_list(request.GET.get("service_code", ""))
    if codes:
        rows = rows.filter(category__code__in=codes)
    start, end = _when(request, "start_date"), _when(request, "end_date", end_of_day=True)
    after, before = (
        _when(request, "updated_after"),
        _when(request, "updated_before", end_of_day=True),
    )
    if start and end and end < start:
        raise InvalidRequest({"end_date": "must not be before start_date"})
    window = timedelta(days=settings.BLUEBRIDGE_OPEN311_DEFAULT_DAYS)
    if start is None and end is None and after is None and before is None:
        start = timezone.now() - window
    elif start is None and end is not None:
        start = end - window
    if start is not None:
        rows = rows.filter(created_at__gte=start)
    if end is not None:
        rows = rows.filter(created_at__lte=end)
    if after is not None:
        rows = rows.filter(updated_at__gt=after)
    if before is not None:
        rows = rows.filter(updated_at__lt=before)
    statuses = set(inputs.comma_list(request.GET.get("status", "").lower()))
    if statuses - {"open", "closed"}:
        raise InvalidRequest({"status": "must be open or closed (or open,closed)"})
    if statuses == {"open"}:
        rows = rows.exclude(status__in=CLOSED_STATUSES)
    elif statuses == {"closed"}:
        rows = rows.filter(status__in=CLOSED_STATUSES)
    return rows


def _create(request: HttpRequest, fmt: str) -> HttpResponse:
    submitted = inputs.read_post(request)
    secret = submitted.api_key or request.GET.get("api_key", "")
    if not secret:
        raise Open311Error(
            403, "api_key: is required to submit a request; ask the department for a key"
        )
    key = getattr(request, "_open311_key", _NO_KEY)
    if key is _NO_KEY:
        key = keys.find_active(secret)
    if key is None:
        raise Open311Error(403, "api_key: is not a valid key (unknown or revoked)")
    assert isinstance(key, keys.ActiveKey)
    idempotency = request.headers.get("Idempotency-Key", "").strip()
    new = inputs.new_request(submitted, client_key=f"key:{key.id}", idempotency_key=idempotency)
    sr, created = desk.create_request(new, request=request, api_key=key)
    status = 201 if created else 200
    return respond(
        fmt, [public.posted_item(sr)], root="service_requests", item="request", status=status
    )


@endpoint("GET")
def service_request(request: HttpRequest, fmt: str, request_id: str) -> HttpResponse:
    sr = public.requests().filter(reference=request_id.upper()).first()
    if sr is None:
        raise Open311Error(404, f"service_request_id: there is no public request {request_id!r}")
    item = public.request_item(sr, translation.get_language() or "en")
    return respond(fmt, [item], root="service_requests", item="request")


@endpoint("GET")
def token(request: HttpRequest, fmt: str, token: str) -> HttpResponse:
    reference = (
        ServiceRequest.objects.filter(open311_token=token)
        .values_list("reference", flat=True)
        .first()
    )
    if reference is None:
        raise Open311Error(404, "token: no request has this token")
    return respond(
        fmt,
        [{"service_request_id": reference, "token": token}],
        root="service_requests",
        item="request",
    )


@endpoint("GET")
def request_updates(request: HttpRequest, fmt: str) -> HttpResponse:
    rows = public.updates()
    ids = _ids(request)
    if ids:
        rows = rows.filter(request__reference__in=ids)
    after, before = (
        _when(request, "updated_after"),
        _when(request, "updated_before", end_of_day=True),
    )
    if after is None and before is None and not ids:
        after = timezone.now() - timedelta(days=settings.BLUEBRIDGE_OPEN311_DEFAULT_DAYS)
    if after is not None:
        rows = rows.filter(created_at__gt=after)
    if before is not None:
        rows = rows.filter(created_at__lt=before)
    items = [public.update_item(u) for u in _page(request, rows.order_by("created_at", "id"))]
    return respond(fmt, items, root="service_request_updates", item="request_update")
