from django.contrib import admin
from django.urls import include, path

from bluebridge.api import api

# The machine-facing prefixes come first: Open311 clients post at high rates, and Django tries
# patterns in order (no app below defines paths under these prefixes).
urlpatterns = [
    path("open311/v2/", include("bluebridge.servicedesk.open311.urls")),
    path("api/", api.urls),
    path("", include("bluebridge.core.urls")),
    path("", include("bluebridge.servicedesk.urls")),
    path("", include("bluebridge.assistant.urls")),
    path("", include("bluebridge.feedback.urls")),
    path("", include("bluebridge.complaints.urls")),
    path("", include("bluebridge.forecasting.urls")),
    path("django-admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
]
