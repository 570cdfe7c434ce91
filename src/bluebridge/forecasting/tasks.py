"""Background tasks of the forecasting app, run by `bluebridge worker`.

refresh_forecasts runs nightly (registered with core.schedule in apps.py): a forecast for every
offense group in BLUEBRIDGE_FORECAST_GROUPS. compute_forecast makes one queued run ("refresh now").
"""

from __future__ import annotations

from django_tasks import task

from bluebridge.forecasting import services
from bluebridge.forecasting.dbmodels import ForecastRun


@task(queue_name="default")
def refresh_forecasts() -> str:
    runs = services.refresh_all()
    done = sum(1 for r in runs if r.status == ForecastRun.DONE)
    return f"{done} of {len(runs)} forecasts made"


@task(queue_name="default")
def compute_forecast(run_id: int) -> str:
    run = ForecastRun.objects.filter(pk=run_id, status=ForecastRun.QUEUED).first()
    if run is None:
        return "missing or already done"
    return services.compute(run).status
