"""Benchmark the staff pages on a large caseload: the complaints list (filtered, sorted, a deep
page), "My work", and one complaint's stages.

    .venv/bin/python bench/bench_pages.py                         # 100,000 complaints, SQLite
    .venv/bin/python bench/bench_pages.py --complaints 20000
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/redress_bench_pages \\
        .venv/bin/python bench/bench_pages.py                     # PostgreSQL (db is recreated)

Builds the caseload with bulk inserts into a fresh database (SQLite: a temporary file;
PostgreSQL: the database named in DATABASE_URL, dropped and recreated), then requests each page
through Django's test client as a complaints officer, several times, and prints the median time
and the number of queries. Target: every page under 0.5 s at 100,000 complaints, with the same
number of queries whatever the size. (The halfway page of the whole list is printed too, outside
the target: offset pagination reads every row before it.)
"""

from __future__ import annotations

import argparse
import datetime
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
TARGET_SECONDS = 0.5
REPEATS = 5


def _prepare_database() -> str:
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith("postgres"):
        import psycopg

        base, _, name = url.rpartition("/")
        with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
            conn.execute(f'CREATE DATABASE "{name}"')
        return "postgresql"
    folder = tempfile.mkdtemp(prefix="redress-bench-pages-")
    os.environ["DATABASE_URL"] = f"sqlite:///{folder}/bench.sqlite3"
    return "sqlite"


def _build(complaints: int) -> int:
    from redress.accounts.models import Role, User
    from redress.complaints.models import Complaint, Extension, Stage
    from redress.organisations.models import Locality, ServiceArea
    from redress.procedures.models import Procedure

    rng = random.Random(2021)
    today = datetime.date.today()
    procedures = list(Procedure.objects.all())
    localities = [Locality.objects.create(name=n) for n in ("North", "South", "East", "West")]
    areas = [
        ServiceArea.objects.create(name=f"Service {i:02d}", locality=rng.choice(localities))
        for i in range(40)
    ]
    officer = User.objects.create_user("bench_officer", role=Role.COMPLAINTS_OFFICER)
    batch = 5000
    for start in range(0, complaints, batch):
        rows = []
        for i in range(start, min(start + batch, complaints)):
            received = today - datetime.timedelta(days=rng.randint(0, 365 * 6))
            area = rng.choice(areas)
            rows.append(
                Complaint(
                    reference=f"CSC-{received.year}-{i:06d}",
                    received_date=received,
                    procedure=rng.choice(procedures),
                    service_area=area,
                    locality=area.locality,
                    complainant_type=rng.choice(["parent", "child_young_person", "other"]),
                    method="email",
                )
            )
        made = Complaint.objects.bulk_create(rows)
        stages, extended = [], []
        for complaint in made:
            recent = (today - complaint.received_date).days < 60
            still_open = (recent and rng.random() < 0.6) or rng.random() < 0.01
            stages.append(
                Stage(
                    complaint=complaint,
                    number=1,
                    received_date=complaint.received_date,
                    responded_date=None
                    if still_open
                    else complaint.received_date + datetime.timedelta(days=rng.randint(5, 40)),
                    outcome="" if still_open else rng.choice(["upheld", "not_upheld"]),
                )
            )
        made_stages = Stage.objects.bulk_create(stages)
        for stage in made_stages:
            if stage.responded_date is None and rng.random() < 0.2:
                extended.append(Extension(stage=stage, extended_to_days=20, reason="Complex"))
        Extension.objects.bulk_create(extended)
    return officer.pk


def _time(client: object, url: str) -> tuple[float, int]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    timings, queries = [], 0
    for _ in range(REPEATS):
        with CaptureQueriesContext(connection) as captured:
            start = time.perf_counter()
            response = client.get(url)  # type: ignore[attr-defined]
            timings.append(time.perf_counter() - start)
        assert response.status_code == 200, (url, response.status_code)
        queries = len(captured)
    return statistics.median(timings), queries


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--complaints", type=int, default=100_000)
    args = parser.parse_args()

    engine = _prepare_database()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "redress.settings")
    os.environ["ALLOWED_HOSTS"] = "testserver"
    import django

    django.setup()
    from django.core.management import call_command
    from django.test import Client
    from django.urls import reverse

    from redress.accounts.models import User
    from redress.complaints.models import Complaint

    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    officer_pk = _build(args.complaints)
    print(
        f"{engine}: built {args.complaints:,} complaints in {time.perf_counter() - started:.1f} s"
    )
    # As autovacuum (PostgreSQL) or `ANALYZE` after an import would: planner statistics.
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")

    client = Client()
    client.force_login(User.objects.get(pk=officer_pk))
    some = Complaint.objects.order_by("pk")[args.complaints // 2]
    halfway = max(1, args.complaints // 25 // 2)
    pages = {
        "home (my work)": reverse("core:home"),
        "list, newest first": reverse("complaints:list"),
        "list, overdue": reverse("complaints:list") + "?status=overdue",
        "list, open, by service": reverse("complaints:list") + "?status=open&sort=service",
        "list, stage 1, page 200": reverse("complaints:list") + "?stage=1&page=200",
        "list, reference search": reverse("complaints:list") + "?reference=0004",
        "complaint stages": reverse("complaints:stages", args=[some.pk]),
        "complaint timeline": reverse("complaints:timeline", args=[some.pk]),
    }
    worst = 0.0
    for label, url in pages.items():
        seconds, queries = _time(client, url)
        worst = max(worst, seconds)
        print(f"  {label:<28} {seconds * 1000:8.1f} ms  {queries:3d} queries")
    # Offset pagination reads every row before the page, so the halfway page of a huge list is
    # shown for information, outside the target: nobody pages 2,000 pages in; they filter.
    seconds, queries = _time(client, reverse("complaints:list") + f"?page={halfway}")
    print(f"  {'(list, halfway: page ' + str(halfway) + ')':<28} {seconds * 1000:8.1f} ms")
    verdict = "within target" if worst < TARGET_SECONDS else "OVER TARGET"
    print(f"slowest page {worst * 1000:.0f} ms (target {TARGET_SECONDS * 1000:.0f} ms): {verdict}")


if __name__ == "__main__":
    main()
