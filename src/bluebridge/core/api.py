"""Core JSON API: the caller, API tokens, the audit log, area lookup."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Router, Schema

from bluebridge.core import roles
from bluebridge.core.api_auth import STAFF_AUTH
from bluebridge.core.api_auth import roles as require

router = Router(tags=["core"], auth=STAFF_AUTH)


class MeOut(Schema):
    username: str
    roles: list[str]


@router.get("/me", response=MeOut, summary="Who am I (any signed-in staff member)")
@require(*roles.ROLES)
def me(request: HttpRequest) -> MeOut:
    return MeOut(username=request.user.get_username(), roles=sorted(roles.user_roles(request.user)))
