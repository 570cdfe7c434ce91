"""Bluebridge's production settings plus the bare comparison view (benchmarks only).

The bare app runs with exactly the same settings, middleware and database as the real site,
so the ratio between the two measures what Bluebridge's own code costs per request.
"""

from bluebridge.settings import *  # noqa: F403
from bluebridge.settings import INSTALLED_APPS

INSTALLED_APPS = [*INSTALLED_APPS, "benchmarks.bareapp"]
ROOT_URLCONF = "benchmarks.bareapp.urls"
