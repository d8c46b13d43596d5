"""Benchmark reading the largest fact queries: today's path against Arrow read through ADBC.

    .venv/bin/python bench/bench_facts_read.py \\
        --postgres-url postgres://postgres@127.0.0.1:5432/redress_bench_pages_1000000 \\
        --sqlite var/bench/pages-100000.sqlite3

Issue 11, part 8. For the stage query (`_stage_rows` in `reporting/facts/extract.py`) and the
aspect query (`_aspect_rows`, every aspect: the report reads only its period's and the one
before), each read is timed warm (one read first, untimed, then `--repeats` reads) in a fresh
child process with Django set up:

- *current*: `extract._frame`, as a report reads it: on PostgreSQL `COPY (…) TO STDOUT WITH
  (FORMAT csv)` parsed by `polars.read_csv` (`_frame_by_copy`), on SQLite the cursor's rows
  turned into Polars series (`_typed`); in a transaction with `extract._tune()`.
- *server*: `SELECT count(*) FROM (<the query>)`, the database's own work with nothing sent
  back, a floor for any way of reading the rows.
- *adbc*: the same SQL (`sql_with_params()` of the same query set, with the parameters inlined by
  psycopg on PostgreSQL as `_frame_by_copy` does, bound on SQLite) through
  `adbc_driver_postgresql` / `adbc_driver_sqlite`, `cursor.fetch_arrow()` (an Arrow stream; no
  pyarrow needed) into `polars.DataFrame`, then cast to the schema `_frame` gives.

Nothing is written: PostgreSQL is only read, and the SQLite file is opened read-only
(`mode=ro`) by both paths. Peak memory is the child's `ru_maxrss` after the reads less its
`ru_maxrss` just before the first read (Django and the modules already loaded): the most
the reads added to the process's resident memory. (tracemalloc would not see Polars' and the
drivers' own allocations.) A last child reads each query both ways and says whether the frames
are identical (same columns, dtypes and rows, compared sorted).
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import PYTHON, ROOT, machine

AS_OF = datetime.date(2022, 5, 31)
QUERIES = ("stages", "aspects")
METHODS = ("current", "adbc", "server")
SQLITE_BATCH_ROWS = "adbc.sqlite.query.batch_rows"


# ---- the child: Django set up, one database ------------------------------------------------


def _setup(sqlite_path: str | None) -> None:
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    if sqlite_path:
        from django.db import connection

        # Read-only (Django always opens SQLite with uri=True).
        connection.settings_dict["NAME"] = f"file:{sqlite_path}?mode=ro"
        connection.settings_dict["OPTIONS"] = {}


def _query(name: str) -> tuple[Any, dict[str, Any]]:
    from redress.reporting.facts import extract

    if name == "stages":
        return extract._stage_rows(AS_OF, None), extract.STAGE_QUERY
    return extract._aspect_rows(None), extract.ASPECT_QUERY


def _current(name: str) -> Any:
    from django.db import transaction

    from redress.reporting.facts import extract

    qs, columns = _query(name)
    with transaction.atomic():
        extract._tune()
        return extract._frame(qs, columns)


class Adbc:
    """One ADBC connection, kept open across reads as Django's is."""

    def __init__(self, target: str, vendor: str) -> None:
        self.vendor = vendor
        if vendor == "postgresql":
            import adbc_driver_postgresql.dbapi

            self.connection = adbc_driver_postgresql.dbapi.connect(target)
            with self.connection.cursor() as cursor:
                # As Django's connection (settings: jit off) and extract._tune() have it.
                cursor.execute("SET jit = off")
                cursor.execute("SET work_mem = '256MB'")
        else:
            import adbc_driver_sqlite.dbapi

            self.connection = adbc_driver_sqlite.dbapi.connect(f"file:{target}?mode=ro")

    def read(self, name: str) -> Any:
        import polars as pl
        from django.db import connection

        qs, columns = _query(name)
        sql, params = qs.order_by().query.sql_with_params()
        with self.connection.cursor() as cursor:
            if self.vendor == "postgresql":
                with connection.cursor() as django_cursor:
                    sql = django_cursor.cursor.mogrify(sql, params)
                cursor.execute(sql)
            else:
                from django.db.backends.sqlite3.base import FORMAT_QMARK_REGEX

                sql = FORMAT_QMARK_REGEX.sub("?", sql).replace("%%", "%")
                # The driver guesses each column's type from the first batch's values (SQLite
                # columns have none): a date column blank in the first 1,024 rows is guessed
                # an integer and the read fails at the first date. One batch of every row.
                cursor.adbc_statement.set_options(**{SQLITE_BATCH_ROWS: str(2**30)})
                cursor.execute(sql, list(params))
            frame = pl.DataFrame(cursor.fetch_arrow())
        return _typed_like_current(frame, columns)


def _typed_like_current(frame: Any, columns: dict[str, Any]) -> Any:
    """The types `_frame` gives: SQLite's dates are text and its booleans integers; both
    databases' empty strings are blank."""
    import polars as pl

    frame = frame.rename(dict(zip(frame.columns, columns, strict=True)))
    casts = []
    for name, dtype in columns.items():
        column = pl.col(name)
        if dtype == pl.Date() and frame.schema[name] == pl.String():
            casts.append(column.str.to_date("%Y-%m-%d"))
        elif dtype == pl.String():
            casts.append(column.cast(pl.String()).replace("", None))
        else:
            casts.append(column.cast(dtype))
    return frame.with_columns(casts)


