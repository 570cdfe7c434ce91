from datetime import time
from importlib import import_module

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ForecastingConfig(AppConfig):
    name = "bluebridge.forecasting"
    label = "forecasting"
    verbose_name = "Crime forecasting"

    def import_models(self) -> None:
        # `forecasting.models` is the Django-free forecasting engine package; the database
        # models live in `forecasting.dbmodels` (docs/decisions/0025-forecasting-records-module.md).
        assert self.apps is not None
        self.models = self.apps.all_models[self.label]
        self.models_module = import_module(f"{self.name}.dbmodels")

    def ready(self) -> None:
        from bluebridge.core import nav, roles, schedule
        from bluebridge.core.demo import extensions
        from bluebridge.forecasting import demo
        from bluebridge.forecasting.tasks import refresh_forecasts

        nav.register(
            "staff",
            "forecasting-page",
            _("Crime forecasts"),
            roles=[roles.ANALYST, roles.SUPERVISOR, roles.ADMIN],
            order=60,
        )
        schedule.register("forecasting-nightly", refresh_forecasts, daily_at=time(2, 30))
        extensions.register("forecasting", populate=demo.populate, wipe=demo.wipe, order=50)
