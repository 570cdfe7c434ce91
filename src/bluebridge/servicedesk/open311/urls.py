"""Open311 GeoReport v2 under /open311/v2/: each path answers XML, with .xml, or JSON with .json."""

from django.urls import re_path

from bluebridge.servicedesk.open311 import views

FMT = r"(?:\.(?P<fmt>xml|json))?$"

urlpatterns = [
    re_path(r"^discovery" + FMT, views.discovery, name="open311-discovery"),
    re_path(r"^services" + FMT, views.service_list, name="open311-services"),
    re_path(r"^services/(?P<code>[^/.]+)" + FMT, views.service_definition, name="open311-service"),
    re_path(r"^requests" + FMT, views.service_requests, name="open311-requests"),
    re_path(
        r"^requests/(?P<request_id>[^/.]+)" + FMT, views.service_request, name="open311-request"
    ),
    re_path(r"^tokens/(?P<token>[^/.]+)" + FMT, views.token, name="open311-token"),
    re_path(r"^servicerequestupdates" + FMT, views.request_updates, name="open311-updates"),
]
