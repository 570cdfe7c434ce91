"""Pages of this app (public and staff). Included at the site root by bluebridge.urls."""

from django.urls import URLPattern, path

from bluebridge.forecasting import views

urlpatterns: list[URLPattern] = [
    path("staff/forecasting/", views.analyst_page, name="forecasting-page"),
    path("staff/forecasting/refresh/", views.refresh_now, name="forecasting-refresh"),
]
