"""Benchmark `redress import`: N complaints with their stages and aspects into a fresh database.

    .venv/bin/python bench/bench_import.py                      # 100,000 complaints, both databases
    .venv/bin/python bench/bench_import.py --complaints 20000 --database sqlite
    .venv/bin/python bench/bench_import.py --reimport           # also time importing it again

The dataset comes from `manage.py demo_generate --complaints N` (a folder of CSVs). Each import
runs as a child process into a database created for it (SQLite: a file in a temporary folder;
PostgreSQL: the `redress_bench` database, dropped and recreated); migrations are not timed.
Prints rows per second, total seconds, the child's peak memory and the machine it ran on.
Target: 100,000 complaints in under 60 seconds on each database.
"""

from __future__ import annotations

import argparse
import csv
import os
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import MANAGE, PYTHON, fresh_postgres, machine, manage, timed_child

DEFAULT_POSTGRES = "postgres://postgres@127.0.0.1:5432/redress_bench"
TARGET_SECONDS = 60.0


@dataclass
class Timing:
    database: str
    run: str
    seconds: float
    peak_mb: float
    rows: int
    complaints: int

    def line(self) -> str:
        rate = self.rows / self.seconds if self.seconds else 0
        verdict = ""
        if self.run == "first import" and self.complaints >= 100_000:
            verdict = "  within target" if self.seconds < TARGET_SECONDS else "  OVER TARGET"
        return (
            f"{self.database:<11} {self.run:<13} {self.seconds:8.1f} s  {rate:10,.0f} rows/s  "
            f"peak {self.peak_mb:7,.0f} MB{verdict}"
        )


def count_rows(folder: Path) -> dict[str, int]:
    counts = {}
    for path in sorted(folder.glob("*.csv")):
        with path.open(newline="", encoding="utf-8-sig") as fh:
            counts[path.stem] = sum(1 for _ in csv.reader(fh)) - 1
    return counts


def bench(
    database: str, url: str, data: Path, counts: dict[str, int], reimport: bool
) -> list[Timing]:
    env = {**os.environ, "DATABASE_URL": url}
    manage("migrate", "--verbosity", "0", env=env)
    command = [PYTHON, MANAGE, "import", str(data), "--create-missing", "--quiet"]
    timings = []
    for run in ["first import", "re-import"][: 2 if reimport else 1]:
        seconds, peak_mb = timed_child(command, env)
        rows = sum(counts.values())
        timings.append(Timing(database, run, seconds, peak_mb, rows, counts.get("complaints", 0)))
        print(timings[-1].line(), flush=True)
    return timings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--complaints", type=int, default=100_000)
    parser.add_argument("--database", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--postgres-url", default=DEFAULT_POSTGRES, help="dropped and recreated")
    parser.add_argument("--reimport", action="store_true", help="also time a second import")
    parser.add_argument("--data", type=Path, help="reuse a dataset folder instead of generating")
    args = parser.parse_args()

    postgres = args.database in {"postgres", "both"}
    with tempfile.TemporaryDirectory(prefix="redress-bench-") as tmp:
        work = Path(tmp)
        data = args.data
        if data is None:
            data = work / "data"
            start = time.perf_counter()
            manage(
                "demo_generate",
                "--output",
                str(data),
                "--complaints",
                str(args.complaints),
                env={**os.environ, "DATABASE_URL": f"sqlite:///{work / 'generate.sqlite3'}"},
                capture=True,
            )
            print(f"Generated {data} in {time.perf_counter() - start:.1f} s")
        counts = count_rows(data)
        rows = sum(counts.values())
        print("Rows:", ", ".join(f"{name} {n:,}" for name, n in counts.items()), f"= {rows:,}")
        if postgres:
            fresh_postgres(args.postgres_url)
        print("\n".join(machine(args.postgres_url if postgres else None)))
        print()
        if args.database in {"sqlite", "both"}:
            bench("SQLite", f"sqlite:///{work / 'bench.sqlite3'}", data, counts, args.reimport)
        if postgres:
            bench("PostgreSQL", args.postgres_url, data, counts, args.reimport)


if __name__ == "__main__":
    main()
