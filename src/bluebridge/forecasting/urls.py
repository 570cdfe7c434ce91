"""Pages of this app (public and staff). Included at the site root by bluebridge.urls."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
