"""Would a table of derived stage facts, kept by the writes (ADR 0032, option 2), make the facts
faster to read? A measurement, not a feature: the stage facts a report derives today (every
column of `Facts.stages`) are written to a scratch table in a *copy* of the SQLite database, and
reading that table through extraction's own SQLite path (`extract._frame_sql`, JSON arrays
parsed by Polars), whole and only the columns the figures read (`schema.STAGE_FIGURES`), is
timed against what a report does today for the same frame: read the stages and their
complaints, the lookups, holds and extensions (one after another, in one transaction), assemble
and derive.

    .venv/bin/python bench/bench_stage_table.py --sqlite var/bench/keep/year-26000.sqlite3
    .venv/bin/python bench/bench_stage_table.py --sqlite var/bench/keep/year-100000.sqlite3

The copy is made in a temporary folder and removed; the database given is not changed. Times
are the median and fastest of five, after one untimed run, in one process.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import ROOT, machine

AS_OF = "2022-05-31"
ASPECTS_FROM = "2020-04-01"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sqlite", type=Path, required=True, help="a bench dataset (copied)")
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    print("\n".join(machine(None)), flush=True)
    with tempfile.TemporaryDirectory(prefix="redress-stage-table-") as tmp:
        copy = Path(tmp) / "copy.sqlite3"
        shutil.copyfile(args.sqlite, copy)
        os.environ["DATABASE_URL"] = f"sqlite:///{copy}"
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "redress.settings")
        sys.path.insert(0, str(ROOT))
        measure(args.repeats)


def measure(repeats: int) -> None:
    import datetime

    import django

    django.setup()
    from django.db import connection, transaction

    from redress.reporting.facts import extract, schema
    from redress.reporting.selectors.reports import working_calendar

    as_of = datetime.date.fromisoformat(AS_OF)
    calendar = working_calendar()
    stages = extract.extract_facts(
        as_of=as_of, calendar=calendar, aspects_from=datetime.date.fromisoformat(ASPECTS_FROM)
    ).stages
    columns = stages.columns
    quoted = ", ".join(f'"{name}"' for name in columns)
    with connection.cursor() as cursor:
        cursor.execute(f"CREATE TABLE scratch_stage_facts ({quoted})")
        cursor.executemany(
            f"INSERT INTO scratch_stage_facts VALUES ({', '.join('%s' for _ in columns)})",
            [
                tuple(
                    value.isoformat()
                    if isinstance(value, datetime.date)
                    else int(value)
                    if isinstance(value, bool)
                    else value
                    for value in row
                )
                for row in stages.iter_rows()
            ],
        )
    print(f"Stage facts: {stages.height:,} rows, {len(columns)} columns\n", flush=True)

    def from_the_table():
        with transaction.atomic():
            return extract._frame_sql(
                f"SELECT {quoted} FROM scratch_stage_facts",
                [],
                dict(stages.schema),
            )

    narrow = [name for name in columns if name in schema.STAGE_FIGURES]
    quoted_narrow = ", ".join(f'"{name}"' for name in narrow)

    def from_the_table_narrowed():
        with transaction.atomic():
            return extract._frame_sql(
                f"SELECT {quoted_narrow} FROM scratch_stage_facts",
                [],
                {name: stages.schema[name] for name in narrow},
            )

    def as_today():
        reads = extract._reads(as_of, None)
        wanted = ("stages", "complaints", "people", "rules", "extensions", "holds")
        wanted += ("procedures", "services", "localities", "organisations", "terms")
        with transaction.atomic():
            frames = {name: reads[name]() for name in wanted}
        frames["held"] = extract._held_days(frames.pop("holds"), as_of=as_of, calendar=calendar)
        return extract.derive_stage_columns(extract._assemble_stages(frames), calendar)

    ways = (
        ("the derived table", from_the_table),
        (f"its {len(narrow)} figure columns", from_the_table_narrowed),
        ("today's reads", as_today),
    )
    for name, read in ways:
        read()
        seconds = []
        for _ in range(repeats):
            start = time.perf_counter()
            read()
            seconds.append(time.perf_counter() - start)
        print(
            f"{name:<24} median {statistics.median(seconds):.3f} s, fastest {min(seconds):.3f} s",
            flush=True,
        )


if __name__ == "__main__":
    main()
