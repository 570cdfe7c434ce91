"""Keep the role groups and their permissions in step with roles.GROUP_PERMISSIONS after migrate."""

from __future__ import annotations

from typing import Any


def ensure_role_groups(**kwargs: Any) -> None:
    from django.contrib.auth.models import Group, Permission

    from bluebridge.core.roles import GROUP_PERMISSIONS, ROLES

    for role in ROLES:
        group, _ = Group.objects.get_or_create(name=role)
        wanted = []
        for dotted in GROUP_PERMISSIONS.get(role, []):
            app_label, codename = dotted.split(".")
            perm = Permission.objects.filter(
                content_type__app_label=app_label, codename=codename
            ).first()
            if perm is not None:
                wanted.append(perm)
        group.permissions.set(wanted)
