"""Every Bluebridge URL plus the bare comparison view at /bench/bare/."""

from django.urls import path

from benchmarks.bareapp.views import bare_create
from bluebridge.urls import urlpatterns as bluebridge_urlpatterns

urlpatterns = [path("bench/bare/", bare_create, name="bench-bare"), *bluebridge_urlpatterns]
