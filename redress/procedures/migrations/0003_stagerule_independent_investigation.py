from django.db import migrations, models


def statutory_stage2_investigates(apps, schema_editor):
    """The shipped statutory procedure's stage 2 is an independent investigation (as
    fixtures/procedures.json now says, for a fresh load); every other stage keeps the default,
    off. Only this flag is written, so an authority's own changes to its rules stay."""
    StageRule = apps.get_model("procedures", "StageRule")
    StageRule.objects.filter(procedure__code="statutory", stage=2).update(
        independent_investigation=True
    )


class Migration(migrations.Migration):
    dependencies = [("procedures", "0002_load_shipped_procedures")]

    operations = [
        migrations.AddField(
            model_name="stagerule",
            name="independent_investigation",
            field=models.BooleanField(
                default=False,
                help_text="An Investigating Officer and an Independent Person are appointed and report, and a senior manager of the authority adjudicates on their reports (the statutory procedure's stage 2). Leave it off for a review by a manager (the local procedure's stage 2): the stage's pages then offer no appointments, reports or adjudication.",
                verbose_name="independent investigation",
            ),
        ),
        migrations.RunPython(statutory_stage2_investigates, migrations.RunPython.noop),
    ]
