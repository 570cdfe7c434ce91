"""Core pages: home, staff home, signing in and out."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from bluebridge.core import roles
from bluebridge.core.access import allow
from bluebridge.servicedesk.models import ServiceCategory


@allow(roles.PUBLIC)
def home(request: HttpRequest) -> HttpResponse:
    categories = ServiceCategory.objects.filter(active=True).select_related("routing_unit")
    return render(request, "core/home.html", {"categories": categories})


@allow(*roles.STAFF_ROLES)
def staff_home(request: HttpRequest) -> HttpResponse:
    return render(request, "core/staff_home.html")


@allow(roles.ADMIN)
def audit_log(request: HttpRequest) -> HttpResponse:
    """STUB: searchable audit log page."""
    return HttpResponse("audit")


@allow(*roles.STAFF_ROLES)
def api_tokens(request: HttpRequest) -> HttpResponse:
    """STUB: the signed-in person's API tokens."""
    return HttpResponse("tokens")
