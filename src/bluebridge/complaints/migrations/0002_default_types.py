from django.db import migrations


def install(apps, schema_editor):
    from bluebridge.complaints.seeds import install_default_types

    install_default_types(apps.get_model("complaints", "ComplaintType"))


class Migration(migrations.Migration):
    dependencies = [("complaints", "0001_initial")]

    operations = [migrations.RunPython(install, migrations.RunPython.noop)]
