"""Core JSON API: the caller, API tokens, the audit log, area lookup."""

from __future__ import annotations

from datetime import datetime

from django.http import HttpRequest
from ninja import Query, Router, Schema
from ninja.errors import HttpError
from ninja.responses import Status

from bluebridge.core import areas, audit_search, roles, tokens
from bluebridge.core.api_auth import STAFF_AUTH
from bluebridge.core.api_auth import roles as require
from bluebridge.core.api_errors import error_response
from bluebridge.core.models import ApiToken, AuditEvent

router = Router(tags=["core"], auth=STAFF_AUTH)

STAFF = tuple(sorted(roles.STAFF_ROLES))


class MeOut(Schema):
    username: str
    roles: list[str]


@router.get("/me", response=MeOut, summary="Who am I (any signed-in person)")
@require(*roles.ROLES)
def me(request: HttpRequest) -> MeOut:
    return MeOut(username=request.user.get_username(), roles=sorted(roles.user_roles(request.user)))


# --- API tokens -------------------------------------------------------------------------------


class TokenOut(Schema):
    id: int
    user: str
    name: str
    hint: str
    created_at: datetime
    created_by: str | None
    last_used_at: datetime | None
    revoked_at: datetime | None
    revoked_by: str | None
    active: bool

    @staticmethod
    def of(token: ApiToken) -> TokenOut:
        return TokenOut(
            id=token.pk,
            user=token.user.get_username(),
            name=token.name,
            hint=token.hint,
            created_at=token.created_at,
            created_by=token.created_by.get_username() if token.created_by else None,
            last_used_at=token.last_used_at,
            revoked_at=token.revoked_at,
            revoked_by=token.revoked_by.get_username() if token.revoked_by else None,
            active=token.active,
        )


class NewTokenIn(Schema):
    name: str
    user: str | None = None


class NewTokenOut(TokenOut):
    token: str


class TokenFilter(Schema):
    user: str | None = None


@router.get(
    "/tokens",
    response=list[TokenOut],
    summary="List API tokens (own; administrators may pass ?user=)",
    description="Staff manage their own tokens; administrators anyone's.",
)
@require(*STAFF)
def list_tokens(request: HttpRequest, filters: Query[TokenFilter]) -> list[TokenOut]:
    try:
        owner = tokens.resolve_owner(request.user, filters.user)
    except tokens.TokenError as exc:
        raise error_response(exc.status, exc.errors) from exc
    return [TokenOut.of(t) for t in tokens.tokens_of(owner).select_related("user")]


@router.post(
    "/tokens",
    response={201: NewTokenOut},
    summary="Create an API token (the token is returned once)",
    description="Staff create their own; administrators may name another `user`.",
)
@require(*STAFF)
def create_token(request: HttpRequest, payload: NewTokenIn) -> Status[NewTokenOut]:
    try:
        owner = tokens.resolve_owner(request.user, payload.user)
        token, secret = tokens.create_token(
            request.user, payload.name, owner=owner, request=request
        )
    except tokens.TokenError as exc:
        raise error_response(exc.status, exc.errors) from exc
    return Status(201, NewTokenOut(**TokenOut.of(token).model_dump(), token=secret))


@router.delete(
    "/tokens/{token_id}",
    response=TokenOut,
    summary="Revoke an API token (own; administrators any)",
    description="Staff manage their own tokens; administrators anyone's.",
)
@require(*STAFF)
def revoke_token(request: HttpRequest, token_id: int) -> TokenOut:
    try:
        token = tokens.find_token(request.user, token_id)
        tokens.revoke_token(request.user, token, request=request)
    except tokens.TokenError as exc:
        raise error_response(exc.status, exc.errors) from exc
    return TokenOut.of(token)


# --- Audit log --------------------------------------------------------------------------------


class AuditEventOut(Schema):
    id: int
    at: datetime
    actor: str
    action: str
    object_type: str
    object_ref: str
    summary: str
    changes: dict
    ip: str | None
    user_agent: str

    @staticmethod
    def of(event: AuditEvent) -> AuditEventOut:
        return AuditEventOut(
            id=event.pk,
            at=event.at,
            actor=event.actor_label,
            action=event.action,
            object_type=event.object_type,
            object_ref=event.object_ref,
            summary=event.summary,
            changes=event.changes,
            ip=event.ip,
            user_agent=event.user_agent,
        )


class AuditPage(Schema):
    count: int
    limit: int
    offset: int
    items: list[AuditEventOut]


class AuditQuery(Schema):
    actor: str = ""
    action: str = ""
    object_type: str = ""
    object_ref: str = ""
    since: str = ""
    until: str = ""
    limit: int = 50
    offset: int = 0


@router.get(
    "/audit",
    response=AuditPage,
    summary="Search the audit log (administrator)",
    description=(
        "Filters: actor, action, object_type, object_ref, since, until "
        "(ISO 8601 dates or date-times). Pagination: limit (1-500), offset. Each search is "
        "itself recorded in the audit log."
    ),
)
@require(roles.ADMIN)
def audit_log(request: HttpRequest, query: Query[AuditQuery]) -> AuditPage:
    errors: dict[str, str] = {}
    if not 1 <= query.limit <= 500:
        errors["limit"] = "must be between 1 and 500"
    if query.offset < 0:
        errors["offset"] = "must not be negative"
    try:
        filters = audit_search.parse_filters(query.model_dump())
    except audit_search.InvalidFilter as exc:
        errors.update(exc.errors)
    if errors:
        raise error_response(400, errors)
    audit_search.record_search(filters, request=request, channel="api")
    events = audit_search.search(filters)
    page = events[query.offset : query.offset + query.limit]
    return AuditPage(
        count=events.count(),
        limit=query.limit,
        offset=query.offset,
        items=[AuditEventOut.of(e) for e in page],
    )


# --- Areas ------------------------------------------------------------------------------------


class AreaOut(Schema):
    code: str
    name: str
    kind: str
    district: str | None
    unit: str | None


@router.get(
    "/areas/lookup",
    response=AreaOut,
    summary="Which beat and district hold a point",
    description="404 when the point is outside every area.",
)
@require(*STAFF)
def area_lookup(request: HttpRequest, lat: float, lon: float) -> AreaOut:
    errors = {}
    if not -90 <= lat <= 90:
        errors["lat"] = "must be between -90 and 90"
    if not -180 <= lon <= 180:
        errors["lon"] = "must be between -180 and 180"
    if errors:
        raise error_response(422, errors)
    area = areas.find_area(lat, lon)
    if area is None:
        raise HttpError(404, "the point is outside every area of the department")
    district = area.parent if area.kind == area.BEAT else None
    return AreaOut(
        code=area.code,
        name=area.name,
        kind=area.kind,
        district=district.code if district else (area.code if area.kind == area.DISTRICT else None),
        unit=area.unit.code if area.unit else None,
    )
