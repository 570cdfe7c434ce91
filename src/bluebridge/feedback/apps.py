from datetime import time, timedelta

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FeedbackConfig(AppConfig):
    name = "bluebridge.feedback"
    label = "feedback"
    verbose_name = "Community feedback"

    def ready(self) -> None:
        from bluebridge.core import events, nav, schedule
        from bluebridge.core.demo import extensions
        from bluebridge.core.roles import ADMIN, ANALYST, SUPERVISOR
        from bluebridge.feedback import demo, tasks
        from bluebridge.feedback.services.invitations import on_contact_closed
        from bluebridge.feedback.services.texts import on_text_submitted

        events.contact_closed.connect(on_contact_closed, dispatch_uid="feedback-invite")
        events.text_submitted.connect(on_text_submitted, dispatch_uid="feedback-text")
        schedule.register(
            "feedback-invitations", tasks.sweep_invitations, every=timedelta(minutes=15)
        )
        schedule.register("feedback-concerns", tasks.scan_concerns, daily_at=time(3, 15))
        schedule.register(
            "feedback-sentiment-model", tasks.train_sentiment_model, daily_at=time(2, 45)
        )
        nav.register("public", "community-survey", _("Community survey"), order=60)
        nav.register(
            "staff",
            "feedback-dashboard",
            _("Listening dashboard"),
            roles=[ANALYST, SUPERVISOR, ADMIN],
        )
        nav.register("staff", "feedback-surveys", _("Surveys"), roles=[SUPERVISOR, ADMIN])
        extensions.register("feedback", populate=demo.populate, wipe=demo.wipe, order=50)
