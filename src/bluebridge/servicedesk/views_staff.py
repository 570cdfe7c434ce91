"""Staff pages of the service desk: queue, request detail and actions, SLA performance. (STUB)"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse

from bluebridge.core import roles
from bluebridge.core.access import allow

DESK = (roles.AGENT, roles.SUPERVISOR, roles.ADMIN)


@allow(*DESK, roles.OFFICER, roles.STANDARDS)
def queue(request: HttpRequest) -> HttpResponse:
    return HttpResponse("queue")


@allow(*DESK, roles.OFFICER, roles.STANDARDS)
def request_detail(request: HttpRequest, reference: str) -> HttpResponse:
    return HttpResponse("detail")


@allow(*DESK)
def request_status(request: HttpRequest, reference: str) -> HttpResponse:
    return HttpResponse("status")


@allow(*DESK)
def request_note(request: HttpRequest, reference: str) -> HttpResponse:
    return HttpResponse("note")


@allow(*DESK)
def request_assign(request: HttpRequest, reference: str) -> HttpResponse:
    return HttpResponse("assign")


@allow(*DESK)
def request_merge(request: HttpRequest, reference: str) -> HttpResponse:
    return HttpResponse("merge")


@allow(*DESK, roles.OFFICER, roles.STANDARDS)
def request_photo(request: HttpRequest, reference: str) -> HttpResponse:
    return HttpResponse("photo")


@allow(roles.SUPERVISOR, roles.ANALYST, roles.ADMIN)
def sla_performance(request: HttpRequest) -> HttpResponse:
    return HttpResponse("sla")
