"""Django models (database tables) of the forecasting app.

They live here, not in `models.py`, because `bluebridge.forecasting.models` is the numerical
forecasting engine package (no Django imports, see DEVELOPERS.md). `ForecastingConfig`
(apps.py) tells Django to load this module as the app's models module.
"""
