from django.apps import AppConfig


class FeedbackConfig(AppConfig):
    name = "bluebridge.feedback"
    label = "feedback"
    verbose_name = "Community feedback"

    def ready(self) -> None:
        # Connect receivers of core.events, register nav links (core.nav) and the demo-city
        # hook (core.demo.extensions) here.
        pass
