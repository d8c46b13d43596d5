"""Indexes for My work, the team's work, who may see what and the list sorted by due date at a
million complaints (ADR 0015): the open stages alone, covering what is counted of them; a
person's stages with their complaints; complaints by due date and reference; the open
complaints newest first."""

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
            index=models.Index(
                fields=["allocated_to", "complaint", "number"], name="stage_person_idx"
            ),
        ),
        migrations.AddIndex(
            model_name="complaint",
            index=models.Index(fields=["due_date", "reference"], name="complaint_due_sort_idx"),
        ),
        migrations.AddIndex(
            model_name="complaint",
            index=models.Index(
                condition=models.Q(("status__in", ["open", "on_hold"])),
                fields=["received_date", "reference", "status", "due_date"],
                name="complaint_open_list_idx",
            ),
        ),
    ]
