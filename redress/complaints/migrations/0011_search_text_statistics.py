"""PostgreSQL: finer statistics for the search text, so the planner knows how many complaints a
search matches.

At the default statistics target it guessed about a hundred for any trigram search; a common
surname matches thousands at a million complaints, and on that guess the newest-first page
sorted all of them (56 ms) rather than walking the received-date index until it had 25 (5 ms).
The column is analysed again here so the estimate holds from now on. SQLite searches its FTS5
table (0008) and needs nothing."""

from django.db import migrations

STATISTICS = 1000


def finer(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        f"ALTER TABLE complaints_complaint ALTER COLUMN search_text SET STATISTICS {STATISTICS}"
    )
    schema_editor.execute("ANALYZE complaints_complaint (search_text)")


def default(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        "ALTER TABLE complaints_complaint ALTER COLUMN search_text SET STATISTICS -1"
    )


class Migration(migrations.Migration):
    atomic = False  # ANALYZE may run outside a transaction block

    dependencies = [("complaints", "0010_complaint_open_stage_index")]

    operations = [migrations.RunPython(finer, default)]
