"""The audit table refuses UPDATE and DELETE at the database (see redress/core/append_only.py).

On SQLite, a migration that remakes core_auditevent (most ALTERs do) drops these triggers: such a
migration must create them again (test_append_only checks they are there).
"""

from django.db import migrations

PG_FUNCTION = """
CREATE OR REPLACE FUNCTION redress_audit_append_only() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' THEN
        -- The deliberate erasure, within its own transaction (SET LOCAL).
        IF current_setting('redress.audit_erasure', true) = 'on' THEN
            RETURN NEW;
        END IF;
        -- A user or import run deleted (ON DELETE SET NULL): only those ids may go, to NULL.
        IF (to_jsonb(NEW) - 'actor_id' - 'import_run_id')
                = (to_jsonb(OLD) - 'actor_id' - 'import_run_id')
           AND (NEW.actor_id IS NULL OR NEW.actor_id = OLD.actor_id)
           AND (NEW.import_run_id IS NULL OR NEW.import_run_id = OLD.import_run_id) THEN
            RETURN NEW;
        END IF;
    END IF;
    RAISE EXCEPTION 'The audit trail is append-only: % of audit event % refused', TG_OP, OLD.id
        USING ERRCODE = 'integrity_constraint_violation';
END;
$$;
"""
PG_TRIGGER = """
CREATE TRIGGER core_auditevent_append_only
BEFORE UPDATE OR DELETE ON core_auditevent
FOR EACH ROW EXECUTE FUNCTION redress_audit_append_only();
"""
PG_DROP = (
    "DROP TRIGGER IF EXISTS core_auditevent_append_only ON core_auditevent;"
    " DROP FUNCTION IF EXISTS redress_audit_append_only();"
)

# SQLite has no session settings: the trigger asks redress_audit_unlocked(), a function each
# connection registers (redress/core/apps.py). The columns are listed because SQLite cannot
# compare whole rows.
UNCHANGED = " AND ".join(
    f'NEW."{c}" IS OLD."{c}"'
    for c in (
        "id",
        "at",
        "actor_label",
        "action",
        "content_type_id",
        "object_id",
        "complaint_id",
        "before",
        "after",
        "note",
    )
)
SQLITE_UPDATE = f"""
CREATE TRIGGER core_auditevent_no_update BEFORE UPDATE ON core_auditevent
WHEN NOT redress_audit_unlocked('UPDATE') AND NOT (
    {UNCHANGED}
    AND (NEW.actor_id IS NULL OR NEW.actor_id IS OLD.actor_id)
    AND (NEW.import_run_id IS NULL OR NEW.import_run_id IS OLD.import_run_id)
)
BEGIN SELECT RAISE(ABORT, 'The audit trail is append-only: UPDATE refused'); END;
"""
SQLITE_DELETE = """
CREATE TRIGGER core_auditevent_no_delete BEFORE DELETE ON core_auditevent
WHEN NOT redress_audit_unlocked('DELETE')
BEGIN SELECT RAISE(ABORT, 'The audit trail is append-only: DELETE refused'); END;
"""
SQLITE_DROP = (
    "DROP TRIGGER IF EXISTS core_auditevent_no_update",
    "DROP TRIGGER IF EXISTS core_auditevent_no_delete",
)


def create_triggers(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(PG_FUNCTION, None)  # its % are PL/pgSQL's
        schema_editor.execute(PG_TRIGGER, None)
    elif vendor == "sqlite":
        schema_editor.execute(SQLITE_UPDATE)
        schema_editor.execute(SQLITE_DELETE)


def drop_triggers(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(PG_DROP)
    elif vendor == "sqlite":
        for statement in SQLITE_DROP:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]

    operations = [migrations.RunPython(create_triggers, drop_triggers, elidable=False)]
