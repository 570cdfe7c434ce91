from importlib import import_module

from django.apps import AppConfig


class ForecastingConfig(AppConfig):
    name = "bluebridge.forecasting"
    label = "forecasting"
    verbose_name = "Crime forecasting"

    def import_models(self) -> None:
        # `forecasting.models` is the Django-free forecasting engine package; the database
        # models live in `forecasting.dbmodels` (docs/decisions/0020-forecasting-engine.md).
        self.models = self.apps.all_models[self.label]
        self.models_module = import_module(f"{self.name}.dbmodels")

    def ready(self) -> None:
        # Connect receivers of core.events, register nav links (core.nav) and the demo-city
        # hook (core.demo.extensions) here.
        pass
