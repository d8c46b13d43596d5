"""`redress backup` and `redress restore` (issue 8, point 11), on whichever database the suite
runs on: a backup restored into an empty database gives an identical `redress export` and keeps
the audit trail's triggers; a restore refuses, changing nothing, a missing file, a file that is
not a backup of this kind of database, a backup from a newer Redress, and a database that holds
data unless told to replace it.

The restore and the second export run as separate `redress` processes pointed at the restored
database, as an administrator would run them."""

import os
import sqlite3
import stat
import subprocess
import sys
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path
from typing import Any
from urllib.parse import quote

import psycopg
import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection

from redress.accounts.models import Role, User
from redress.core.backup import (
    BackupError,
    backup_database,
    inspect_backup,
    restore_backup,
    target_contents,
)
from redress.core.models import AuditEvent
from redress.imports.services import import_dataset
from redress.imports.tests.test_export import empty_the_database, every_sheet
from redress.reporting.facts.kept import TABLES as FACTS_TABLES

# serialized_rollback: the flush after each test would otherwise leave later tests without the
# procedures and taxonomies the migrations ship (and recreate content types they then load).
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

ON_SQLITE = connection.vendor == "sqlite"
only_postgres = pytest.mark.skipif(ON_SQLITE, reason="pg_dump and pg_restore: PostgreSQL only")
only_sqlite = pytest.mark.skipif(not ON_SQLITE, reason="SQLite's own file handling")


def _server(database: dict[str, Any]) -> psycopg.Connection[Any]:
    return psycopg.connect(
        dbname="postgres",
        host=database["HOST"] or None,
        port=database["PORT"] or None,
        user=database["USER"] or None,
        password=database["PASSWORD"] or None,
        autocommit=True,
    )


def _drop(database: dict[str, Any], name: str) -> None:
    with _server(database) as server:
        server.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def empty_target(tmp_path) -> Iterator[dict[str, Any]]:
    """A DATABASES entry for a new, empty database: a SQLite file not yet made, or a scratch
    database beside the test database on the same PostgreSQL server, dropped afterwards."""
    source = connection.settings_dict
    if ON_SQLITE:
        yield {**source, "NAME": str(tmp_path / "restored.sqlite3")}
        return
    name = f"{source['NAME']}_restored"
    _drop(source, name)
    with _server(source) as server:
        server.execute(f'CREATE DATABASE "{name}"')
    yield {**source, "NAME": name}
    _drop(source, name)


