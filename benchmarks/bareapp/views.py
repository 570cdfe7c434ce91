"""The bare comparison view: parse the same form body, one INSERT, a small JSON answer."""

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from benchmarks.bareapp.models import BareReport
from bluebridge.core import roles
from bluebridge.core.access import allow


@csrf_exempt
@require_POST
@allow(roles.PUBLIC)
def bare_create(request: HttpRequest) -> HttpResponse:
    row = BareReport._default_manager.create(
        service_code=request.POST.get("service_code", ""),
        description=request.POST.get("description", ""),
        lat=float(request.POST.get("lat") or 0),
        lon=float(request.POST.get("long") or 0),
    )
    return JsonResponse([{"service_request_id": str(row.pk)}], status=201, safe=False)
