from django.db import migrations


def load(apps, schema_editor):
    from redress.taxonomies.loader import load_taxonomies

    load_taxonomies(apps.get_model("taxonomies", "Taxonomy"), apps.get_model("taxonomies", "Term"))


class Migration(migrations.Migration):
    dependencies = [("taxonomies", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
