"""Middleware: refuse oversized request bodies before Django reads them."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse


class RequestSizeLimitMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            return JsonResponse(
                [{"code": 400, "description": "Content-Length is not a number"}],
                status=400,
                safe=False,
            )
        limit = settings.BLUEBRIDGE_MAX_REQUEST_BYTES
        if length > limit:
            return JsonResponse(
                [
                    {
                        "code": 413,
                        "description": f"request body is larger than {limit // (1024 * 1024)} MB",
                    }
                ],
                status=413,
                safe=False,
            )
        return self.get_response(request)
