"""Indexes for My work, the team's work and who may see what at a million complaints
(ADR 0015): the open stages alone, covering what is counted of them, and a person's stages with
their complaints."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("complaints", "0004_stored_state_and_search"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="stage",
            index=models.Index(
                condition=models.Q(("status__in", ["open", "on_hold"])),
                fields=[
                    "allocated_to",
                    "number",
                    "due_date",
                    "status",
                    "complaint",
                    "acknowledged_date",
                    "statement_agreed_date",
                ],
                name="stage_open_idx",
            ),
        ),
        migrations.AddIndex(
            model_name="stage",
            index=models.Index(fields=["allocated_to", "complaint"], name="stage_person_idx"),
        ),
    ]
