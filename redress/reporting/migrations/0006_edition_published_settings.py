"""Published editions keep the report profile and voice they were published with.

Editions published before this migration did not record theirs; they are given the settings as
they stand when the migration runs (the authority's stored values, or the defaults of
`redress.core.config` for those never set). That is the best knowledge there is of what they
were published with, and from then on a change to the settings no longer changes them.
Drafts are left empty: they follow the current settings.
"""

from django.db import migrations, models

# The defaults in redress/core/config.py when this migration was written, in their stored
# (JSON) form: a migration must not import the live settings module.
DEFAULTS = {
    "report_sections": [],
    "report_reasons_by": "category",
    "report_timeliness_by": "responses",
    "report_voice": "we",
}


def keep_current_settings(apps, schema_editor):
    AuthoritySetting = apps.get_model("core", "AuthoritySetting")
    ReportEdition = apps.get_model("reporting", "ReportEdition")
    stored = dict(AuthoritySetting.objects.filter(key__in=DEFAULTS).values_list("key", "value"))
    current = {key: stored.get(key, default) for key, default in DEFAULTS.items()}
    ReportEdition.objects.filter(status="published").update(published_settings=current)


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0002_audit_append_only"),
        ("reporting", "0005_excerpts_of_ombudsman_enquiries_and_you_said_we_did"),
    ]

    operations = [
        migrations.AddField(
            model_name="reportedition",
            name="published_settings",
            field=models.JSONField(
                blank=True,
                default=dict,
                help_text="The report profile and voice the edition was published with.",
            ),
        ),
        migrations.RunPython(keep_current_settings, migrations.RunPython.noop),
    ]
