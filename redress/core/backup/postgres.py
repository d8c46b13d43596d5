"""PostgreSQL: a backup is `pg_dump --format=custom` (one consistent snapshot, taken while the
server runs); restoring is `pg_restore --clean --if-exists --no-owner` in a single
transaction, so a restore that fails part way changes nothing.

Both tools connect with the settings' DATABASES entry; the host, port, user and password go in
their environment (PGHOST, PGPORT, PGUSER, PGPASSWORD), never on a command line that any user
of the machine can read in the process list. The audit table's append-only trigger and its
function are in the dump like any other object and come back with the tables; the restore
checks that every trigger in the backup is in the database afterwards."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import psycopg
from django.db import connections
from psycopg import sql

from .common import (
    BackupError,
    BackupFile,
    Contents,
    audit_table,
    check_file,
    compare_migrations,
    user_table,
    write_whole,
)

SUFFIX = ".dump"
HEADER = b"PGDMP"
SQLITE_HEADER = b"SQLite format 3\x00"
# Libpq's environment variables for the settings' OPTIONS that say how to connect securely.
OPTION_VARIABLES = {
    "sslmode": "PGSSLMODE",
    "sslrootcert": "PGSSLROOTCERT",
    "sslcert": "PGSSLCERT",
    "sslkey": "PGSSLKEY",
    "passfile": "PGPASSFILE",
    "service": "PGSERVICE",
}


def describe(database: dict[str, Any]) -> str:
    where = database.get("HOST") or "the local socket"
    port = database.get("PORT")
    return f"the PostgreSQL database {database['NAME']} on {where}{f':{port}' if port else ''}"


def _environment(database: dict[str, Any]) -> dict[str, str]:
    env = dict(os.environ)
    for key, variable in (
        ("HOST", "PGHOST"),
        ("PORT", "PGPORT"),
        ("USER", "PGUSER"),
        ("PASSWORD", "PGPASSWORD"),
    ):
        if database.get(key):
            env[variable] = str(database[key])
    for option, variable in OPTION_VARIABLES.items():
        if value := (database.get("OPTIONS") or {}).get(option):
            env[variable] = str(value)
    return env


def _dbname(database: dict[str, Any]) -> str:
    """A connection string naming the database only (a bare name holding `=` would be read as
    one)."""
    name = str(database["NAME"]).replace("\\", "\\\\").replace("'", "\\'")
    return f"--dbname=dbname='{name}'"


def _tool(name: str) -> tuple[str, int]:
    """The tool's path and major version, or why it cannot be used."""
    path = shutil.which(name)
    if path is None:
        raise BackupError(
            f"{name} is not installed (or not on PATH): install the PostgreSQL client tools "
            "(Debian: apt-get install postgresql-client), the same version as the server or newer."
        )
    found = subprocess.run([path, "--version"], capture_output=True, text=True, check=False)  # noqa: S603
    match = re.search(r"(\d+)(?:\.\d+)?", found.stdout)
    if found.returncode or not match:
        raise BackupError(f"{path} --version did not say its version: {found.stderr.strip()}")
    return path, int(match.group(1))


def _run(command: list[str], database: dict[str, Any], **kwargs: Any) -> str:
    done = subprocess.run(  # noqa: S603
        command, env=_environment(database), stderr=subprocess.PIPE, check=False, **kwargs
    )
    if done.returncode:
        raise BackupError(_stderr(done.stderr))
    return "" if done.stdout is None else str(done.stdout)


def _stderr(stderr: bytes | str) -> str:
    text = stderr.decode(errors="replace") if isinstance(stderr, bytes) else stderr
    lines = [line for line in text.strip().splitlines() if line.strip()]
    return "\n".join(lines[-5:]) or "(no message)"


def backup(final: Path, using: str) -> int:
    connection = connections[using]
    database = connection.settings_dict
    pg_dump, version = _tool("pg_dump")
    connection.ensure_connection()
    server = connection.pg_version // 10000  # type: ignore[attr-defined]
    if version < server:
        raise BackupError(
            f"pg_dump is version {version} but the server is version {server}: install the "
            f"PostgreSQL {server} client tools (pg_dump must be as new as the server)."
        )

    def write(temp: Path) -> None:
        with temp.open("wb") as out:
            try:
                _run(
                    [pg_dump, "--format=custom", "--no-password", _dbname(database)],
                    database,
                    stdout=out,
                )
            except BackupError as error:
                raise BackupError(f"pg_dump failed; no backup was written:\n{error}") from None

    return write_whole(final, write)


def inspect(path: Path, database: dict[str, Any]) -> BackupFile:
    size = check_file(path)
    with path.open("rb") as file:
        start = file.read(len(SQLITE_HEADER))
    if start == SQLITE_HEADER:
        raise BackupError(
            f"{path} is a SQLite backup, but the database here is PostgreSQL. A backup restores "
            "only into the kind of database it came from; to move between them, use redress "
            "export and redress import."
        )
    if not start.startswith(HEADER):
        raise BackupError(
            f"{path} is not a PostgreSQL backup (it does not start as a pg_dump archive)."
        )
    pg_restore, version = _tool("pg_restore")
    try:
        listing = _run(
            [pg_restore, "--list", str(path)], database, stdout=subprocess.PIPE, text=True
        )
    except BackupError as error:
        raise BackupError(f"{path} cannot be read by pg_restore:\n{error}") from None
    made_by = _version(listing, "Dumped by pg_dump version")
    if made_by is not None and made_by > version:
        raise BackupError(
            f"{path} was made by pg_dump {made_by}, and this pg_restore is version {version}: "
            f"install the PostgreSQL {made_by} client tools or newer."
        )
    tables, triggers, data = _entries(listing)
    if "django_migrations" not in data:
        raise BackupError(f"{path} is not a backup of Redress: it has no django_migrations table.")
    applied = _migrations(pg_restore, path, database)
    return BackupFile(
        path=path,
        size=size,
        migrations=frozenset(applied),
        pending=compare_migrations(path, applied),
        tables=tables,
        triggers=triggers,
    )


