from django.db import migrations


def load(apps, schema_editor):
    from sihub.core.services import taxonomies_load

    taxonomies_load(apps)


class Migration(migrations.Migration):
    dependencies = [("core", "0003_auditentry_append_only")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
