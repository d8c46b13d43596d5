"""Extraction no longer reads the people table (a complainant is an id in the facts, named only
by the drill-down: ADR 0035), so a change to a person no longer changes the facts kept between
reports: its triggers go (reporting/facts/kept.py's TABLES, migration 0008)."""

from django.db import migrations

EVENTS = ("insert", "update", "delete")

POSTGRES = ["DROP TRIGGER IF EXISTS reporting_facts_people_person ON people_person"]
POSTGRES_BACK = [
    """CREATE TRIGGER reporting_facts_people_person
    AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON people_person
    FOR EACH STATEMENT EXECUTE FUNCTION reporting_facts_changed()"""
]
SQLITE = [f"DROP TRIGGER IF EXISTS reporting_facts_{event}_people_person" for event in EVENTS]
SQLITE_BACK = [
    f"""CREATE TRIGGER IF NOT EXISTS reporting_facts_{event}_people_person
    AFTER {event.upper()} ON people_person
    BEGIN UPDATE reporting_facts_version SET n = n + 1; END"""
    for event in EVENTS
]


def _run(postgres, sqlite):
    def run(apps, schema_editor):
        vendor = schema_editor.connection.vendor
        for statement in {"postgresql": postgres, "sqlite": sqlite}.get(vendor, []):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("reporting", "0008_facts_changes")]

    operations = [migrations.RunPython(_run(POSTGRES, SQLITE), _run(POSTGRES_BACK, SQLITE_BACK))]
