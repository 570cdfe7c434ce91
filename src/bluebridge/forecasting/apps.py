from django.apps import AppConfig


class ForecastingConfig(AppConfig):
    name = "bluebridge.forecasting"
    label = "forecasting"
    verbose_name = "Crime forecasting"

    def ready(self) -> None:
        # Connect receivers of core.events, register nav links (core.nav) and the demo-city
        # hook (core.demo.extensions) here.
        pass
