"""Administrators' page for issuing and revoking Open311 API keys. (STUB)"""

from django.http import HttpRequest, HttpResponse
from django.urls import path

from bluebridge.core import roles
from bluebridge.core.access import allow


@allow(roles.ADMIN)
def keys(request: HttpRequest) -> HttpResponse:
    return HttpResponse("keys")


urlpatterns = [path("", keys, name="staff-open311-keys")]
