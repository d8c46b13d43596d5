"""Reading the facts as Arrow through the ADBC PostgreSQL driver, where that is safe (ADRs
0027 and 0030).

The driver builds Arrow columns in C from `COPY … (FORMAT binary)`, which Polars takes without
copying or making a Python object per value: faster than the CSV `COPY`, with a third less
memory. But an ADBC connection is a second connection, so `source()` decides, in this one
place, when it may be used:

- never inside a transaction (a test, a request that writes): the second connection cannot
  see what the transaction has not committed, so the facts would miss it;
- never on SQLite (ADR 0030): the ADBC SQLite driver carries its own copy of the SQLite
  library, and two copies of SQLite in one process undo each other's file locks (closing a
  file releases every POSIX lock the process holds on it) and may delete the other's WAL
  index while it is in use: "database is locked", then "disk I/O error", and a database at
  risk. SQLite is read through Django's connections (`extract._run`);
- on PostgreSQL always otherwise: each reading connection joins the snapshot extraction
  exports, so parallel reads see one state (`extract._run`).

Everywhere else the facts are read through Django's connection as before (`extract._frame`).
"""

from __future__ import annotations

import atexit
import contextlib
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import polars as pl
from django.db import connection

from . import schema

# Tests set this False to read through Django's connection (the fallback) and compare.
ENABLED = True


@dataclass(frozen=True)
class Source:
    """Where the facts can be read as Arrow: a libpq connection string. `keep_seconds` is how
    long an idle connection is kept for the next report (Django's CONN_MAX_AGE: None for
    ever, 0 not at all)."""

    vendor: str
    target: str
    keep_seconds: float | None = 0


def source() -> Source | None:
    """Where this run can read Arrow on a connection of its own, or None to read through
    Django's connection (see the module's docstring for why)."""
    if not ENABLED or connection.vendor != "postgresql":
        return None  # on SQLite, never: see the module's docstring
    connection.ensure_connection()
    if connection.in_atomic_block or not connection.get_autocommit():
        return None  # uncommitted rows would be invisible to a second connection
    keep = connection.settings_dict.get("CONN_MAX_AGE", 0)
    return Source("postgresql", _conninfo(), keep)


def _conninfo() -> str:
    """Django's own connection parameters (database, user, host, `-c jit=off`…) as a libpq
    string, leaving out what only psycopg understands."""
    import psycopg
    from psycopg.conninfo import make_conninfo

    keywords = {o.keyword.decode() for o in psycopg.pq.Conninfo.get_defaults()}
    params = {
        k: str(v)
        for k, v in connection.get_connection_params().items()
        if k in keywords and v is not None
    }
    return make_conninfo(**params)


# -- connections ---------------------------------------------------------------------------------


class _Pool:
    """Idle PostgreSQL ADBC connections, kept as Django keeps its own (CONN_MAX_AGE): opening one
    costs the driver a read of the type catalogue, 0.1-0.3 s, more than a whole small report's
    reads. Each is used by one thread at a time, and ends every use rolled back."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._idle: dict[str, list[tuple[float, Any]]] = {}

    def take(self, source: Source) -> Any:
        while True:
            with self._lock:
                idle = self._idle.get(source.target)
                if not idle:
                    break
                opened, adbc = idle.pop()
            if self._expired(opened, source):
                _close(adbc)
                continue
            try:
                adbc.rollback()  # a connection the server has dropped fails here, not mid-read
            except Exception:  # any failure: open a fresh one
                _close(adbc)
                continue
            return opened, adbc
        return time.monotonic(), _connect(source)

    def give(self, source: Source, opened: float, adbc: Any) -> None:
        if source.keep_seconds == 0 or self._expired(opened, source):
            _close(adbc)
            return
        with self._lock:
            self._idle.setdefault(source.target, []).append((opened, adbc))

    def close_all(self) -> None:
        with self._lock:
            idle, self._idle = self._idle, {}
        for connections in idle.values():
            for _, adbc in connections:
                _close(adbc)

    @staticmethod
    def _expired(opened: float, source: Source) -> bool:
        keep = source.keep_seconds
        return keep is not None and time.monotonic() - opened >= keep


_pool = _Pool()
close_all = _pool.close_all
# Closed before the interpreter tears the driver's modules down (else each warns as it goes).
atexit.register(close_all)


def _connect(source: Source) -> Any:
    import adbc_driver_postgresql.dbapi

    return adbc_driver_postgresql.dbapi.connect(source.target)


def _close(adbc: Any) -> None:
    with contextlib.suppress(Exception):  # closing a broken connection: nothing to keep
        adbc.close()


# -- reading -------------------------------------------------------------------------------------


class Reader:
    """One ADBC connection, in one read-only transaction, for the reads of one thread."""

    def __init__(self, source: Source, adbc: Any, mogrify: Any = None) -> None:
        self.source = source
        self.adbc = adbc
        self._mogrify = mogrify

    def read(self, sql: str, params: Any, columns: dict[str, pl.DataType]) -> pl.DataFrame:
        """The query's rows typed as `columns` (in the query's order), as Django's path gives
        them: the same dtypes, and empty text as null."""
        with self.adbc.cursor() as cursor:
            # Parameters inlined as the CSV COPY inlines them (psycopg's client-side quoting).
            cursor.execute(_named(self._mogrify(sql, params), columns))
            frame = pl.DataFrame(cursor.fetch_arrow())
        return typed(frame, columns)


def _named(sql: str, columns: dict[str, pl.DataType]) -> str:
    """The query with its columns named as the frame's: the SELECT may repeat a name (a
    stage's and its complaint's `received_date`), which an Arrow stream read by Polars cannot."""
    names = ", ".join(f'"{name}"' for name in columns)
    return f"WITH facts ({names}) AS ({sql}) SELECT * FROM facts"


def typed(frame: pl.DataFrame, columns: dict[str, pl.DataType]) -> pl.DataFrame:
    """Cast to the schema: PostgreSQL's smallints are Int16; text left empty is null, as on
    Django's path."""
    if frame.height == 0:
        return schema.empty(columns)
    casts = []
    for name, dtype in columns.items():
        column, have = pl.col(name), frame.schema[name]
        if dtype == pl.String():
            casts.append(column.cast(pl.String()).replace("", None))
        elif have != dtype:
            casts.append(column.cast(dtype))
    return frame.with_columns(casts) if casts else frame


@contextmanager
def reading(
    source: Source, *, snapshot: str | None = None, mogrify: Any = None
) -> Iterator[Reader]:
    """A reader on a connection of its own from the pool, in a read-only transaction that joins
    `snapshot` when given, with the memory extraction's joins want."""
    opened, adbc = _pool.take(source)
    try:
        with adbc.cursor() as cursor:
            # The driver has begun a transaction (autocommit is off): these come first in it.
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            if snapshot:
                cursor.execute(f"SET TRANSACTION SNAPSHOT '{snapshot}'")
            cursor.execute("SET LOCAL work_mem = '256MB'")
        yield Reader(source, adbc, mogrify)
    except BaseException:
        _close(adbc)
        raise
    adbc.rollback()
    _pool.give(source, opened, adbc)
