from django.apps import AppConfig


class ServicedeskConfig(AppConfig):
    name = "bluebridge.servicedesk"
    label = "servicedesk"
    verbose_name = "Service desk"