def database_url(database: dict[str, Any]) -> str:
    if database["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{database['NAME']}"
    user = quote(database["USER"] or "")
    password = f":{quote(database['PASSWORD'])}" if database["PASSWORD"] else ""
    where = f"{database['HOST']}:{database['PORT'] or 5432}"
    return f"postgres://{user}{password}@{where}/{database['NAME']}"


def redress(*args: str, database: dict[str, Any], answer: str = "") -> subprocess.CompletedProcess:
    """`redress ARGS` in a process of its own, with DATABASE_URL naming `database`."""
    return subprocess.run(  # noqa: S603
        [sys.executable, "-m", "redress.manage", *args],
        env={**os.environ, "DATABASE_URL": database_url(database)},
        cwd=settings.BASE_DIR,
        input=answer,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def user(username: str) -> User:
    return User.objects.create_user(username=username, role=Role.COMPLAINTS_OFFICER)


def records_with_an_audit_trail(tmp_path: Path) -> None:
    """Every sheet's records, imported (so each is audited against an import run), and a user."""
    every_sheet()
    call_command("export", str(tmp_path / "made"), verbosity=0)
    empty_the_database()
    assert import_dataset(path=tmp_path / "made", create_missing=True).problems == []
    user("olive_officer")


def take_backup(tmp_path: Path, name: str = "redress.backup") -> Path:
    return backup_database(path=tmp_path / name).path


def audit_update_refused(database: dict[str, Any]) -> str:
    """Try to change an audit event in `database` behind Redress's back; the refusal's text."""
    if ON_SQLITE:
        with closing(sqlite3.connect(database["NAME"])) as db:
            db.create_function("redress_audit_unlocked", 1, lambda operation: 0)
            with pytest.raises(sqlite3.IntegrityError) as refused:
                db.execute("UPDATE core_auditevent SET note = 'changed'")
        return str(refused.value)
    with (
        psycopg.connect(**_params(database)) as db,
        pytest.raises(psycopg.errors.IntegrityConstraintViolation) as refused,
    ):
        db.execute("UPDATE core_auditevent SET note = 'changed'")
    return str(refused.value)


def _params(database: dict[str, Any]) -> dict[str, Any]:
    return {
        "dbname": database["NAME"],
        "host": database["HOST"] or None,
        "port": database["PORT"] or None,
        "user": database["USER"] or None,
        "password": database["PASSWORD"] or None,
    }


def test_a_backup_restored_into_an_empty_database_exports_identically(
    tmp_path, empty_target, capsys
):
    records_with_an_audit_trail(tmp_path)
    call_command("export", str(tmp_path / "before"), verbosity=0)

    call_command("backup", str(tmp_path / "redress.backup"))
    backup = tmp_path / "redress.backup"
    said = capsys.readouterr().out
    assert f"to {backup} (" in said
    assert "children's personal data" in said
    assert stat.S_IMODE(backup.stat().st_mode) == 0o600

    restored = redress("restore", str(backup), "--no-input", database=empty_target)
    assert restored.returncode == 0, restored.stderr
    events = AuditEvent.objects.count()
    assert events > 10
    assert f"which now holds 1 user and {events:,} audit events" in restored.stdout
    exported = redress("export", str(tmp_path / "after"), database=empty_target)
    assert exported.returncode == 0, exported.stderr

    before, after = files(tmp_path / "before"), files(tmp_path / "after")
    assert before == after
    assert b"KCT-2021-0002" in after["complaints.csv"]
    assert b"21 004 512" in after["ombudsman.csv"]
    assert "append-only" in audit_update_refused(empty_target)


def test_the_restored_database_keeps_the_audit_triggers(tmp_path, empty_target):
    user("olive_officer")
    backup = inspect_backup(path=take_backup(tmp_path), database=empty_target)
    result = restore_backup(path=backup.path, database=empty_target)
    expected = (
        {
            "core_auditevent_no_update",
            "core_auditevent_no_delete",
            # The complaints' search index (complaints 0008)
            "complaints_search_insert",
            "complaints_search_update",
            "complaints_search_delete",
            # The complaint tally (complaints 0009)
            "complaint_tally_insert",
            "complaint_tally_update",
            "complaint_tally_delete",
            # What the facts kept between reports are read from has changed (reporting 0008)
            *(
                f"reporting_facts_{event}_{table}"
                for table in FACTS_TABLES
                for event in ("insert", "update", "delete")
            ),
        }
        if ON_SQLITE
        else {
            "core_auditevent_append_only",
            "complaint_tally_insert",
            "complaint_tally_update",
            "complaint_tally_delete",
            "complaint_tally_truncate",
            *(f"reporting_facts_{table}" for table in FACTS_TABLES),
        }
    )
    assert backup.triggers == result.triggers == expected


def test_a_missing_file_is_refused(tmp_path, empty_target):
    with pytest.raises(BackupError, match=f"There is no file {tmp_path}/nothing.backup"):
        restore_backup(path=tmp_path / "nothing.backup", database=empty_target)
    assert not target_contents(database=empty_target).tables


def _other_kind(tmp_path: Path) -> Path:
    """A backup of the other kind of database."""
    path = tmp_path / "other.backup"
    if ON_SQLITE:
        path.write_bytes(b"PGDMP\x01\x0e\x00" + bytes(100))
    else:
        with closing(sqlite3.connect(path)) as db:
            db.execute("CREATE TABLE django_migrations (app, name)")
    return path


def _cut_short(tmp_path: Path) -> Path:
    whole = take_backup(tmp_path, "whole.backup")
    path = tmp_path / "cut.backup"
    path.write_bytes(whole.read_bytes()[:3000])
    return path


def _not_redress(tmp_path: Path) -> Path:
    path = tmp_path / "other-app.backup"
    if ON_SQLITE:
        with closing(sqlite3.connect(path)) as db:
            db.execute("CREATE TABLE orders (id)")
    else:  # a pg_dump archive of a database that is not Redress's
        name = f"{connection.settings_dict['NAME']}_other"
        _drop(connection.settings_dict, name)
        with _server(connection.settings_dict) as server:
            server.execute(f'CREATE DATABASE "{name}"')
        try:
            other = {**connection.settings_dict, "NAME": name}
            with psycopg.connect(**_params(other), autocommit=True) as db:
                db.execute("CREATE TABLE orders (id int)")
            env = {**os.environ, "PGPASSWORD": other["PASSWORD"] or ""}
            subprocess.run(  # noqa: S603
                ["pg_dump", "--format=custom", f"--file={path}", *_pg_args(other)],  # noqa: S607
                env=env,
                check=True,
            )
        finally:
            _drop(connection.settings_dict, name)
    return path


def _pg_args(database: dict[str, Any]) -> list[str]:
    return [
        f"--host={database['HOST']}",
        f"--port={database['PORT'] or 5432}",
        f"--username={database['USER']}",
        f"--dbname={database['NAME']}",
    ]


@pytest.mark.parametrize(
    ("make", "refusal"),
    [
        (lambda tmp: tmp / "notes.txt", "is not a (SQLite|PostgreSQL) backup"),
        (_other_kind, "is a (PostgreSQL|SQLite) backup.*, but the database here is"),
        (_cut_short, "cannot be read"),
        (_not_redress, "is not a backup of Redress: it has no django_migrations table"),
    ],
    ids=["text", "other-database", "cut-short", "not-redress"],
)
def test_a_file_that_is_not_a_backup_of_this_database_is_refused(
    tmp_path, empty_target, make, refusal
):
    (tmp_path / "notes.txt").write_text("Not a backup.\n")
    path = make(tmp_path)
    with pytest.raises(BackupError, match=refusal):
        restore_backup(path=path, database=empty_target)
    assert not target_contents(database=empty_target).tables


def test_a_backup_from_a_newer_redress_is_refused(tmp_path, empty_target):
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO django_migrations (app, name, applied) VALUES "
            "('core', '9999_from_the_future', CURRENT_TIMESTAMP)"
        )
    try:
        backup = take_backup(tmp_path)
    finally:  # django_migrations outlives the test's flush
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM django_migrations WHERE name = '9999_from_the_future'")
    with pytest.raises(
        BackupError,
        match=r"made by a newer version of Redress: .* \(core\.9999_from_the_future\)",
    ):
        restore_backup(path=backup, database=empty_target)
    assert not target_contents(database=empty_target).tables


def test_an_older_backup_restores_and_names_the_migrations_to_run(tmp_path, empty_target):
    with connection.cursor() as cursor:
        cursor.execute("SELECT app, name, applied FROM django_migrations WHERE app = 'core'")
        core = cursor.fetchall()
        cursor.execute("DELETE FROM django_migrations WHERE app = 'core' AND name LIKE '0002%'")
    try:
        backup = take_backup(tmp_path)
    finally:
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM django_migrations WHERE app = 'core'")
            for row in core:
                cursor.execute(
                    "INSERT INTO django_migrations (app, name, applied) VALUES (%s, %s, %s)", row
                )
    assert inspect_backup(path=backup, database=empty_target).pending == (
        "core.0002_audit_append_only",
    )


def test_a_database_holding_data_is_replaced_only_when_asked(tmp_path, empty_target):
    user("olive_officer")
    first = take_backup(tmp_path, "first.backup")
    restore_backup(path=first, database=empty_target)
    user("oscar_officer")
    second = take_backup(tmp_path, "second.backup")

    refused = redress("restore", str(second), "--no-input", database=empty_target)
    assert refused.returncode == 1
    assert "already holds data (1 user and 0 audit events)" in refused.stderr
    assert "--replace" in refused.stderr
    declined = redress("restore", str(second), "--replace", database=empty_target, answer="no\n")
    assert declined.returncode == 1
    assert "Type 'yes' to go on" in declined.stdout
    assert "Restore cancelled. Nothing changed." in declined.stderr
    unanswered = redress("restore", str(second), "--replace", database=empty_target)
    assert unanswered.returncode == 1
    assert "there was no answer (give --no-input" in unanswered.stderr
    assert target_contents(database=empty_target).users == 1

    replaced = redress("restore", str(second), "--replace", database=empty_target, answer="yes\n")
    assert replaced.returncode == 0, replaced.stderr
    assert "which now holds 2 users" in replaced.stdout
    assert target_contents(database=empty_target).users == 2


def test_the_service_refuses_a_database_holding_data_too(tmp_path, empty_target):
    user("olive_officer")
    backup = take_backup(tmp_path)
    restore_backup(path=backup, database=empty_target)
    with pytest.raises(BackupError, match=r"already holds data \(1 user and 0 audit events\)"):
        restore_backup(path=backup, database=empty_target)


def test_a_backup_damaged_part_way_changes_nothing(tmp_path, empty_target):
    """Cut short after its start, so it still looks like a backup: SQLite's check and
    pg_restore's reading of the migrations notice."""
    user("olive_officer")
    restore_backup(path=take_backup(tmp_path, "first.backup"), database=empty_target)
    user("oscar_officer")
    whole = take_backup(tmp_path, "second.backup").read_bytes()
    damaged = tmp_path / "damaged.backup"
    damaged.write_bytes(whole[: len(whole) * 4 // 5])
    with pytest.raises(BackupError, match=r"damaged|cannot be read"):
        restore_backup(path=damaged, database=empty_target, replace=True)
    after = target_contents(database=empty_target)
    assert (after.users, "core_auditevent" in after.tables) == (1, True)


def test_a_backup_never_overwrites_a_file(tmp_path):
    existing = tmp_path / "redress.backup"
    existing.write_text("An older backup.\n")
    with pytest.raises(BackupError, match="already exists"):
        backup_database(path=existing)
    assert existing.read_text() == "An older backup.\n"
    assert [p.name for p in tmp_path.iterdir()] == ["redress.backup"]


def test_a_backup_into_a_folder_is_named_after_the_time(tmp_path):
    path = backup_database(path=tmp_path).path
    assert path.parent == tmp_path
    assert path.name.startswith("redress-")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


@only_sqlite
def test_sqlite_refuses_a_database_in_use_and_leaves_it_as_it_was(tmp_path, empty_target):
    user("olive_officer")
    backup = take_backup(tmp_path)
    restore_backup(path=backup, database=empty_target)
    target = Path(empty_target["NAME"])
    with closing(sqlite3.connect(target)) as server:  # as a running server would be
        server.execute("PRAGMA journal_mode=WAL")
        server.execute("SELECT COUNT(*) FROM django_migrations").fetchone()
        before = target.read_bytes()
        with pytest.raises(BackupError, match=r"is in use .*stop the Redress server"):
            restore_backup(path=backup, database=empty_target, replace=True)
        assert target.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir() if "restor" in p.name) == ["restored.sqlite3"]


@only_postgres
def test_postgres_refuses_a_database_with_tables_the_backup_lacks(tmp_path, empty_target):
    backup = take_backup(tmp_path)
    with psycopg.connect(**_params(empty_target), autocommit=True) as db:
        db.execute("CREATE TABLE stray (id int)")
    with pytest.raises(BackupError, match=r"has tables the backup does not \(stray\)"):
        restore_backup(path=backup, database=empty_target)
    assert target_contents(database=empty_target).tables == {"stray"}


@only_postgres
def test_postgres_a_restore_failing_part_way_changes_nothing(tmp_path, empty_target):
    """The backup grants a role that the restoring server no longer has: pg_restore fails at
    the grants, after every table and row, and its one transaction undoes the lot."""
    user("olive_officer")
    restore_backup(path=take_backup(tmp_path, "first.backup"), database=empty_target)
    user("oscar_officer")
    role = f"{connection.settings_dict['NAME']}_reader"
    with connection.cursor() as cursor:
        cursor.execute(f'CREATE ROLE "{role}"')
        cursor.execute(f'GRANT SELECT ON core_auditevent TO "{role}"')
    try:
        second = take_backup(tmp_path, "second.backup")
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f'REVOKE SELECT ON core_auditevent FROM "{role}"')
            cursor.execute(f'DROP ROLE "{role}"')
    with pytest.raises(BackupError, match=rf"pg_restore failed, .*nothing changed:\n.*{role}"):
        restore_backup(path=second, database=empty_target, replace=True)
    after = target_contents(database=empty_target)
    assert (after.users, "core_auditevent" in after.tables) == (1, True)


@only_postgres
def test_postgres_backup_names_a_missing_pg_dump(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(BackupError, match="pg_dump is not installed"):
        backup_database(path=tmp_path / "redress.backup")
    assert list(tmp_path.iterdir()) == []


@only_postgres
def test_postgres_backup_refuses_a_pg_dump_older_than_the_server(tmp_path, monkeypatch):
    tools = tmp_path / "bin"
    tools.mkdir()
    old = tools / "pg_dump"
    old.write_text("#!/bin/sh\necho 'pg_dump (PostgreSQL) 9.6.24'\n")
    old.chmod(0o755)
    monkeypatch.setenv("PATH", str(tools))
    connection.ensure_connection()
    server = connection.pg_version // 10000
    with pytest.raises(
        BackupError, match=f"pg_dump is version 9 but the server is version {server}"
    ):
        backup_database(path=tmp_path / "redress.backup")
    assert not (tmp_path / "redress.backup").exists()
