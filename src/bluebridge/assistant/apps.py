from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssistantConfig(AppConfig):
    name = "bluebridge.assistant"
    label = "assistant"
    verbose_name = "Citizen assistant"

    def ready(self) -> None:
        from bluebridge.assistant import demo
        from bluebridge.core import nav
        from bluebridge.core.demo import extensions
        from bluebridge.core.roles import ADMIN, AGENT, SUPERVISOR

        nav.register("public", "assistant", _("Ask a question"), order=30)
        nav.register(
            "staff", "assistant-inbox", _("Assistant inbox"), roles=[AGENT, SUPERVISOR, ADMIN]
        )
        nav.register(
            "staff",
            "assistant-articles",
            _("Assistant knowledge base"),
            roles=[AGENT, SUPERVISOR, ADMIN],
        )
        nav.register(
            "staff", "assistant-safety", _("Assistant safety review"), roles=[SUPERVISOR, ADMIN]
        )
        extensions.register("assistant", populate=demo.populate, wipe=demo.wipe, order=20)
        # The report form and every other caller of core.safety.screen get the learned layer too.
        from bluebridge.core import safety

        safety.register_detector(_learned_kind)


def _learned_kind(prepared: str) -> str | None:
    from bluebridge.assistant.safety.model import predict

    return predict(prepared).kind