def _listing(pg_restore: str, path: Path, database: dict[str, Any]) -> str:
    return _run([pg_restore, "--list", str(path)], database, stdout=subprocess.PIPE, text=True)


def _version(listing: str, label: str) -> int | None:
    match = re.search(rf"^;\s*{label}: (\d+)", listing, re.MULTILINE)
    return int(match.group(1)) if match else None


def _entries(listing: str) -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """The tables, triggers and tables with data in pg_restore's list of an archive, whose
    lines read `ID; CATALOG OID TYPE SCHEMA NAME OWNER` (a trigger's NAME is `TABLE NAME`)."""
    tables, triggers, data = set(), set(), set()
    for line in listing.splitlines():
        if line.startswith(";") or ";" not in line:
            continue
        words = line.split(";", 1)[1].split()
        if len(words) < 5:
            continue
        kind = words[2:4]
        if kind == ["TABLE", "DATA"] and len(words) >= 6:
            data.add(words[5])
        elif kind[0] == "TABLE":
            tables.add(words[4])
        elif kind[0] == "TRIGGER" and len(words) >= 6:
            triggers.add(words[5])
    return frozenset(tables), frozenset(triggers), frozenset(data)


def _migrations(pg_restore: str, path: Path, database: dict[str, Any]) -> set[tuple[str, str]]:
    """The migrations applied in the backed-up database, read from its django_migrations data."""
    try:
        script = _run(
            [pg_restore, "--data-only", "--table=django_migrations", "--file=-", str(path)],
            database,
            stdout=subprocess.PIPE,
            text=True,
        )
    except BackupError as error:
        raise BackupError(f"{path} cannot be read by pg_restore:\n{error}") from None
    match = re.search(
        r"^COPY \S*django_migrations \(([^)]*)\) FROM stdin;\n(.*?)^\\\.$",
        script,
        re.MULTILINE | re.DOTALL,
    )
    if not match:
        raise BackupError(f"{path} holds no list of migrations (django_migrations is empty).")
    columns = [c.strip() for c in match.group(1).split(",")]
    app, name = columns.index("app"), columns.index("name")
    applied = set()
    for line in match.group(2).splitlines():
        fields = line.split("\t")
        applied.add((fields[app], fields[name]))
    return applied


def _connect(database: dict[str, Any]) -> psycopg.Connection[Any]:
    options = database.get("OPTIONS") or {}
    try:
        return psycopg.connect(
            dbname=database["NAME"],
            host=database.get("HOST") or None,
            port=database.get("PORT") or None,
            user=database.get("USER") or None,
            password=database.get("PASSWORD") or None,
            autocommit=True,
            **{k: v for k, v in options.items() if k in OPTION_VARIABLES},
        )
    except psycopg.Error as error:
        raise BackupError(f"Cannot connect to {describe(database)}: {error}") from None


def _contents(db: psycopg.Connection[Any]) -> Contents:
    tables = frozenset(
        row[0]
        for row in db.execute("SELECT tablename FROM pg_tables WHERE schemaname = current_schema()")
    )

    def count(table: str) -> int:
        if table not in tables:
            return 0
        row = db.execute(
            sql.SQL("SELECT COUNT(*) FROM {}").format(sql.Identifier(table))
        ).fetchone()
        return int(row[0]) if row else 0

    return Contents(tables=tables, users=count(user_table()), audit_events=count(audit_table()))


def contents(database: dict[str, Any]) -> Contents:
    with _connect(database) as db:
        return _contents(db)


def restore(backup: BackupFile, database: dict[str, Any], *, replace: bool) -> frozenset[str]:
    """pg_restore in one transaction; returns the triggers the restored database has."""
    pg_restore, _ = _tool("pg_restore")
    with _connect(database) as db:
        held = _contents(db)
        server = db.info.server_version // 10000
    if held.held and not replace:
        raise BackupError(f"{describe(database)} holds {held}; nothing changed.")
    # --clean drops only what the backup holds: a table it does not have would stay behind,
    # unknown to the restored migrations.
    extra = held.tables - backup.tables
    if extra:
        raise BackupError(
            f"{describe(database)} has tables the backup does not ({', '.join(sorted(extra))}): "
            "restore into a new, empty database instead. Nothing changed."
        )
    listing = _run(
        [pg_restore, "--list", str(backup.path)], database, stdout=subprocess.PIPE, text=True
    )
    made_from = _version(listing, "Dumped from database version")
    if made_from is not None and made_from > server:
        raise BackupError(
            f"{backup.path} was taken from PostgreSQL {made_from}; this server is version "
            f"{server}, older, and may not take it. Restore into PostgreSQL {made_from} or newer."
        )
    try:
        _run(
            [
                pg_restore,
                "--clean",
                "--if-exists",
                "--no-owner",
                "--single-transaction",
                "--exit-on-error",
                "--no-password",
                _dbname(database),
                str(backup.path),
            ],
            database,
        )
    except BackupError as error:
        raise BackupError(
            f"pg_restore failed, and as it ran in one transaction nothing changed:\n{error}"
        ) from None
    with _connect(database) as db:
        triggers = frozenset(
            row[0] for row in db.execute("SELECT tgname FROM pg_trigger WHERE NOT tgisinternal")
        )
    missing = backup.triggers - triggers
    if missing:
        raise BackupError(
            f"The restore finished but these triggers from the backup are missing: "
            f"{', '.join(sorted(missing))}. Check the database before using it."
        )
    return triggers
