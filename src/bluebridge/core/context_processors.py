from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest

from bluebridge.core import nav
from bluebridge.core.roles import is_staff_member, user_roles


def bluebridge(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    roles = user_roles(user)
    return {
        "department_name": settings.BLUEBRIDGE_DEPARTMENT_NAME,
        "non_emergency_phone": settings.BLUEBRIDGE_NON_EMERGENCY_PHONE,
        "map_tiles_url": settings.BLUEBRIDGE_MAP_TILES_URL,
        "user_roles": roles,
        "public_links": nav.links_for("public", roles),
        "staff_links": nav.links_for("staff", roles),
        "is_staff_member": is_staff_member(user),
    }
