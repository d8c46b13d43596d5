"""Fill the stored stage state for records made before it existed, and on PostgreSQL add
trigram indexes so a search for any part of a reference or a name uses an index (ADR 0015)."""

from django.db import migrations

TRIGRAM_INDEXES = [
    ("complaint_reference_trgm", "complaints_complaint", "reference"),
    ("person_name_trgm", "people_person", "name"),
    ("enquiry_reference_trgm", "ombudsman_enquiry", "lgo_reference"),
]


def fill_state(apps, schema_editor):
    # A new database has nothing to fill, and there the current code must not run: it reads
    # columns later migrations add (procedures 0003's StageRule.independent_investigation).
    if not apps.get_model("complaints", "Stage").objects.exists():
        return
    # The current code works the state out; for records made before this migration, apply it
    # with the code of its time (the columns the current code reads may not exist yet).
    from redress.complaints.state import refresh_all

    refresh_all()


def add_trigram_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for name, table, column in TRIGRAM_INDEXES:
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {name} ON {table} USING gin ({column} gin_trgm_ops)"
        )


def drop_trigram_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, _, _ in TRIGRAM_INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [
        ("complaints", "0003_case_work_fields"),
        ("people", "0002_case_work_fields"),
        ("ombudsman", "0002_case_work_fields"),
    ]

    operations = [
        migrations.RunPython(fill_state, migrations.RunPython.noop),
        migrations.RunPython(add_trigram_indexes, drop_trigram_indexes),
    ]
