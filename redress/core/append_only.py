"""The audit trail is append-only at the database, not only in the code.

A trigger on the audit table (migration 0002) refuses every UPDATE and DELETE, whoever sends
it: the admin, a shell, a stray `QuerySet.update()`. Two things pass, and only these:

- a user or import run being deleted nulls its id on the events (`ON DELETE SET NULL`); the
  event keeps who acted in `actor_label`, and nothing else on the row may change with it;
- an erasure: the future retention work anonymises personal data in audit snapshots. It does so
  deliberately, inside its own transaction, with `audit_erasure()`, which on PostgreSQL sets
  `redress.audit_erasure = 'on'` for that transaction only (`SET LOCAL`), and on SQLite turns on
  a flag read by the function `redress_audit_unlocked` that the trigger calls. Deleting events
  stays refused even then.

Both databases refuse with an IntegrityError. PostgreSQL's TRUNCATE fires no row trigger (the
tests' flush uses it); SQLite's flush deletes row by row, so the test suite lets the flush
through with `flush_allowed()` (redress/conftest.py). Anything else that flushes a SQLite
database holding audit events is refused.
"""

from __future__ import annotations

import contextlib
import contextvars
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.db import DatabaseError, connections

ERASURE_SETTING = "redress.audit_erasure"
REFUSAL = "The audit trail is append-only"

_unlocked: contextvars.ContextVar[frozenset[str]] = contextvars.ContextVar(
    "redress_audit_unlocked", default=frozenset()
)


def unlocked(operation: str) -> bool:
    """Whether this thread may UPDATE or DELETE audit events (SQLite's trigger asks)."""
    return operation in _unlocked.get()


def register_sqlite_function(sender: Any, connection: Any, **kwargs: Any) -> None:
    """On each new SQLite connection, the function the audit triggers call. A connection
    without it (the sqlite3 shell) fails the trigger, and so is refused too."""
    if connection.vendor == "sqlite":
        connection.connection.create_function(
            "redress_audit_unlocked", 1, lambda operation: int(unlocked(operation))
        )


@contextmanager
def _unlocking(*operations: str) -> Iterator[None]:
    token = _unlocked.set(_unlocked.get() | set(operations))
    try:
        yield
    finally:
        _unlocked.reset(token)


@contextmanager
def audit_erasure(using: str = "default") -> Iterator[None]:
    """Allow audit events to be updated (anonymised) within the current transaction only.

    The one deliberate way round the append-only trigger, for retention and erasure: call it
    inside `transaction.atomic()`, change the snapshots, and let the transaction end."""
    connection = connections[using]
    if not connection.in_atomic_block:
        raise RuntimeError("audit_erasure() must run inside the erasure's transaction")
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT set_config(%s, 'on', true)", [ERASURE_SETTING])
        try:
            yield
        finally:
            # Ends with the transaction anyway; turned off now so the rest of it is guarded.
            with contextlib.suppress(DatabaseError), connection.cursor() as cursor:
                cursor.execute("SELECT set_config(%s, 'off', true)", [ERASURE_SETTING])
    else:
        with _unlocking("UPDATE"):
            yield


@contextmanager
def flush_allowed() -> Iterator[None]:
    """Let SQLite's flush (DELETE FROM every table) empty the audit table: for the test
    suite's flush between transactional tests, nothing else."""
    with _unlocking("DELETE"):
        yield
