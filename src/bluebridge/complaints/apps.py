from django.apps import AppConfig


class ComplaintsConfig(AppConfig):
    name = "bluebridge.complaints"
    label = "complaints"
    verbose_name = "Complaints, commendations and service recovery"

    def ready(self) -> None:
        from datetime import timedelta

        from django.utils.translation import gettext_lazy as _

        from bluebridge.complaints import demo, receivers
        from bluebridge.complaints import visibility as v
        from bluebridge.complaints.tasks import scan_breaches
        from bluebridge.core import nav, roles, schedule
        from bluebridge.core.demo import extensions

        receivers.connect()
        schedule.register("complaints-sla-breaches", scan_breaches, every=timedelta(minutes=15))
        nav.register("public", "complaints-home", _("Compliment or complain"), order=30)
        nav.register(
            "staff",
            "staff-complaints",
            _("Complaints"),
            roles=[*v.COMPLAINT_HANDLERS, roles.AGENT, roles.ADMIN],
            order=40,
        )
        nav.register(
            "staff",
            "staff-complaint-new",
            _("File a complaint for a resident"),
            roles=v.INTAKE,
            order=41,
        )
        nav.register(
            "staff",
            "staff-commendations",
            _("Commendations"),
            roles=v.COMMENDATION_READERS,
            order=42,
        )
        nav.register("staff", "staff-recovery", _("Service recovery"), roles=v.RECOVERY, order=43)
        nav.register(
            "staff",
            "staff-complaints-analytics",
            _("Recovery and complaint analytics"),
            roles=v.ANALYTICS,
            order=44,
        )
        nav.register(
            "staff",
            "staff-officer-signals",
            _("Officer conduct signals"),
            roles=[roles.STANDARDS],
            order=45,
        )
        extensions.register("complaints", populate=demo.populate, wipe=demo.wipe, order=40)
