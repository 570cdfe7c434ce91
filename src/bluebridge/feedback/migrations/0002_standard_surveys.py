"""The standard surveys (community, post-contact, recovery) and the default post-contact policy."""

from typing import Any

from django.db import migrations


def create(apps: Any, schema_editor: Any) -> None:
    from bluebridge.feedback.standard import SURVEYS

    Survey = apps.get_model("feedback", "Survey")
    SurveyVersion = apps.get_model("feedback", "SurveyVersion")
    SurveyPolicy = apps.get_model("feedback", "SurveyPolicy")
    for spec in SURVEYS:
        fields = {k: v for k, v in spec.items() if k != "questions"}
        survey, created = Survey.objects.get_or_create(slug=spec["slug"], defaults=fields)
        if created:
            SurveyVersion.objects.create(survey=survey, number=1, questions=spec["questions"])
    post = Survey.objects.get(slug="post-contact")
    for kind in ("request", "complaint", "chat"):
        SurveyPolicy.objects.get_or_create(
            source_kind=kind, category="", defaults={"survey": post, "delay_hours": 24}
        )


class Migration(migrations.Migration):
    dependencies = [("feedback", "0001_initial")]

    operations = [migrations.RunPython(create, migrations.RunPython.noop)]
