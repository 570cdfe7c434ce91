"""Public pages of the service desk: report an issue, follow a report. (STUB: being built.)"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse

from bluebridge.core import roles
from bluebridge.core.access import allow


@allow(roles.PUBLIC)
def report(request: HttpRequest) -> HttpResponse:
    return HttpResponse("report form")


@allow(roles.PUBLIC)
def report_screen(request: HttpRequest) -> HttpResponse:
    return HttpResponse("")


@allow(roles.PUBLIC)
def report_fields(request: HttpRequest) -> HttpResponse:
    return HttpResponse("")


@allow(roles.PUBLIC)
def report_done(request: HttpRequest, token: str) -> HttpResponse:
    return HttpResponse("done")


@allow(roles.PUBLIC)
def track_lookup(request: HttpRequest) -> HttpResponse:
    return HttpResponse("lookup")


@allow(roles.PUBLIC)
def track(request: HttpRequest, token: str) -> HttpResponse:
    return HttpResponse("track")
