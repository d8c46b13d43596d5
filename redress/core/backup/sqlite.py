"""SQLite: a backup is a copy of the database file made with SQLite's online backup API, so it
can be taken while the server runs (in WAL mode readers never block writers) and is always a
consistent database, never a file caught halfway through a write.

Restoring copies the backup, with the same API, into a new file beside the target, checks it,
and renames it over the target: the target is either untouched or wholly replaced."""

from __future__ import annotations

import contextlib
import os
import sqlite3
import stat
import tempfile
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path
from typing import Any

from django.db import connections

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

SUFFIX = ".sqlite3"
HEADER = b"SQLite format 3\x00"
POSTGRES_HEADER = b"PGDMP"


def describe(database: dict[str, Any]) -> str:
    return f"the SQLite database {database['NAME']}"


def backup(final: Path, using: str) -> int:
    """Copy the configured database (through Django's own connection, so the test suite's
    in-memory database works too) into `final`, as one self-contained file."""
    connection = connections[using]
    connection.ensure_connection()
    source = connection.connection

    def write(temp: Path) -> None:
        with closing(sqlite3.connect(temp)) as target:
            source.backup(target)
            _self_contained(target)

    return write_whole(final, write)


def _self_contained(target: sqlite3.Connection) -> None:
    """The copy inherits the source's WAL mode; a backup is one file, with no -wal beside it,
    and opens read-only anywhere."""
    target.execute("PRAGMA journal_mode=DELETE")


def _open_read_only(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)


def inspect(path: Path) -> BackupFile:
    size = check_file(path)
    with path.open("rb") as file:
        start = file.read(len(HEADER))
    if start.startswith(POSTGRES_HEADER):
        raise BackupError(
            f"{path} is a PostgreSQL backup (made by pg_dump), but the database here is SQLite. "
            "A backup restores only into the kind of database it came from; to move between "
            "them, use redress export and redress import."
        )
    if start != HEADER:
        raise BackupError(f"{path} is not a SQLite backup (it does not start as a SQLite file).")
    try:
        with closing(_open_read_only(path)) as db:
            return _read(db, path, size)
    except sqlite3.DatabaseError as error:
        raise BackupError(f"{path} cannot be read as a SQLite database ({error}).") from None


def _read(db: sqlite3.Connection, path: Path, size: int) -> BackupFile:
    problem = _damage(db)
    if problem:
        raise BackupError(f"{path} is damaged: {problem}.")
    tables = _names(db, "table")
    if "django_migrations" not in tables:
        raise BackupError(f"{path} is not a backup of Redress: it has no django_migrations table.")
    applied = set(db.execute("SELECT app, name FROM django_migrations"))
    return BackupFile(
        path=path,
        size=size,
        migrations=frozenset(applied),
        pending=compare_migrations(path, applied),
        tables=tables,
        triggers=_names(db, "trigger"),
    )


def _damage(db: sqlite3.Connection) -> str | None:
    result = [row[0] for row in db.execute("PRAGMA quick_check")]
    return None if result == ["ok"] else "; ".join(result[:3])


def _names(db: sqlite3.Connection, kind: str) -> frozenset[str]:
    rows = db.execute(
        "SELECT name FROM sqlite_master WHERE type = ? AND name NOT LIKE 'sqlite_%'", [kind]
    )
    return frozenset(row[0] for row in rows)


def _target(database: dict[str, Any]) -> Path:
    name = str(database["NAME"])
    if not name or name == ":memory:" or name.startswith("file:"):
        raise BackupError(f"Redress restores only into a SQLite database file, not {name!r}.")
    return Path(name)


def contents(database: dict[str, Any]) -> Contents:
    target = _target(database)
    if not target.exists() or target.stat().st_size == 0:
        return Contents(tables=frozenset())
    try:
        with closing(_open_read_only(target)) as db:
            return _contents(db)
    except sqlite3.DatabaseError as error:
        raise BackupError(f"{target} cannot be read as a SQLite database ({error}).") from None


def _contents(db: sqlite3.Connection) -> Contents:
    tables = _names(db, "table")

    def count(table: str) -> int:
        if table not in tables:
            return 0
        return int(db.execute(f'SELECT COUNT(*) FROM "{table}"').fetchone()[0])

    return Contents(tables=tables, users=count(user_table()), audit_events=count(audit_table()))


def restore(backup: BackupFile, database: dict[str, Any], *, replace: bool) -> frozenset[str]:
    """Copy the backup into a new file beside the target, check the copy, then rename it over
    the target. Returns the triggers the restored database has."""
    target = _target(database)
    if not target.parent.is_dir():
        raise BackupError(f"There is no folder {target.parent} for the database {target.name}.")
    fd, name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".restoring")
    os.close(fd)
    temp = Path(name)
    try:
        with (
            closing(_open_read_only(backup.path)) as source,
            closing(sqlite3.connect(temp)) as copy,
        ):
            source.backup(copy)
            _self_contained(copy)
            problem = _damage(copy)
            triggers = _names(copy, "trigger")
        if problem:
            raise BackupError(f"The copy of {backup.path} is damaged ({problem}); nothing changed.")
        if triggers != backup.triggers:
            raise BackupError(
                f"The copy of {backup.path} lost triggers ({', '.join(backup.triggers - triggers)})"
                "; nothing changed."
            )
        # A database in use keeps its permissions; a new one (or the empty file a first
        # connection leaves) is readable by its owner only, like the backup.
        if contents(database).tables:
            os.chmod(temp, stat.S_IMODE(target.stat().st_mode))
        with _sole_user(target) as now_held:
            if now_held.held and not replace:
                raise BackupError(f"{target} holds {now_held}; nothing changed.")
            os.replace(temp, target)
    finally:
        with contextlib.suppress(FileNotFoundError):
            temp.unlink()
    return triggers


@contextmanager
def _sole_user(target: Path) -> Iterator[Contents]:
    """Hold the target exclusively while it is replaced. Leaving WAL mode needs every other
    connection closed, so a running server (which would go on using the replaced file) is
    noticed here, before anything changes; the exclusive lock keeps others out until the
    rename is done."""
    if not target.exists():
        yield Contents(tables=frozenset())
        return
    db = sqlite3.connect(target, timeout=5, isolation_level=None)
    try:
        before = db.execute("PRAGMA journal_mode").fetchone()[0]
        try:
            mode = db.execute("PRAGMA journal_mode=DELETE").fetchone()[0]
            db.execute("BEGIN EXCLUSIVE")
        except sqlite3.OperationalError as error:
            mode = str(error)
        if mode != "delete":
            raise BackupError(
                f"{target} is in use ({mode}): stop the Redress server and its workers, then "
                "restore again. Nothing changed."
            )
        try:
            yield _contents(db)
        except BaseException:
            db.execute("ROLLBACK")
            db.execute(f"PRAGMA journal_mode={before}")  # as it was: nothing changed
            raise
        db.execute("ROLLBACK")
    finally:
        db.close()
