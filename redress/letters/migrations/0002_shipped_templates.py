"""The letter templates Redress ships (redress/letters/defaults.py), as version 1 of each."""

from django.db import migrations
from django.utils import timezone


def add_shipped_templates(apps, schema_editor):
    from redress.letters.defaults import DEFAULTS

    template_model = apps.get_model("letters", "LetterTemplate")
    version_model = apps.get_model("letters", "LetterTemplateVersion")
    for order, default in enumerate(DEFAULTS):
        if template_model.objects.filter(code=default.code).exists():
            continue
        template = template_model.objects.create(
            code=default.code,
            name=default.name,
            kind=default.kind,
            stage=default.stage,
            audience=default.audience,
            use=default.use,
            subject=default.subject,
            body=default.body,
            version=1,
            order=order,
        )
        version_model.objects.create(
            template=template,
            version=1,
            subject=default.subject,
            body=default.body,
            note="The text Redress ships.",
            saved_at=timezone.now(),
        )


class Migration(migrations.Migration):
    dependencies = [("letters", "0001_letters")]

    operations = [migrations.RunPython(add_shipped_templates, migrations.RunPython.noop)]
