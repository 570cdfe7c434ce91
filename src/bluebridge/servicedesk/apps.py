from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save


class ServicedeskConfig(AppConfig):
    name = "bluebridge.servicedesk"
    label = "servicedesk"
    verbose_name = "Service desk"

    def ready(self) -> None:
        from bluebridge.servicedesk.models import CategoryAttribute, ServiceCategory
        from bluebridge.servicedesk.validation import forget_categories

        for model in (ServiceCategory, CategoryAttribute):
            post_save.connect(
                forget_categories, sender=model, dispatch_uid=f"forget-{model.__name__}-save"
            )
            post_delete.connect(
                forget_categories, sender=model, dispatch_uid=f"forget-{model.__name__}-delete"
            )
