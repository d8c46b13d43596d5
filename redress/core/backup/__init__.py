"""Backing up and restoring the whole database: `redress backup PATH`, `redress restore PATH`.

SQLite uses its online backup API, PostgreSQL pg_dump and pg_restore (see sqlite.py and
postgres.py). A backup is written readable by its owner only and appears whole or not at all:
it holds children's personal data. Restoring refuses, changing nothing, a file that is missing
or is not a backup of this kind of database, a backup a newer Redress made (its migrations are
not in this code), and a database that already holds data unless told to replace it.
"""

from __future__ import annotations

from pathlib import Path
from types import ModuleType
from typing import Any

from django.db import connections

from . import postgres, sqlite
from .common import Backup, BackupError, BackupFile, Contents, Restored, backup_path, size_shown

__all__ = [
    "Backup",
    "BackupError",
    "BackupFile",
    "Contents",
    "Restored",
    "backup_database",
    "describe",
    "inspect_backup",
    "restore_backup",
    "size_shown",
    "target_contents",
]

ENGINES: dict[str, ModuleType] = {
    "django.db.backends.sqlite3": sqlite,
    "django.db.backends.postgresql": postgres,
}


def _engine(database: dict[str, Any]) -> ModuleType:
    try:
        return ENGINES[database["ENGINE"]]
    except KeyError:
        raise BackupError(
            f"Redress backs up SQLite and PostgreSQL databases only, not {database['ENGINE']}."
        ) from None


def describe(database: dict[str, Any]) -> str:
    """`the SQLite database var/redress.sqlite3`, `the PostgreSQL database redress on db:5432`."""
    return str(_engine(database).describe(database))


def backup_database(*, path: Path, using: str = "default") -> Backup:
    """Back up the database `using` to `path` (a new file, or a folder to put one in), readable
    by its owner only. The server may go on running meanwhile."""
    database = connections[using].settings_dict
    engine = _engine(database)
    final = backup_path(path, suffix=engine.SUFFIX)
    size = engine.backup(final, using)
    return Backup(path=final, size=size, source=describe(database))


def inspect_backup(*, path: Path, database: dict[str, Any]) -> BackupFile:
    """Read a backup before restoring it into `database` (a DATABASES entry): refuses one that
    is missing, not a backup of that kind of database, damaged, or made by a newer Redress."""
    engine = _engine(database)
    if engine is sqlite:
        return sqlite.inspect(path)
    return postgres.inspect(path, database)


def target_contents(*, database: dict[str, Any]) -> Contents:
    """What the database to restore into holds now."""
    return _engine(database).contents(database)  # type: ignore[no-any-return]


def restore_backup(*, path: Path, database: dict[str, Any], replace: bool = False) -> Restored:
    """Restore the backup at `path` into `database`, replacing what it holds only if
    `replace`. Every check comes first; a restore that fails leaves the database as it was.
    Stop the server first: SQLite refuses while it is connected."""
    engine = _engine(database)
    backup = inspect_backup(path=path, database=database)
    held = engine.contents(database)
    if held.held and not replace:
        raise BackupError(
            f"{describe(database)} already holds data ({held}). Restoring replaces everything "
            "in it: say so with --replace. Nothing changed."
        )
    triggers = engine.restore(backup, database, replace=replace)
    return Restored(
        backup=backup,
        target=describe(database),
        contents=engine.contents(database),
        triggers=frozenset(backup.triggers & triggers),
    )
