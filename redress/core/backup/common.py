"""What the SQLite and PostgreSQL halves of backup and restore share: the refusal, what a backup
holds, what a target database holds, the migrations check, and writing a file that appears
whole or not at all."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from django.contrib.auth import get_user_model
from django.db.migrations.loader import MigrationLoader
from django.utils import timezone

from redress.core.models import AuditEvent


class BackupError(Exception):
    """A backup or restore refused or failed; the message names what is wrong and where."""


@dataclass(frozen=True)
class Backup:
    """A backup just written."""

    path: Path
    size: int
    source: str


@dataclass(frozen=True)
class BackupFile:
    """What a backup holds, read from it before anything is restored."""

    path: Path
    size: int
    # Every migration applied in the backed-up database; those this code has not yet applied
    # to it (the backup is older: `redress migrate` brings it up to date after restoring).
    migrations: frozenset[tuple[str, str]]
    pending: tuple[str, ...]
    tables: frozenset[str]
    triggers: frozenset[str]


@dataclass(frozen=True)
class Contents:
    """What a database to restore into holds. Every record Redress keeps is written with an
    audit event, and nobody uses it without a user, so a database with neither holds nothing
    a restore could lose: a new one, or one that `redress migrate` alone has filled."""

    tables: frozenset[str]
    users: int = 0
    audit_events: int = 0

    @property
    def held(self) -> bool:
        return bool(self.users or self.audit_events)

    def __str__(self) -> str:
        if not self.tables:
            return "no tables"
        return f"{_count(self.users, 'user')} and {_count(self.audit_events, 'audit event')}"


@dataclass(frozen=True)
class Restored:
    backup: BackupFile
    target: str
    contents: Contents
    triggers: frozenset[str]


def _count(n: int, noun: str) -> str:
    return f"{n:,} {noun}{'' if n == 1 else 's'}"


def size_shown(size: int) -> str:
    """`12.3 MB`, `512 bytes`."""
    for unit, scale in (("GB", 1 << 30), ("MB", 1 << 20), ("kB", 1 << 10)):
        if size >= scale:
            return f"{size / scale:.1f} {unit}"
    return _count(size, "byte")


def user_table() -> str:
    return str(get_user_model()._meta.db_table)


def audit_table() -> str:
    return str(AuditEvent._meta.db_table)


def _named(migrations: Iterable[tuple[str, str]], most: int = 5) -> str:
    names = [f"{app}.{name}" for app, name in sorted(migrations)]
    more = f" and {len(names) - most} more" if len(names) > most else ""
    return ", ".join(names[:most]) + more


def compare_migrations(path: Path, applied: set[tuple[str, str]]) -> tuple[str, ...]:
    """Refuse a backup whose database has migrations this code lacks (a newer Redress made
    it: its tables would not match the models); return the code's migrations it lacks."""
    loader = MigrationLoader(None, ignore_no_migrations=True)
    known = set(loader.disk_migrations)
    for migration in loader.disk_migrations.values():
        known.update(migration.replaces or ())
    newer = applied - known
    if newer:
        raise BackupError(
            f"{path} was made by a newer version of Redress: its database has migrations this "
            f"code does not have ({_named(newer)}). Restore it with the version of Redress that "
            "made it, or upgrade this one first."
        )

    def done(key: tuple[str, str]) -> bool:
        replaces = loader.disk_migrations[key].replaces if key in loader.disk_migrations else []
        return key in applied or bool(replaces and set(replaces) <= applied)

    return tuple(
        f"{app}.{name}" for app, name in sorted(loader.graph.nodes) if not done((app, name))
    )


def check_file(path: Path) -> int:
    """The backup's size, or why it cannot be one."""
    if not path.exists():
        raise BackupError(f"There is no file {path}.")
    if not path.is_file():
        raise BackupError(f"{path} is not a file.")
    return path.stat().st_size


def backup_path(path: Path, *, suffix: str) -> Path:
    """A folder gets a new file named after the time; a file must not exist yet."""
    if path.is_dir():
        # The real time, never the demo's pinned day: two backups must not share a name.
        return path / f"redress-{timezone.localtime():%Y%m%d-%H%M%S}{suffix}"
    if path.exists():
        raise BackupError(f"{path} already exists: choose a new name, or delete it first.")
    if not path.parent.is_dir():
        raise BackupError(f"There is no folder {path.parent} to write {path.name} into.")
    return path


def write_whole(final: Path, write: Callable[[Path], None], *, mode: int = 0o600) -> int:
    """Call `write(temp)` on a new file beside `final` (created readable by its owner only),
    then give it its name; on any failure nothing is left behind. Returns its size."""
    fd, name = tempfile.mkstemp(dir=final.parent, prefix=f".{final.name}.", suffix=".partial")
    os.close(fd)
    temp = Path(name)
    try:
        write(temp)
        os.chmod(temp, mode)
        _sync(temp)
        try:
            os.link(temp, final)  # unlike a rename, never replaces a file made meanwhile
        except FileExistsError:
            raise BackupError(f"{final} already exists: choose a new name.") from None
    finally:
        with contextlib.suppress(FileNotFoundError):
            temp.unlink()
    return final.stat().st_size


def _sync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
