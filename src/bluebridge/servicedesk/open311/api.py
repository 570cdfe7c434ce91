"""JSON API for administrators: list, issue and revoke Open311 API keys."""

from __future__ import annotations

from datetime import datetime

from django.http import HttpRequest
from ninja import Router, Schema, Status
from ninja.errors import HttpError

from bluebridge.core import roles
from bluebridge.core.api_auth import STAFF_AUTH
from bluebridge.core.api_auth import roles as require
from bluebridge.servicedesk.models import Open311ApiKey
from bluebridge.servicedesk.open311 import keys

router = Router(tags=["open311 keys"], auth=STAFF_AUTH)


class KeyOut(Schema):
    id: int
    name: str
    hint: str
    rate_limit_per_minute: int | None
    created_at: datetime
    created_by: str | None
    revoked_at: datetime | None
    active: bool


class NewKeyIn(Schema):
    name: str
    rate_limit_per_minute: int | None = None


class NewKeyOut(KeyOut):
    key: str


def _out(key: Open311ApiKey) -> dict:
    return {
        "id": key.pk,
        "name": key.name,
        "hint": key.hint,
        "rate_limit_per_minute": key.rate_limit_per_minute,
        "created_at": key.created_at,
        "created_by": key.created_by.get_username() if key.created_by else None,
        "revoked_at": key.revoked_at,
        "active": key.revoked_at is None,
    }


@router.get(
    "/open311-keys",
    response=list[KeyOut],
    summary="List Open311 API keys (the keys themselves are never shown again)",
)
@require(roles.ADMIN)
def list_keys(request: HttpRequest) -> list[dict]:
    return [_out(k) for k in keys.all_keys()]


@router.post(
    "/open311-keys",
    response={201: NewKeyOut},
    summary="Issue an Open311 API key (shown once, in `key`)",
)
@require(roles.ADMIN)
def create_key(request: HttpRequest, payload: NewKeyIn) -> Status[dict]:
    key, secret = keys.issue(
        payload.name, rate_limit=payload.rate_limit_per_minute, request=request
    )
    return Status(201, {**_out(key), "key": secret})


@router.post("/open311-keys/{key_id}/revoke", response=KeyOut, summary="Revoke an Open311 API key")
@require(roles.ADMIN)
def revoke_key(request: HttpRequest, key_id: int) -> dict:
    key = Open311ApiKey.objects.select_related("created_by").filter(pk=key_id).first()
    if key is None:
        raise HttpError(404, f"no Open311 key has the id {key_id}")
    return _out(keys.revoke(key, request=request))
