"""Core pages: home, staff home, the audit log, API tokens."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from bluebridge.core import audit_search, roles, tokens
from bluebridge.core.access import allow
from bluebridge.servicedesk.models import ServiceCategory

AUDIT_PAGE_SIZE = 50
AUDIT_FILTERS = ("actor", "action", "object_type", "object_ref", "since", "until")


@allow(roles.PUBLIC)
def home(request: HttpRequest) -> HttpResponse:
    categories = ServiceCategory.objects.filter(active=True).select_related("routing_unit")
    return render(request, "core/home.html", {"categories": categories})


@allow(*roles.STAFF_ROLES)
def staff_home(request: HttpRequest) -> HttpResponse:
    return render(request, "core/staff_home.html")


@allow(roles.ADMIN)
def audit_log(request: HttpRequest) -> HttpResponse:
    """Administrators search the audit log; each search is itself audited."""
    errors: dict[str, str] = {}
    try:
        filters = audit_search.parse_filters(request.GET)
    except audit_search.InvalidFilter as exc:
        errors = exc.errors
        filters = audit_search.AuditFilters()
    if not errors:
        audit_search.record_search(filters, request=request, channel="web")
    events = audit_search.search(filters).select_related("actor") if not errors else None
    page = (
        Paginator(events, AUDIT_PAGE_SIZE).get_page(request.GET.get("page"))
        if events is not None
        else None
    )
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "errors": errors,
        "values": {name: request.GET.get(name, "") for name in AUDIT_FILTERS},
        "actions": audit_search.ACTIONS,
        "page": page,
        "querystring": query.urlencode(),
    }
    return render(request, "core/audit_log.html", context, status=400 if errors else 200)


@allow(*roles.STAFF_ROLES)
def api_tokens(request: HttpRequest) -> HttpResponse:
    """The signed-in person's API tokens: create (shown once) and revoke.

    Administrators can manage someone else's tokens with ?user=<username>.
    """
    errors: dict[str, str] = {}
    new_secret = ""
    status = 200
    try:
        owner = tokens.resolve_owner(request.user, request.GET.get("user") or None)
    except tokens.TokenError as exc:
        return render(
            request, "core/api_tokens.html", {"errors": exc.errors, "tokens": []}, status=exc.status
        )
    if request.method == "POST":
        action = request.POST.get("action", "")
        try:
            if action == "create":
                _token, new_secret = tokens.create_token(
                    request.user, request.POST.get("name", ""), owner=owner, request=request
                )
            elif action == "revoke":
                token_id = request.POST.get("token_id", "")
                if not token_id.isdigit():
                    raise tokens.TokenError({"token_id": "choose a token to revoke"})
                token = tokens.find_token(request.user, int(token_id))
                tokens.revoke_token(request.user, token, request=request)
                messages.success(request, _("Token %(name)s revoked.") % {"name": token.name})
                return redirect(request.get_full_path())
            else:
                raise tokens.TokenError({"action": "choose create or revoke"})
        except tokens.TokenError as exc:
            errors, status = exc.errors, exc.status
    context = {
        "owner": owner,
        "is_own": owner.pk == request.user.pk,
        "tokens": tokens.tokens_of(owner),
        "new_secret": new_secret,
        "errors": errors,
        "name_value": request.POST.get("name", "") if errors else "",
    }
    return render(request, "core/api_tokens.html", context, status=status)
