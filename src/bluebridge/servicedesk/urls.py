from django.urls import path

from bluebridge.servicedesk import views_public

urlpatterns = [
    path("report/", views_public.report, name="report"),
    path("track/", views_public.track_lookup, name="track-lookup"),
    path("track/<str:token>/", views_public.track, name="track"),
]
