"""Benchmark the staff pages on a large caseload: My work, the team's work, the complaints list
(default, filtered and sorted, overdue, page 200 by its cursor, searches by reference and by
name) and a complaint's pages.

    .venv/bin/python bench/bench_pages.py                          # 1,000,000 on PostgreSQL
    .venv/bin/python bench/bench_pages.py --complaints 10000       # the same pages at 10,000
    .venv/bin/python bench/bench_pages.py --database sqlite --complaints 100000

The caseload is `demo_generate --complaints N` imported with `redress import` (the demo
authority's shape: six years, about 1.1 stages a complaint) into a database kept between runs:
PostgreSQL `redress_bench_pages_<N>` (`--postgres-url` names the server), or SQLite
`var/bench/pages-<N>.sqlite3`. `--rebuild` makes it again. The first run also gives it what an
import does not carry: 399 responding managers in 40 teams and a complaints officer, with every
stage allocated in turn (one in 401 left unallocated: about 45 open stages each at a million),
20 investigating officers appointed in turn to a tenth of the stage 2s, names for every
complainant (three in ten with one of 40 common surnames), a named child on one complaint in
ten, and the Ombudsman's response dates. Today is pinned to the data's last day (`REDRESS_TODAY`).

Each page is requested through Django's test client, signed in as the role that uses it: twice
to warm up, then `--repeats` times. Prints the median and the 95th percentile, and the number of
queries (which must be the same at every size). Target: every page's 95th percentile under
100 ms, at 1,000,000 complaints on PostgreSQL and at 100,000 on SQLite.
"""

from __future__ import annotations

import argparse
import datetime
import os
import random
import statistics
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import ROOT, fresh_postgres, machine, manage

sys.path.insert(0, str(ROOT))
DEFAULT_POSTGRES = "postgres://postgres@127.0.0.1:5432/redress_bench_pages"
TARGET_MS = 100.0
WARM_UP = 2
TEAMS = 40
MANAGERS = 400  # stage-holders: about 45 open stages each at a million complaints
INVESTIGATORS = 20  # appointed in turn to a tenth of the stage 2s
SYLLABLES = (
    ("al", "bar", "cor", "dun", "el", "far", "gil", "har", "ing", "jar", "kel", "lam", "mor",
     "nor", "ost", "pen", "rad", "sel", "tor", "wick"),
    ("ben", "cas", "dal", "fen", "gar", "hol", "kin", "lin", "mer", "nes", "par", "ros", "sam",
     "tam", "ver", "wal", "yar", "zen", "bri", "cot"),
    ("by", "croft", "den", "ford", "ham", "ley", "more", "ridge", "ton", "wood"),
)  # fmt: skip
FIRST_NAMES = (
    "Amara", "Ben", "Chloe", "Daniel", "Ella", "Farah", "George", "Hannah", "Isaac", "Jade",
    "Kwame", "Leah", "Mohammed", "Niamh", "Oliver", "Priya", "Qasim", "Ruby", "Samuel", "Tia",
    "Usman", "Violet", "William", "Xena", "Yusuf", "Zara", "Aisha", "Callum", "Demi", "Ethan",
)  # fmt: skip
SURNAMES = (
    "Ahmed", "Baker", "Campbell", "Davies", "Edwards", "Fletcher", "Green", "Hussain", "Iqbal",
    "Jones", "Khan", "Lewis", "Morgan", "Nwosu", "Owen", "Patel", "Quinn", "Roberts", "Singh",
    "Taylor", "Usher", "Vaughan", "Walker", "Young", "Zielinski", "Begum", "Clarke", "Doherty",
    "Evans", "Francis", "Gordon", "Hughes", "Ibrahim", "Jackson", "Kaur", "Lloyd", "Murphy",
    "Nolan", "Okafor", "Price",
)  # fmt: skip


def database_url(engine: str, complaints: int, postgres_url: str) -> str:
    if engine == "postgres":
        parts = urlsplit(postgres_url)
        return urlunsplit(parts._replace(path=f"{parts.path}_{complaints}"))
    return f"sqlite:///{ROOT / 'var' / 'bench' / f'pages-{complaints}.sqlite3'}"


def _built(url: str) -> bool:
    if url.startswith("sqlite"):
        return Path(urlsplit(url).path).is_file()
    import psycopg

    try:
        with psycopg.connect(url) as connection:
            found = connection.execute("SELECT to_regclass('accounts_user')").fetchone()
            return found is not None and found[0] is not None
    except psycopg.OperationalError:
        return False


