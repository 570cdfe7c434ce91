"""The JSON API (django-ninja). OpenAPI document and docs at /api/docs."""

from __future__ import annotations

from ninja import NinjaAPI

from bluebridge import __version__
from bluebridge.assistant.api import router as assistant_router
from bluebridge.complaints.api import router as complaints_router
from bluebridge.core.api import router as core_router
from bluebridge.core.api_errors import install as install_error_handlers
from bluebridge.feedback.api import router as feedback_router
from bluebridge.forecasting.api import router as forecasting_router
from bluebridge.servicedesk.api import router as servicedesk_router
from bluebridge.servicedesk.open311.api import router as open311_keys_router

api = NinjaAPI(
    title="Bluebridge API",
    version=__version__,
    description=(
        "Staff API of Bluebridge. Authenticate with a personal token "
        "(`Authorization: Bearer bbt_...`) or a web session. Each operation states the roles "
        "that may call it. The public Open311 GeoReport v2 API lives under /open311/v2/."
    ),
    urls_namespace="api",
)
api.add_router("/", core_router)
api.add_router("/", servicedesk_router)
api.add_router("/", open311_keys_router)
api.add_router("/", assistant_router)
api.add_router("/", feedback_router)
api.add_router("/", complaints_router)
api.add_router("/", forecasting_router)
install_error_handlers(api)
