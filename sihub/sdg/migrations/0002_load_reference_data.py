from django.db import migrations


def load(apps, schema_editor):
    from sihub.sdg.services import reference_data_load

    reference_data_load(apps)


class Migration(migrations.Migration):
    dependencies = [("sdg", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
