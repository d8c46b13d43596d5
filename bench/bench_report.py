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
it, with nothing computed reused (the chart cache, the kept facts and the kept PDFs are
emptied). The targets are for the warm time; both are printed, and the child's peak memory over
both. Under each warm line a "kept" line times the same report again with what a running server
keeps from the one before: the facts (`reporting/facts/kept.py`, ADR 0032), the charts, and the
last few PDFs by the page each was printed from (ADR 0033). Nothing was recorded since, as for
the next report, download or drill-down a running server makes while nobody records anything.
The million: `demo_generate --complaints 1000000` imported into PostgreSQL database
`redress_bench_1m` (kept between runs: building it takes 10 to 30 minutes; `--rebuild` makes it
again).

    .venv/bin/python bench/bench_report.py --complaints 100000 --database sqlite --formats json
    .venv/bin/python bench/bench_report.py --keep var/bench/report      # keep and reuse datasets
    .venv/bin/python bench/bench_report.py --code /tmp/before           # another checkout's code

`--keep DIR` keeps the generated folders and SQLite files in DIR and the PostgreSQL databases,
and reuses them on the next run (so a before and an after read the same data). `--code DIR`
makes the reports with the `redress` package of another checkout (say `git archive` of an
earlier commit unpacked in DIR) with this checkout's interpreter. `--warm N` makes the warm
report N times (the median is printed, with the fastest and slowest), and the median of the
report process's CPU seconds: on a machine shared with other work they vary far less than the
wall time (on SQLite they are nearly all the work; PostgreSQL's own share is not in them). The
load average is printed with each line.

Targets (issue 11): one authority-year JSON under 0.25 s and PDF under 3 s; 100,000 complaints
JSON under 0.5 s (SQLite); a million complaints JSON under 3 s in under 1 GiB (PostgreSQL).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import PYTHON, ROOT, fresh_postgres, machine, manage

POSTGRES_YEAR = "postgres://postgres@127.0.0.1:5432/redress_bench_report"
POSTGRES_MILLION = "postgres://postgres@127.0.0.1:5432/redress_bench_1m"
FORMATS = ("json", "html", "pdf", "docx", "xlsx")
TARGETS = {
    ("year", "json"): 0.25,
    ("year", "pdf"): 3.0,
    ("100k", "json"): 0.5,
    ("million", "json"): 3.0,
}
MEMORY_TARGET_MB = {("million", "json"): 1024}

CHILD = """
import datetime, json, resource, sys, time
import django
django.setup()
from redress.reporting import charts
from redress.reporting.periods import financial_year
from redress.reporting.services import generate_report
fmt = sys.argv[1]
repeats = int(sys.argv[2])


try:
    from redress.reporting.facts import kept
except ImportError:  # --code: a checkout from before facts were kept
    kept = None
try:
    from redress.reporting.render.pdf import printed
except ImportError:  # --code: a checkout from before printed PDFs were kept
    printed = None


def timed(keep=False):
    if not keep:
        charts._svg.cache_clear()  # every chart drawn afresh
        if kept is not None:
            kept.store.clear()  # the facts read afresh
        if printed is not None:
            printed.cache_clear()  # and the PDF laid out afresh
    start, cpu = time.perf_counter(), time.process_time()
    output = generate_report(
        period=financial_year("2021-22"), as_of=datetime.date(2022, 5, 31), fmt=fmt
    )
    cpus.append(time.process_time() - cpu)
    return time.perf_counter() - start, output


cpus = []


# Cold: a fresh process, from the call (imports done lazily inside it, vl-convert's JavaScript
# engine started, templates compiled, WeasyPrint's fonts and stylesheets loaded).
cold, output = timed()
# Warm: the same report again in the same process, as a running server makes it; nothing
# computed is reused (the facts, figures, document and every chart are made again).
warm = []
for _ in range(repeats):
    seconds, output = timed()
    warm.append(seconds)
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
# Kept: the same report again with the facts, charts and PDF kept from the one before (nothing
# was recorded since), as the next report, download or drill-down of a running server is made.
warm_cpus, cpus = cpus[1:], []
kept_times = []
if kept is not None:
    timed(keep=True)  # keeps the facts
    cpus.clear()
    for _ in range(repeats):
        seconds, output = timed(keep=True)
        kept_times.append(seconds)
print(
    json.dumps(
        {
            "cold": cold,
            "warm": warm,
            "cpu": warm_cpus,
            "kept": kept_times,
            "kept_cpu": cpus,
            "peak_mb": peak,
            "bytes": len(output.content),
        }
    )
)
"""


def run_format(url: str, fmt: str, *, code: Path = ROOT, repeats: int = 1) -> dict[str, Any]:
    """Make the report in a child process run in `code` (its `redress` is imported first)."""
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "DJANGO_SETTINGS_MODULE": "redress.settings",
        "PYTHONPATH": str(code),
    }
    done = subprocess.run(  # noqa: S603 (our own interpreter and script)
        [PYTHON, "-c", CHILD, fmt, str(repeats)],
        env=env,
        cwd=code,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        sys.exit(f"{fmt} failed:\n{done.stderr[-4000:]}")
    result = json.loads(done.stdout.strip().splitlines()[-1])
    result["seconds"] = statistics.median(result["warm"])
    result["cpu_seconds"] = statistics.median(result["cpu"])
    return result


def kept_result(result: dict[str, Any]) -> dict[str, Any] | None:
    """The kept line's figures in the warm line's shape (None: the code keeps no facts)."""
    if not result.get("kept"):
        return None
    return {
        **result,
        "warm": result["kept"],
        "seconds": statistics.median(result["kept"]),
        "cpu_seconds": statistics.median(result["kept_cpu"]),
    }


def lines(scale: str, database: str, fmt: str, result: dict[str, Any]) -> str:
    """The warm line, and the kept line (facts kept, nothing recorded since) under it."""
    printed = [line(scale, database, fmt, result)]
    if (kept := kept_result(result)) is not None:
        printed.append(line(scale, database, f"{fmt} kept", kept, cold=False))
    return "\n".join(printed)


def line(scale: str, database: str, fmt: str, result: dict[str, Any], *, cold: bool = True) -> str:
    verdict = ""
    target = TARGETS.get((scale, fmt.removesuffix(" kept")))
    memory = MEMORY_TARGET_MB.get((scale, fmt.removesuffix(" kept")))
    if target is not None:
        ok = result["seconds"] < target and (memory is None or result["peak_mb"] < memory)
        verdict = "  within target" if ok else "  OVER TARGET"
    spread = (
        f" [{min(result['warm']):.2f}-{max(result['warm']):.2f}]" if len(result["warm"]) > 1 else ""
    )
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    first = f", cold {result['cold']:6.2f} s" if cold else ""
    return (
        f"{scale:<8} {database:<11} {fmt:<10} {result['seconds']:7.2f} s{spread}  "
        f"(cpu {result['cpu_seconds']:6.2f} s{first})  "
        f"peak {result['peak_mb']:7,.0f} MB  {result['bytes'] / 1024:9,.0f} KB  "
        f"load {load}{verdict}"
    )


def migrate(url: str) -> None:
    manage("migrate", "--no-input", "-v", "0", env={**os.environ, "DATABASE_URL": url})


def load(url: str, data: Path) -> None:
    env = {**os.environ, "DATABASE_URL": url}
    manage("migrate", "--verbosity", "0", env=env)
    manage("import", str(data), "--create-missing", "--quiet", env=env)
    manage("demo_setup", env=env, capture=True)
    if url.startswith("postgres"):
        vacuum(url)


def vacuum(url: str) -> None:
    """VACUUM ANALYZE, as autovacuum would have done by the time anyone reports: these machines'
    PostgreSQL runs with autovacuum off, and `demo_setup`'s updates leave the complaints table
    with two dead rows for each live one and its statistics stale, which slowed every scan
    of it (and chose a scan of every complaint for 28,000 enquiries)."""
    import psycopg

    with psycopg.connect(url, autocommit=True) as connection:
        connection.execute("VACUUM ANALYZE")


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


def complaints_in(url: str) -> int:
    """How many complaints the PostgreSQL database holds (0 if it does not exist yet)."""
    import psycopg

    try:
        with psycopg.connect(url) as connection:
            row = connection.execute("SELECT count(*) FROM complaints_complaint").fetchone()
    except psycopg.Error:
        return 0
    return int(row[0]) if row else 0


def million_ready(url: str) -> bool:
    return complaints_in(url) >= 1_000_000


def year_database(complaints: int) -> str:
    """The PostgreSQL database of an authority-year of this size."""
    return POSTGRES_YEAR if complaints == 26_000 else f"{POSTGRES_YEAR}_{complaints}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--complaints", type=int, default=26_000)
    parser.add_argument(
        "--database", choices=["sqlite", "postgres", "both", "none"], default="both"
    )
    parser.add_argument("--formats", default=",".join(FORMATS))
    parser.add_argument("--million", action="store_true", help="also 1,000,000 on PostgreSQL")
    parser.add_argument("--rebuild", action="store_true", help="rebuild the million database")
    parser.add_argument("--keep", type=Path, help="keep (and reuse) the datasets in this folder")
    parser.add_argument("--code", type=Path, default=ROOT, help="a checkout whose code to run")
    parser.add_argument("--warm", type=int, default=3, help="warm reports made (median printed)")
    args = parser.parse_args()
    formats = [f for f in args.formats.split(",") if f]
    code = args.code.resolve()
    scale = "100k" if args.complaints >= 100_000 else "year"

    postgres = args.database in {"postgres", "both"} or args.million
    print("\n".join(machine(POSTGRES_YEAR if postgres else None)), flush=True)
    print(f"Code:       {code}\n", flush=True)
    with tempfile.TemporaryDirectory(prefix="redress-bench-report-") as tmp:
        work = args.keep.resolve() if args.keep else Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        data = work / f"year-{args.complaints}"
        targets = []
        if args.database in {"sqlite", "both"}:
            targets.append(("SQLite", f"sqlite:///{work / f'year-{args.complaints}.sqlite3'}"))
        if args.database in {"postgres", "both"}:
            targets.append(("PostgreSQL", year_database(args.complaints)))
        for database, url in targets:
            loaded = work / f"{database.lower()}-{args.complaints}.loaded"
            if not (args.keep and loaded.exists()):
                if not data.exists():
                    generate(data, args.complaints)
                if database == "PostgreSQL":
                    fresh_postgres(url)
                else:
                    Path(url.removeprefix("sqlite:///")).unlink(missing_ok=True)
                load(url, data)
                loaded.touch()
            else:
                migrate(url)  # a kept database made before this code's migrations
                if database == "PostgreSQL":
                    vacuum(url)
            for fmt in formats:
                result = run_format(url, fmt, code=code, repeats=args.warm)
                print(lines(scale, database, fmt, result), flush=True)

        if args.million:
            if args.rebuild or not million_ready(POSTGRES_MILLION):
                generate(work / "million", 1_000_000)
                fresh_postgres(POSTGRES_MILLION)
                start = time.perf_counter()
                load(POSTGRES_MILLION, work / "million")
                print(f"Imported the million in {time.perf_counter() - start:.0f} s", flush=True)
            else:
                vacuum(POSTGRES_MILLION)
            for fmt in formats:
                result = run_format(POSTGRES_MILLION, fmt, code=code, repeats=args.warm)
                print(lines("million", "PostgreSQL", fmt, result), flush=True)


if __name__ == "__main__":
    main()
