"""What the facts a report reads have changed by, kept by the database itself (triggers on every
table extraction reads), so that facts kept between reports are used only while nothing they
were read from has changed (reporting/facts/kept.py, ADR 0032). Not Django models: nothing but
the triggers and `kept` writes them.

SQLite: one counter, one added by every inserted, changed or deleted row (SQLite's triggers are
row by row; it has one writer at a time, so a counter read with the facts is exact).

PostgreSQL: a row per writing transaction (its id), added once a statement, and where the
pruning has reached. No row is updated by writers, so no writer waits for another's."""

from django.db import migrations

# The tables of reporting/facts/kept.py's TABLES when this migration was written (a migration
# must not import code that changes).
TABLES = (
    "complaints_aspect",
    "complaints_complaint",
    "complaints_extension",
    "complaints_hold",
    "complaints_learningaction",
    "complaints_mediation",
    "complaints_payment",
    "complaints_stage",
    "feedback_compliment",
    "feedback_informalfeedback",
    "feedback_satisfactionanswer",
    "ombudsman_enquiry",
    "organisations_locality",
    "organisations_organisation",
    "organisations_servicearea",
    "people_person",
    "procedures_procedure",
    "procedures_stagerule",
    "reporting_contextfigure",
    "surveys_survey",
    "taxonomies_term",
)
EVENTS = ("insert", "update", "delete")

POSTGRES = [
    """CREATE TABLE IF NOT EXISTS reporting_facts_change (
        xid xid8 PRIMARY KEY,
        at timestamptz NOT NULL DEFAULT clock_timestamp()
    )""",
    """CREATE TABLE IF NOT EXISTS reporting_facts_pruned (
        one boolean PRIMARY KEY DEFAULT true CHECK (one),
        below xid8 NOT NULL,
        pruned_at timestamptz NOT NULL DEFAULT now()
    )""",
    """INSERT INTO reporting_facts_pruned (below)
    VALUES (pg_snapshot_xmin(pg_current_snapshot())) ON CONFLICT DO NOTHING""",
    """CREATE OR REPLACE FUNCTION reporting_facts_changed() RETURNS trigger
    LANGUAGE plpgsql AS $$
    BEGIN
        INSERT INTO reporting_facts_change (xid) VALUES (pg_current_xact_id())
        ON CONFLICT DO NOTHING;
        RETURN NULL;
    END
    $$""",
    *(
        statement
        for table in TABLES
        for statement in (
            f"DROP TRIGGER IF EXISTS reporting_facts_{table} ON {table}",
            f"""CREATE TRIGGER reporting_facts_{table}
            AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON {table}
            FOR EACH STATEMENT EXECUTE FUNCTION reporting_facts_changed()""",
        )
    ),
]
POSTGRES_DROP = [
    *(f"DROP TRIGGER IF EXISTS reporting_facts_{table} ON {table}" for table in TABLES),
    "DROP FUNCTION IF EXISTS reporting_facts_changed()",
    "DROP TABLE IF EXISTS reporting_facts_pruned",
    "DROP TABLE IF EXISTS reporting_facts_change",
]

SQLITE = [
    "CREATE TABLE IF NOT EXISTS reporting_facts_version (n integer NOT NULL)",
    "INSERT INTO reporting_facts_version (n) SELECT 0 "
    "WHERE NOT EXISTS (SELECT 1 FROM reporting_facts_version)",
    *(
        f"""CREATE TRIGGER IF NOT EXISTS reporting_facts_{event}_{table}
        AFTER {event.upper()} ON {table}
        BEGIN UPDATE reporting_facts_version SET n = n + 1; END"""
        for table in TABLES
        for event in EVENTS
    ),
]
SQLITE_DROP = [
    *(
        f"DROP TRIGGER IF EXISTS reporting_facts_{event}_{table}"
        for table in TABLES
        for event in EVENTS
    ),
    "DROP TABLE IF EXISTS reporting_facts_version",
]


def _run(postgres, sqlite):
    def run(apps, schema_editor):
        vendor = schema_editor.connection.vendor
        for statement in {"postgresql": postgres, "sqlite": sqlite}.get(vendor, []):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("reporting", "0007_edition_for_a_locality"),
        ("complaints", "0012_advocacy_referral"),
        ("feedback", "0002_informal_feedback_answers"),
        ("ombudsman", "0003_enquiry_organisation_remedy_custom_data"),
        ("organisations", "0001_initial"),
        ("people", "0002_case_work_fields"),
        ("procedures", "0003_stagerule_independent_investigation"),
        ("surveys", "0001_surveys"),
        ("taxonomies", "0002_load_shipped_taxonomies"),
    ]

    operations = [migrations.RunPython(_run(POSTGRES, SQLITE), _run(POSTGRES_DROP, SQLITE_DROP))]
