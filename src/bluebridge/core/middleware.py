"""Middleware: refuse oversized request bodies before Django reads them."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.loader import render_to_string

API_PREFIXES = ("/api/", "/open311/")


def _refuse(request: HttpRequest, status: int, message: str) -> HttpResponse:
    if request.path.startswith(API_PREFIXES):
        # The Open311 error format: a list of {code, description}.
        return JsonResponse([{"code": status, "description": message}], status=status, safe=False)
    html = render_to_string("core/request_refused.html", {"message": message}, request=request)
    return HttpResponse(html, status=status)


class RequestSizeLimitMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            return _refuse(request, 400, "Content-Length is not a number")
        limit = settings.BLUEBRIDGE_MAX_REQUEST_BYTES
        if length > limit:
            return _refuse(request, 413, f"request body is larger than {limit // (1024 * 1024)} MB")
        return self.get_response(request)
