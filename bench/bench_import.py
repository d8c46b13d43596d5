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
import platform
import sqlite3
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
MANAGE = str(ROOT / "manage.py")
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


def manage(*args: str, env: dict[str, str], capture: bool = False) -> subprocess.CompletedProcess:
    return subprocess.run(  # noqa: S603 (our own interpreter and manage.py)
        [PYTHON, MANAGE, *args], env=env, check=True, capture_output=capture, text=True, cwd=ROOT
    )


def timed_child(args: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Run a child process; its wall time and its own peak resident memory (MB)."""
    with tempfile.TemporaryFile("w+") as out:
        start = time.perf_counter()
        child = subprocess.Popen(args, env=env, cwd=ROOT, stdout=out, stderr=out)  # noqa: S603
        # wait4 gives this child's own resource usage (RUSAGE_CHILDREN would be the largest of
        # every child so far, migrations included).
        _, status, usage = os.wait4(child.pid, 0)
        seconds = time.perf_counter() - start
        child.returncode = os.waitstatus_to_exitcode(status)
        if child.returncode != 0:
            out.seek(0)
            sys.exit(f"{' '.join(args[2:])} failed ({child.returncode}):\n{out.read()[-4000:]}")
    return seconds, usage.ru_maxrss / 1024  # kilobytes on Linux


def count_rows(folder: Path) -> dict[str, int]:
    counts = {}
    for path in sorted(folder.glob("*.csv")):
        with path.open(newline="", encoding="utf-8-sig") as fh:
            counts[path.stem] = sum(1 for _ in csv.reader(fh)) - 1
    return counts


def fresh_postgres(url: str) -> None:
    import psycopg

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    admin = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')


def postgres_version(url: str) -> str:
    import psycopg

    with psycopg.connect(url) as connection:
        return str(connection.execute("SHOW server_version").fetchone()[0])


def machine(postgres_url: str | None) -> list[str]:
    cpu = platform.processor() or "unknown CPU"
    ram = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                ram = f"{int(line.split()[1]) / 1024 / 1024:.1f} GB"
                break
    except OSError:
        pass
    lines = [
        f"CPU:        {cpu}, {os.cpu_count()} cores",
        f"RAM:        {ram}",
        f"Load:       {', '.join(f'{x:.2f}' for x in os.getloadavg())} (1, 5, 15 min)",
        f"OS:         {platform.platform()}",
        f"Python:     {platform.python_version()}",
        f"SQLite:     {sqlite3.sqlite_version}",
    ]
    if postgres_url:
        lines.append(f"PostgreSQL: {postgres_version(postgres_url)}")
    return lines


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