def build(url: str, complaints: int) -> None:
    """Generate the caseload (kept in var/bench/) and import it into a fresh database."""
    data = ROOT / "var" / "bench" / f"data-{complaints}"
    env = {**os.environ, "DATABASE_URL": url}
    if not data.is_dir():
        print(f"Generating {complaints:,} complaints into {data}", flush=True)
        scratch = ROOT / "var" / "bench" / "generate.sqlite3"
        manage(
            "demo_generate",
            "--output",
            str(data),
            "--complaints",
            str(complaints),
            env={**os.environ, "DATABASE_URL": f"sqlite:///{scratch}"},
            capture=True,
        )
    if url.startswith("sqlite"):
        Path(urlsplit(url).path).unlink(missing_ok=True)
    else:
        fresh_postgres(url)
    started = time.perf_counter()
    manage("migrate", "--verbosity", "0", env=env)
    manage("import", str(data), "--create-missing", "--quiet", env=env)
    print(f"Imported in {time.perf_counter() - started:.0f} s", flush=True)


def _last_day() -> datetime.date:
    from django.db.models import Max

    from redress.complaints.models import Stage

    return Stage.objects.aggregate(last=Max("received_date"))["last"]


PREPARED = "bench_pages 4"  # the bench executive's job title: what `prepare` last did


def prepare() -> None:
    """What an import does not carry (see the module's docstring). Done once per database, and
    again when this script's idea of it changes (PREPARED)."""
    from django.db import connection, transaction

    from redress.accounts.models import Role, User
    from redress.complaints.models import Appointment, Complaint
    from redress.complaints.state import refresh_complaints
    from redress.organisations.models import Organisation
    from redress.people.models import Person

    if User.objects.filter(username="bench_executive", job_title=PREPARED).exists():
        return
    started = time.perf_counter()
    postgres = connection.vendor == "postgresql"
    with transaction.atomic():
        # Whatever an earlier version of this script added.
        Appointment.objects.filter(user__username__startswith="bench_").delete()
        Complaint.children.through.objects.filter(person__key__startswith="BENCH-").delete()
        Person.objects.filter(key__startswith="BENCH-").delete()
        User.objects.filter(username__startswith="bench_").delete()
        Organisation.objects.filter(name__startswith="Bench team").delete()

        teams = Organisation.objects.bulk_create(
            Organisation(name=f"Bench team {i + 1:02d}") for i in range(TEAMS)
        )
        # One complaints officer and the responding managers, with consecutive ids, take
        # every stage in turn; one stage in (MANAGERS + 1) is left unallocated.
        staff = User.objects.bulk_create(
            [User(username="bench_officer", first_name="Olu", last_name="Bench",
                  role=Role.COMPLAINTS_OFFICER)]
            + [
                User(
                    username=f"bench_rm_{i:03d}",
                    first_name=FIRST_NAMES[i % len(FIRST_NAMES)],
                    last_name=f"Manager {i:03d}",
                    role=Role.RESPONDING_MANAGER,
                    organisation=teams[i % TEAMS],
                )
                for i in range(MANAGERS - 1)
            ]
        )  # fmt: skip
        first = min(u.pk for u in staff)
        assert max(u.pk for u in staff) - first == MANAGERS - 1, "ids not consecutive"
        investigators = User.objects.bulk_create(
            User(
                username=f"bench_io_{i:02d}",
                first_name=FIRST_NAMES[i % len(FIRST_NAMES)],
                last_name=f"Investigator {i:02d}",
                role=Role.INVESTIGATING_OFFICER,
            )
            for i in range(INVESTIGATORS)
        )
        first_io = min(u.pk for u in investigators)
        assert max(u.pk for u in investigators) - first_io == INVESTIGATORS - 1
        User.objects.create(username="bench_executive", role=Role.EXECUTIVE, job_title=PREPARED)
        share = MANAGERS + 1
        with connection.cursor() as cursor:
            cursor.execute(
                "UPDATE complaints_stage SET allocated_to_id = "
                f"CASE WHEN id % {share} = 0 THEN NULL ELSE {first - 1} + id % {share} END"
            )
            cursor.execute(
                "INSERT INTO complaints_appointment (stage_id, role, name, user_id, "
                "appointed_date, created_at, updated_at) "
                "SELECT id, 'investigating_officer', 'Investigator', "
                f"{first_io} + (id / 10) % {INVESTIGATORS}, received_date, "
                "CURRENT_TIMESTAMP, CURRENT_TIMESTAMP "
                "FROM complaints_stage WHERE number = 2 AND id % 10 = 0"
            )
            plus = "received_date + 28" if postgres else "date(received_date, '+28 days')"
            cursor.execute(f"UPDATE ombudsman_enquiry SET response_due_date = {plus}")
            cursor.execute(
                "UPDATE ombudsman_enquiry SET response_sent_date = response_due_date "
                "WHERE response_due_date < %s",
                [_last_day() - datetime.timedelta(days=7)],
            )
        _name_people()
        # The names are written here in SQL, as no service would: the search text of every
        # complaint they are on, as the services keep it.
        refresh_complaints(Complaint.objects.values_list("pk", flat=True))
    print(f"Prepared the caseload in {time.perf_counter() - started:.0f} s", flush=True)


