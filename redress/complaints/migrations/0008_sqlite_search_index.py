"""On SQLite, an index for the complaints' search: an FTS5 table with the trigram tokenizer
(SQLite 3.34 and later) holding each complaint's search text under the complaint's id, kept by
triggers on the complaint, so `search_text LIKE '%…%'` of three characters or more reads the
index instead of every complaint (a search at 100,000 complaints read the whole table twice,
50 to 85 ms each time). PostgreSQL has its trigram index already (0006). ADR 0015."""

from django.db import migrations

TABLE = "complaints_search"

CREATE = [
    f"CREATE VIRTUAL TABLE IF NOT EXISTS {TABLE} USING fts5(search_text, tokenize='trigram')",
    f"""CREATE TRIGGER IF NOT EXISTS {TABLE}_insert AFTER INSERT ON complaints_complaint
    BEGIN
        INSERT INTO {TABLE}(rowid, search_text) VALUES (new.id, new.search_text);
    END""",
    f"""CREATE TRIGGER IF NOT EXISTS {TABLE}_update AFTER UPDATE OF search_text
    ON complaints_complaint WHEN old.search_text IS NOT new.search_text
    BEGIN
        DELETE FROM {TABLE} WHERE rowid = old.id;
        INSERT INTO {TABLE}(rowid, search_text) VALUES (new.id, new.search_text);
    END""",
    f"""CREATE TRIGGER IF NOT EXISTS {TABLE}_delete AFTER DELETE ON complaints_complaint
    BEGIN
        DELETE FROM {TABLE} WHERE rowid = old.id;
    END""",
    f"DELETE FROM {TABLE}",
    f"INSERT INTO {TABLE}(rowid, search_text) SELECT id, search_text FROM complaints_complaint",
]
DROP = [
    f"DROP TRIGGER IF EXISTS {TABLE}_insert",
    f"DROP TRIGGER IF EXISTS {TABLE}_update",
    f"DROP TRIGGER IF EXISTS {TABLE}_delete",
    f"DROP TABLE IF EXISTS {TABLE}",
]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor != "sqlite":
            return
        for statement in statements:
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("complaints", "0007_open_stage_index_covers_id")]

    operations = [migrations.RunPython(_run(CREATE), _run(DROP))]
