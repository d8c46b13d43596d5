"""Benchmark the annual report: each format for one authority-year, and for a million complaints.

    .venv/bin/python bench/bench_report.py                  # one authority-year, both databases
    .venv/bin/python bench/bench_report.py --database sqlite
    .venv/bin/python bench/bench_report.py --million        # also 1,000,000 complaints, PostgreSQL

One authority-year: `demo_generate --complaints 26000` spreads 26,000 complaints over April 2017
to May 2022, about 5,000 of them in 2021-22, the year reported (as of 2022-05-31). The dataset is
imported into a fresh database (not timed); then each format is made by
`reporting.services.generate_report` in a fresh child process with Django set up, timed from
the call (extraction, figures, document, charts, rendering) twice: cold, the process's first
report (its imports, vl-convert's JavaScript engine, template compilation and WeasyPrint's
fonts paid for inside it), and warm, the same report made again as a running server makes
it, with nothing computed reused (the chart cache is emptied). The targets are for the warm
time; both are printed, and the child's peak memory over both.
The million: `demo_generate --complaints 1000000` imported into PostgreSQL database
`redress_bench_1m` (kept between runs: building it takes about ten minutes; `--rebuild` makes it
again).

Targets: one authority-year JSON under 1 s and PDF under 5 s; a million complaints JSON under
10 s in under 2 GiB.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import PYTHON, ROOT, fresh_postgres, machine, manage

POSTGRES_YEAR = "postgres://postgres@127.0.0.1:5432/redress_bench_report"
POSTGRES_MILLION = "postgres://postgres@127.0.0.1:5432/redress_bench_1m"
FORMATS = ("json", "html", "pdf", "docx", "xlsx")
TARGETS = {("year", "json"): 1.0, ("year", "pdf"): 5.0, ("million", "json"): 10.0}
MEMORY_TARGET_MB = {("million", "json"): 2048}

CHILD = """
import datetime, json, resource, sys, time
import django
django.setup()
from redress.reporting import charts
from redress.reporting.periods import financial_year
from redress.reporting.services import generate_report
fmt = sys.argv[1]


def timed():
    charts._svg.cache_clear()  # every chart drawn afresh each time
    start = time.perf_counter()
    output = generate_report(
        period=financial_year("2021-22"), as_of=datetime.date(2022, 5, 31), fmt=fmt
    )
    return time.perf_counter() - start, output


# Cold: a fresh process, from the call (imports done lazily inside it, vl-convert's JavaScript
# engine started, templates compiled, WeasyPrint's fonts and stylesheets loaded).
cold, output = timed()
# Warm: the same report again in the same process, as a running server makes it; nothing
# computed is reused (the facts, figures, document and every chart are made again).
warm, output = timed()
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"cold": cold, "seconds": warm, "peak_mb": peak, "bytes": len(output.content)}))
"""


def run_format(url: str, fmt: str) -> dict[str, float]:
    env = {**os.environ, "DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "redress.settings"}
    done = subprocess.run(  # noqa: S603 (our own interpreter and script)
        [PYTHON, "-c", CHILD, fmt], env=env, cwd=ROOT, capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        sys.exit(f"{fmt} failed:\n{done.stderr[-4000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def line(scale: str, database: str, fmt: str, result: dict[str, float]) -> str:
    verdict = ""
    target = TARGETS.get((scale, fmt))
    memory = MEMORY_TARGET_MB.get((scale, fmt))
    if target is not None:
        ok = result["seconds"] < target and (memory is None or result["peak_mb"] < memory)
        verdict = "  within target" if ok else "  OVER TARGET"
    return (
        f"{scale:<8} {database:<11} {fmt:<5} {result['seconds']:7.2f} s  "
        f"(cold {result['cold']:6.2f} s)  "
        f"peak {result['peak_mb']:7,.0f} MB  {result['bytes'] / 1024:9,.0f} KB{verdict}"
    )


def load(url: str, data: Path) -> None:
    env = {**os.environ, "DATABASE_URL": url}
    manage("migrate", "--verbosity", "0", env=env)
    manage("import", str(data), "--create-missing", "--quiet", env=env)
    manage("demo_setup", env=env, capture=True)


def generate(folder: Path, complaints: int) -> None:
    start = time.perf_counter()
    manage(
        "demo_generate",
        "--output",
        str(folder),
        "--complaints",
        str(complaints),
        env={**os.environ, "DATABASE_URL": f"sqlite:///{folder.parent / 'generate.sqlite3'}"},
        capture=True,
    )
    print(f"Generated {complaints:,} complaints in {time.perf_counter() - start:.1f} s", flush=True)


def million_ready(url: str) -> bool:
    import psycopg

    try:
        with psycopg.connect(url) as connection:
            row = connection.execute("SELECT count(*) FROM complaints_complaint").fetchone()
    except psycopg.Error:
        return False
    return bool(row and row[0] >= 1_000_000)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--complaints", type=int, default=26_000)
    parser.add_argument("--database", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--formats", default=",".join(FORMATS))
    parser.add_argument("--million", action="store_true", help="also 1,000,000 on PostgreSQL")
    parser.add_argument("--rebuild", action="store_true", help="rebuild the million database")
    args = parser.parse_args()
    formats = [f for f in args.formats.split(",") if f]

    postgres = args.database in {"postgres", "both"} or args.million
    print("\n".join(machine(POSTGRES_YEAR if postgres else None)), "\n", flush=True)
    with tempfile.TemporaryDirectory(prefix="redress-bench-report-") as tmp:
        work = Path(tmp)
        generate(work / "year", args.complaints)
        targets = []
        if args.database in {"sqlite", "both"}:
            targets.append(("SQLite", f"sqlite:///{work / 'year.sqlite3'}"))
        if args.database in {"postgres", "both"}:
            fresh_postgres(POSTGRES_YEAR)
            targets.append(("PostgreSQL", POSTGRES_YEAR))
        for database, url in targets:
            load(url, work / "year")
            for fmt in formats:
                print(line("year", database, fmt, run_format(url, fmt)), flush=True)

        if args.million:
            if args.rebuild or not million_ready(POSTGRES_MILLION):
                generate(work / "million", 1_000_000)
                fresh_postgres(POSTGRES_MILLION)
                start = time.perf_counter()
                load(POSTGRES_MILLION, work / "million")
                print(f"Imported the million in {time.perf_counter() - start:.0f} s", flush=True)
            for fmt in formats:
                print(line("million", "PostgreSQL", fmt, run_format(POSTGRES_MILLION, fmt)))


if __name__ == "__main__":
    main()
