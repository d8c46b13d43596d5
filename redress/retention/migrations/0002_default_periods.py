"""Every record type starts at six years, so the admin shows what applies before anyone
changes it."""

from django.db import migrations

RECORD_TYPES = ("complaint", "informal_feedback", "compliment")


def add_defaults(apps, schema_editor):
    RetentionPeriod = apps.get_model("retention", "RetentionPeriod")
    for record_type in RECORD_TYPES:
        RetentionPeriod.objects.get_or_create(record_type=record_type, defaults={"years": 6})


class Migration(migrations.Migration):
    dependencies = [("retention", "0001_legal_holds_and_periods")]

    operations = [migrations.RunPython(add_defaults, migrations.RunPython.noop)]
