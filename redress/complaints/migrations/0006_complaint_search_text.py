"""The complaint's search text: its reference, the names of its complainant, of whom it is on
behalf and of its children, and its Ombudsman references, in one column with a trigram index on
PostgreSQL, so the list's search reads one index (ADR 0015). The reference's own trigram index
goes: the search text holds the reference."""

from collections import defaultdict
from itertools import batched

from django.db import migrations, models

BATCH = 2000
SEPARATOR = "\n"


def _text(*parts):
    # As `complaints.state.search_text` did when this migration was written.
    return SEPARATOR.join(" ".join(p.split()).lower() for p in parts if p and p.strip())


def fill_search_text(apps, schema_editor):
    Complaint = apps.get_model("complaints", "Complaint")
    Enquiry = apps.get_model("ombudsman", "Enquiry")
    Children = Complaint.children.through
    ids = list(Complaint.objects.order_by("pk").values_list("pk", flat=True))
    table = schema_editor.quote_name(Complaint._meta.db_table)
    for batch in batched(ids, BATCH, strict=False):
        more = defaultdict(list)
        for pk, name in Children.objects.filter(complaint_id__in=batch).values_list(
            "complaint_id", "person__name"
        ):
            more[pk].append(name or "")
        for pk, reference in Enquiry.objects.filter(complaint_id__in=batch).values_list(
            "complaint_id", "lgo_reference"
        ):
            more[pk].append(reference)
        rows = [
            (_text(reference, complainant, behalf, *sorted(more[pk])), pk)
            for pk, reference, complainant, behalf in Complaint.objects.filter(
                pk__in=batch
            ).values_list("pk", "reference", "complainant__name", "on_behalf_of__name")
        ]
        with schema_editor.connection.cursor() as cursor:
            cursor.executemany(f"UPDATE {table} SET search_text = %s WHERE id = %s", rows)


def trigram_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    schema_editor.execute(
        "CREATE INDEX IF NOT EXISTS complaint_search_trgm ON complaints_complaint "
        "USING gin (search_text gin_trgm_ops)"
    )
    schema_editor.execute("DROP INDEX IF EXISTS complaint_reference_trgm")


def reference_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("DROP INDEX IF EXISTS complaint_search_trgm")
    schema_editor.execute(
        "CREATE INDEX IF NOT EXISTS complaint_reference_trgm ON complaints_complaint "
        "USING gin (reference gin_trgm_ops)"
    )


class Migration(migrations.Migration):
    dependencies = [
        ("complaints", "0005_open_stage_and_person_indexes"),
        ("ombudsman", "0002_case_work_fields"),
    ]

    operations = [
        migrations.AddField(
            model_name="complaint",
            name="search_text",
            field=models.TextField(blank=True, default="", editable=False),
        ),
        migrations.RunPython(fill_search_text, migrations.RunPython.noop),
        migrations.RunPython(trigram_index, reference_index),
    ]
