from django.apps import AppConfig


class ComplaintsConfig(AppConfig):
    name = "bluebridge.complaints"
    label = "complaints"
    verbose_name = "Complaints, commendations and service recovery"

    def ready(self) -> None:
        # Connect receivers of core.events, register nav links (core.nav) and the demo-city
        # hook (core.demo.extensions) here.
        pass
