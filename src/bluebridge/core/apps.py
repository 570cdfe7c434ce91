from django.apps import AppConfig
from django.db.models.signals import post_migrate


class CoreConfig(AppConfig):
    name = "bluebridge.core"
    label = "core"
    verbose_name = "Bluebridge core"

    def ready(self) -> None:
        from bluebridge.core.signals import ensure_role_groups

        post_migrate.connect(ensure_role_groups, dispatch_uid="bluebridge-role-groups")
