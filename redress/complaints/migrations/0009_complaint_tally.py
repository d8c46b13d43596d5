"""How many complaints there are of each procedure, stage reached, service area, organisation,
locality and kind of complainant, kept by the database itself (triggers), so the list's count
of "every complaint" or of one filtered by those columns is a sum over a few hundred rows
rather than a count of up to a million (ADR 0015). A missing value is kept as 0 (or '') so
that every key is comparable. Not a Django model: nothing but the triggers writes it, and a
test's flush or serialised reload reaches it through the complaints it counts.

On PostgreSQL inserts and deletes are counted once a statement from its transition table (an
import's COPY of a million rows is one grouped upsert), and an update row by row, only when
one of the counted columns changes, unless the state refresh has paused it to count a batch's
moves itself; a TRUNCATE of the complaints empties it. On SQLite every
trigger is row by row."""

from django.db import migrations

TABLE = "complaint_tally"
COLUMNS = (
    "procedure_id",
    "stage_reached",
    "service_area_id",
    "organisation_id",
    "locality_id",
    "complainant_type",
)
KEY = ", ".join(COLUMNS)


def _value(row: str, column: str) -> str:
    """A counted column of `row` (new, old or a transition table's alias), missing as 0."""
    return f"COALESCE({row}.{column}, {"''" if column == 'complainant_type' else 0})"


def _key_of(row: str) -> str:
    return ", ".join(_value(row, c) for c in COLUMNS)


def _key_named(row: str) -> str:
    return ", ".join(f"{_value(row, c)} AS {c}" for c in COLUMNS)


def _matches(row: str) -> str:
    return " AND ".join(f"{c} = {_value(row, c)}" for c in COLUMNS)


def _changed(old: str, new: str, distinct: str) -> str:
    return " OR ".join(f"{old}.{c} {distinct} {new}.{c}" for c in COLUMNS)


# Set (SET LOCAL) by `complaints.state` while it moves many complaints' stage reached at once:
# it counts the moves itself, one grouped upsert a batch (row by row, the trigger took about
# 50 s of a 100,000-complaint import's state refresh).
PAUSED = "redress.tally_paused"

CREATE_TABLE = f"""CREATE TABLE IF NOT EXISTS {TABLE} (
    procedure_id integer NOT NULL,
    stage_reached integer NOT NULL,
    service_area_id integer NOT NULL,
    organisation_id integer NOT NULL,
    locality_id integer NOT NULL,
    complainant_type varchar(24) NOT NULL,
    complaints bigint NOT NULL,
    PRIMARY KEY ({KEY})
)"""
FILL = f"""INSERT INTO {TABLE} ({KEY}, complaints)
    SELECT {_key_of("c")}, COUNT(*) FROM complaints_complaint c GROUP BY {_key_of("c")}"""
UPSERT_ONE = f"""INSERT INTO {TABLE} ({KEY}, complaints) VALUES ({_key_of("new")}, 1)
    ON CONFLICT ({KEY}) DO UPDATE SET complaints = {TABLE}.complaints + 1"""
LESS_ONE = f"UPDATE {TABLE} SET complaints = complaints - 1 WHERE {_matches('old')}"

POSTGRES = [
    CREATE_TABLE,
    f"DELETE FROM {TABLE}",
    FILL,
    f"""CREATE OR REPLACE FUNCTION {TABLE}_added() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        INSERT INTO {TABLE} ({KEY}, complaints)
            SELECT {_key_of("n")}, COUNT(*) FROM added n GROUP BY {_key_of("n")}
            ON CONFLICT ({KEY}) DO UPDATE SET complaints = {TABLE}.complaints + EXCLUDED.complaints;
        RETURN NULL;
    END $$""",
    f"""CREATE OR REPLACE FUNCTION {TABLE}_removed() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        UPDATE {TABLE} t SET complaints = t.complaints - r.complaints
            FROM (SELECT {_key_named("o")}, COUNT(*) AS complaints FROM removed o
                  GROUP BY {_key_of("o")}) r
            WHERE {" AND ".join(f"t.{c} = r.{c}" for c in COLUMNS)};
        RETURN NULL;
    END $$""",
    f"""CREATE OR REPLACE FUNCTION {TABLE}_moved() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        {LESS_ONE};
        {UPSERT_ONE};
        RETURN NULL;
    END $$""",
    f"""CREATE OR REPLACE FUNCTION {TABLE}_emptied() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        DELETE FROM {TABLE};
        RETURN NULL;
    END $$""",
    f"""CREATE TRIGGER {TABLE}_insert AFTER INSERT ON complaints_complaint
    REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION {TABLE}_added()""",
    f"""CREATE TRIGGER {TABLE}_delete AFTER DELETE ON complaints_complaint
    REFERENCING OLD TABLE AS removed FOR EACH STATEMENT EXECUTE FUNCTION {TABLE}_removed()""",
    f"""CREATE TRIGGER {TABLE}_update AFTER UPDATE OF {KEY} ON complaints_complaint
    FOR EACH ROW WHEN (({_changed("OLD", "NEW", "IS DISTINCT FROM")})
        AND current_setting('{PAUSED}', true) IS DISTINCT FROM 'on')
    EXECUTE FUNCTION {TABLE}_moved()""",
    f"""CREATE TRIGGER {TABLE}_truncate AFTER TRUNCATE ON complaints_complaint
    FOR EACH STATEMENT EXECUTE FUNCTION {TABLE}_emptied()""",
]
POSTGRES_DROP = [
    *(
        f"DROP TRIGGER IF EXISTS {TABLE}_{event} ON complaints_complaint"
        for event in ("insert", "delete", "update", "truncate")
    ),
    *(
        f"DROP FUNCTION IF EXISTS {TABLE}_{name}()"
        for name in ("added", "removed", "moved", "emptied")
    ),
    f"DROP TABLE IF EXISTS {TABLE}",
]

SQLITE = [
    CREATE_TABLE,
    f"DELETE FROM {TABLE}",
    FILL,
    f"""CREATE TRIGGER IF NOT EXISTS {TABLE}_insert AFTER INSERT ON complaints_complaint
    BEGIN {UPSERT_ONE}; END""",
    f"""CREATE TRIGGER IF NOT EXISTS {TABLE}_delete AFTER DELETE ON complaints_complaint
    BEGIN {LESS_ONE}; END""",
    f"""CREATE TRIGGER IF NOT EXISTS {TABLE}_update AFTER UPDATE OF {KEY} ON complaints_complaint
    WHEN {_changed("old", "new", "IS NOT")}
    BEGIN {LESS_ONE}; {UPSERT_ONE}; END""",
]
SQLITE_DROP = [
    *(f"DROP TRIGGER IF EXISTS {TABLE}_{event}" for event in ("insert", "delete", "update")),
    f"DROP TABLE IF EXISTS {TABLE}",
]


def _run(postgres, sqlite):
    def run(apps, schema_editor):
        vendor = schema_editor.connection.vendor
        for statement in {"postgresql": postgres, "sqlite": sqlite}.get(vendor, []):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("complaints", "0008_sqlite_search_index")]

    operations = [migrations.RunPython(_run(POSTGRES, SQLITE), _run(POSTGRES_DROP, SQLITE_DROP))]
