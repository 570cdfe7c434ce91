"""The analyst page: pick offense group, horizon, model and data; see the stored forecast.

Nothing heavy runs in the request: the page reads the latest stored ForecastRun for the choice;
"Make this forecast now" queues a background task (services.request_forecast).
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from bluebridge.core import roles
from bluebridge.core.access import allow
from bluebridge.forecasting import conf, curves, services
from bluebridge.forecasting.dbmodels import ForecastRun, Incident
from bluebridge.forecasting.taxonomy import GROUPS

ANALYSTS = (roles.ANALYST, roles.SUPERVISOR, roles.ADMIN)


def _query(choice: services.Choice) -> str:
    return urlencode(
        {
            "group": choice.group,
            "horizon": choice.horizon_days,
            "model": choice.model,
            "scope": choice.scope,
        }
    )


@allow(*ANALYSTS)
@require_GET
def analyst_page(request: HttpRequest) -> HttpResponse:
    choice, errors = services.Choice.parse(request.GET)
    run = services.latest_run(choice)
    configured = conf.groups()
    group_options = [(g, GROUPS[g]) for g in GROUPS if g in configured] + [
        (g, GROUPS[g]) for g in GROUPS if g not in configured
    ]
    context = {
        "choice": choice,
        "errors": errors,
        "groups": group_options,
        "horizons": services.HORIZONS.items(),
        "models": services.MODEL_CHOICES.items(),
        "scopes": ForecastRun.SCOPES,
        "run": run,
        "pending": services.pending_run(choice),
        "cells": services.cells_geojson(run) if run else None,
        "top_cells": run.top_cells if run else [],
        "chart": curves.chart(run.backtest, run.model) if run else None,
        "model_label": services.MODEL_CHOICES.get(choice.model, choice.model),
        "group_label": GROUPS.get(choice.group, choice.group),
        "incident_count": Incident.objects.filter(group=choice.group).count(),
        "officer_count": Incident.objects.filter(
            group=choice.group, origin=Incident.OFFICER
        ).count(),
    }
    return render(request, "forecasting/analyst.html", context, status=400 if errors else 200)


@allow(*ANALYSTS)
@require_POST
def refresh_now(request: HttpRequest) -> HttpResponse:
    try:
        choice, _errors = services.Choice.parse(request.POST, strict=True)
    except services.ForecastError as exc:
        messages.error(request, str(exc))
        return redirect(reverse("forecasting-page"))
    if services.pending_run(choice) is None:
        services.request_forecast(choice, user=request.user, request=request)
    messages.success(
        request,
        _("The forecast is being made in the background; this page shows it when it is ready."),
    )
    return redirect(f"{reverse('forecasting-page')}?{_query(choice)}")