def _server(name: str) -> int:
    """The query run by the database with nothing sent back: `count(*)` of it. A lower bound
    on any way of reading it."""
    from django.db import connection, transaction

    from redress.reporting.facts import extract

    qs, _ = _query(name)
    sql, params = qs.order_by().query.sql_with_params()
    with transaction.atomic(), connection.cursor() as cursor:
        extract._tune()
        cursor.execute(f"SELECT count(*) FROM ({sql}) AS q", params)
        return int(cursor.fetchone()[0])


class _Count:
    def __init__(self, rows: int) -> None:
        self.height = rows


def _maxrss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kilobytes on Linux


def child_measure(args: argparse.Namespace) -> None:
    _setup(args.sqlite)
    from django.db import connection

    # Every module loaded and the connections open before the baseline is taken.
    from redress.reporting.facts import extract  # noqa: F401

    connection.ensure_connection()
    if args.method == "adbc":
        adbc = Adbc(args.sqlite or os.environ["DATABASE_URL"], connection.vendor)
        read = lambda: adbc.read(args.query)  # noqa: E731
    elif args.method == "server":
        read = lambda: _Count(_server(args.query))  # noqa: E731
    else:
        read = lambda: _current(args.query)  # noqa: E731
    before = _maxrss_mb()
    frame = read()  # warm-up, untimed
    rows = frame.height
    del frame
    seconds = []
    for _ in range(args.repeats):
        start = time.perf_counter()
        frame = read()
        seconds.append(time.perf_counter() - start)
        del frame
    print(json.dumps({"rows": rows, "seconds": seconds, "added_mb": _maxrss_mb() - before}))


def child_compare(args: argparse.Namespace) -> None:
    _setup(args.sqlite)
    from django.db import connection

    connection.ensure_connection()
    adbc = Adbc(args.sqlite or os.environ["DATABASE_URL"], connection.vendor)
    result = {}
    for name in QUERIES:
        current = _current(name)
        arrow = adbc.read(name)
        same_schema = current.schema == arrow.schema
        same_rows = same_schema and current.sort(current.columns).equals(arrow.sort(arrow.columns))
        result[name] = {
            "rows": [current.height, arrow.height],
            "same_schema": same_schema,
            "same_rows": same_rows,
            "schema_differences": {
                c: [str(current.schema[c]), str(arrow.schema.get(c))]
                for c in current.columns
                if current.schema[c] != arrow.schema.get(c)
            },
        }
    print(json.dumps(result))


# ---- the parent -----------------------------------------------------------------------------


def run_child(mode: str, database_url: str, sqlite: str | None, *extra: str) -> dict[str, Any]:
    args = [PYTHON, str(Path(__file__).resolve()), "--child", mode, *extra]
    if sqlite:
        args += ["--sqlite", sqlite]
    env = {**os.environ, "DATABASE_URL": database_url, "DJANGO_SETTINGS_MODULE": "redress.settings"}
    done = subprocess.run(  # noqa: S603 (our own interpreter and script)
        args, env=env, cwd=ROOT, capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        sys.exit(f"{' '.join(args[2:])} failed:\n{done.stderr[-4000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def measure(database: str, url: str, sqlite: str | None, repeats: int) -> None:
    for query in QUERIES:
        for method in METHODS:
            r = run_child(
                "measure", url, sqlite, "--query", query, "--method", method,
                "--repeats", str(repeats),
            )  # fmt: skip
            s = r["seconds"]
            print(
                f"{database:<11} {query:<8} {method:<8} {r['rows']:>10,} rows  "
                f"median {statistics.median(s):6.2f} s  min {min(s):6.2f} s  "
                f"max {max(s):6.2f} s  added ru_maxrss {r['added_mb']:7,.0f} MB",
                flush=True,
            )
    same = run_child("compare", url, sqlite)
    for query, r in same.items():
        verdict = "identical" if r["same_schema"] and r["same_rows"] else "DIFFERENT"
        print(
            f"{database:<11} {query:<8} frames {verdict}: rows {r['rows'][0]:,} and "
            f"{r['rows'][1]:,}, same dtypes {r['same_schema']}, same rows {r['same_rows']}"
            + (f", dtypes differ: {r['schema_differences']}" if r["schema_differences"] else ""),
            flush=True,
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--postgres-url", help="a PostgreSQL database to read (read only)")
    parser.add_argument("--sqlite", help="a SQLite file to read (opened read-only)")
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--child", choices=["measure", "compare"], help=argparse.SUPPRESS)
    parser.add_argument("--query", choices=QUERIES, help=argparse.SUPPRESS)
    parser.add_argument("--method", choices=METHODS, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child == "measure":
        return child_measure(args)
    if args.child == "compare":
        return child_compare(args)
    if not args.postgres_url and not args.sqlite:
        parser.error("give --postgres-url, --sqlite or both")

    print("\n".join(machine(args.postgres_url)), "\n", flush=True)
    if args.postgres_url:
        measure("PostgreSQL", args.postgres_url, None, args.repeats)
    if args.sqlite:
        path = str(Path(args.sqlite).resolve())
        measure("SQLite", f"sqlite:///{path}", path, args.repeats)


if __name__ == "__main__":
    main()