def _names() -> Iterator[str]:
    """Names as a large authority's records have them: three in ten with one of 40 common
    surnames (each about 0.75% of people, as Smith is 1.3% of England's), the rest with one of
    4,000 rarer ones."""
    rng = random.Random(2022)
    while True:
        first = rng.choice(FIRST_NAMES)
        if rng.random() < 0.3:
            surname = rng.choice(SURNAMES)
        else:
            surname = "".join(rng.choice(part) for part in SYLLABLES).capitalize()
        yield f"{first} {surname}"


def _name_people() -> None:
    """A name for every complainant, and a named child on one complaint in ten."""
    from django.db import connection

    from redress.complaints.models import Complaint
    from redress.people.models import Person

    names = _names()
    with connection.cursor() as cursor:
        ids = list(Person.objects.values_list("pk", flat=True))
        cursor.executemany(
            "UPDATE people_person SET name = %s WHERE id = %s", [(next(names), i) for i in ids]
        )
        complaints = Complaint.objects.order_by("pk").values_list("pk", flat=True)
        chosen = [pk for pk in complaints if pk % 10 == 3]
        batch = 5000
        for start in range(0, len(chosen), batch):
            part = chosen[start : start + batch]
            made = Person.objects.bulk_create(
                Person(key=f"BENCH-CHILD-{pk}", name=next(names), age_band="10-15") for pk in part
            )
            Complaint.children.through.objects.bulk_create(
                Complaint.children.through(complaint_id=pk, person_id=person.pk)
                for pk, person in zip(part, made, strict=True)
            )


