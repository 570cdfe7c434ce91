from django.apps import AppConfig


class AssistantConfig(AppConfig):
    name = "bluebridge.assistant"
    label = "assistant"
    verbose_name = "Citizen assistant"

    def ready(self) -> None:
        # Connect receivers of core.events, register nav links (core.nav) and the demo-city
        # hook (core.demo.extensions) here.
        pass