def analyse() -> None:
    """Planner statistics and, on PostgreSQL, the visibility map (which lets an index answer
    without reading the table): what autovacuum keeps up to date on a running server."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")


def _timed(client: object, url: str, repeats: int) -> tuple[list[float], int]:
    from django.db import connection

    for _ in range(WARM_UP):
        response = client.get(url)  # type: ignore[attr-defined]
        assert response.status_code == 200, (url, response.status_code)
    captured = []

    def count(execute: Any, sql: str, *args: Any) -> Any:
        captured.append(sql)
        return execute(sql, *args)

    with connection.execute_wrapper(count):
        client.get(url)  # type: ignore[attr-defined]
    timings = []
    for _ in range(repeats):
        start = time.perf_counter()
        client.get(url)  # type: ignore[attr-defined]
        timings.append((time.perf_counter() - start) * 1000)
    return timings, len(captured)


def p95(timings: list[float]) -> float:
    return statistics.quantiles(timings, n=20, method="inclusive")[-1]


def pages() -> dict[str, tuple[str, str]]:
    """(signed in as, address) for each page timed."""
    from django.db.models import Count
    from django.urls import reverse

    from redress.accounts.models import User
    from redress.complaints.models import Complaint, Stage
    from redress.complaints.selectors import SORTS, ComplaintFilters, Cursor, complaint_list
    from redress.organisations.models import ServiceArea
    from redress.people.models import Person

    officer = User.objects.get(username="bench_officer")
    listing = reverse("complaints:list")
    # Page 200 of stage 1, newest first: the cursor of page 199's last row, as its "next"
    # link would carry it.
    stage1 = complaint_list(user=officer, filters=ComplaintFilters(stage=1), today=_last_day())
    key = SORTS["received"]
    row = stage1.order_by(*key.ordering(descending=True)).values_list("received_date", "reference")[
        199 * 25 - 1
    ]
    cursor = Cursor(*row).encode()
    busiest = (
        ServiceArea.objects.annotate(n=Count("complaints")).order_by("-n").values_list("pk")[0][0]
    )
    # A complaint with the most to show: the latest to reach stage 3, else stage 2.
    rich = Complaint.objects.filter(stage_reached__gte=2).order_by("-stage_reached", "-pk")[0]
    reference = Complaint.objects.order_by("pk")[Complaint.objects.count() // 3].reference
    # A child with one of the rarer surnames: a name someone would search by.
    children = Person.objects.filter(key__startswith="BENCH-CHILD-").order_by("pk")
    name = next(p.name for p in children[:100] if p.name.split()[-1] not in SURNAMES)
    # The responding manager with the most overdue: a list that has rows at every size.
    busiest_person = (
        Stage.objects.filter(
            status="open", due_date__lt=_last_day(), allocated_to__username__startswith="bench_rm"
        )
        .values("allocated_to")
        .annotate(n=Count("pk"))
        .order_by("-n", "allocated_to")
        .values_list("allocated_to", flat=True)[0]
    )
    manager = User.objects.get(pk=busiest_person)
    return {
        "My work (responding manager)": (manager.username, reverse("core:home")),
        "My work (complaints officer)": ("bench_officer", reverse("core:home")),
        "My work (investigating officer)": ("bench_io_00", reverse("core:home")),
        "The team's work": ("bench_officer", reverse("complaints:team")),
        "list, newest first": ("bench_officer", listing),
        "list, open statutory, by due date": (
            "bench_officer",
            f"{listing}?status=open&procedure=statutory&sort=due",
        ),
        "list, the largest service, by due date": (
            "bench_officer",
            f"{listing}?service_area={busiest}&sort=due",
        ),
        "list, overdue": ("bench_officer", f"{listing}?status=overdue"),
        "list, one person's overdue": (
            "bench_officer",
            f"{listing}?allocated_to={manager.pk}&status=overdue&sort=due",
        ),
        "list, stage 1, page 200": ("bench_officer", f"{listing}?stage=1&after={cursor}&page=200"),
        "search, part of a reference": ("bench_officer", f"{listing}?q={reference[-9:]}"),
        "search, a child's name": ("bench_officer", f"{listing}?q={name.replace(' ', '+')}"),
        "search, a common surname": ("bench_officer", f"{listing}?q=Okafor"),
        "complaint summary": ("bench_officer", reverse("complaints:summary", args=[rich.pk])),
        "complaint stages": ("bench_officer", reverse("complaints:stages", args=[rich.pk])),
        "complaint timeline": ("bench_officer", reverse("complaints:timeline", args=[rich.pk])),
        "complaint people": ("bench_officer", reverse("complaints:people", args=[rich.pk])),
        "complaint payments": ("bench_officer", reverse("complaints:payments", args=[rich.pk])),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database", choices=["postgres", "sqlite"], default="postgres")
    parser.add_argument("--complaints", type=int)
    parser.add_argument("--postgres-url", default=DEFAULT_POSTGRES)
    parser.add_argument("--rebuild", action="store_true")
    parser.add_argument("--repeats", type=int, default=40)
    parser.add_argument("--only", help="time only the pages whose label contains this")
    args = parser.parse_args()
    complaints = args.complaints or (1_000_000 if args.database == "postgres" else 100_000)
    url = database_url(args.database, complaints, args.postgres_url)
    (ROOT / "var" / "bench").mkdir(parents=True, exist_ok=True)
    if args.rebuild or not _built(url):
        build(url, complaints)
    else:  # a kept database, made before the latest migrations
        manage("migrate", "--verbosity", "0", env={**os.environ, "DATABASE_URL": url})

    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "redress.settings")
    os.environ["ALLOWED_HOSTS"] = "testserver"
    os.environ["REDRESS_HTTPS"] = "0"  # the test client speaks plain HTTP
    import django

    django.setup()
    prepare()
    from django.conf import settings

    settings.REDRESS_TODAY = _last_day()
    analyse()

    from django.test import Client

    from redress.accounts.models import User
    from redress.complaints.models import Complaint, Stage

    print("\n".join(machine(url if args.database == "postgres" else None)))
    print(
        f"{args.database}: {Complaint.objects.count():,} complaints, "
        f"{Stage.objects.count():,} stages; today is {settings.REDRESS_TODAY}"
    )
    print(f"{'page':<36} {'median':>8} {'p95':>8} {'queries':>8}")
    clients: dict[str, Client] = {}
    worst = 0.0
    for label, (username, address) in pages().items():
        if args.only and args.only not in label:
            continue
        if username not in clients:
            clients[username] = Client()
            clients[username].force_login(User.objects.get(username=username))
        timings, queries = _timed(clients[username], address, args.repeats)
        worst = max(worst, p95(timings))
        print(
            f"{label:<36} {statistics.median(timings):6.1f} ms {p95(timings):6.1f} ms {queries:8d}",
            flush=True,
        )
    verdict = "within target" if worst < TARGET_MS else "OVER TARGET"
    print(f"slowest 95th percentile {worst:.0f} ms (target {TARGET_MS:.0f} ms): {verdict}")


if __name__ == "__main__":
    main()
