"""Load test: 50 staff at once against gunicorn and PostgreSQL at 100,000 complaints, and the
same with PostgreSQL restarted in the middle.

    .venv/bin/python bench/bench_load.py                            # 50 users, 10 minutes
    .venv/bin/python bench/bench_load.py --restart-postgres         # restart PostgreSQL halfway
    .venv/bin/python bench/bench_load.py --complaints 10000 --users 10 --minutes 0.5

The caseload is bench_pages.py's (`build` and `prepare`: `demo_generate` imported, then staff,
allocations and names), in PostgreSQL database `redress_bench_load_<N>`, made once and kept
(`--rebuild` makes it again). Each run adds a complaints manager and complaints officers,
gives every load user a session made directly in the database (signed in, the manager's second
factor given: driving the sign-in form and a code is not what is measured), starts gunicorn on
127.0.0.1 with today pinned to the data's last day, and runs locust headless
(bench/load/locustfile.py) for `--minutes` with `--users`, spawning ten a second.

It prints the 50th, 95th and 99th percentiles, requests and failures, overall and for each
kind of request, the writes made, and checks that nothing was half-written: each write that
answered "done" left exactly its audit event and nothing else did (per kind: acknowledgements,
extensions with their rows, findings), and the stored state of every complaint is what the
services would work out (`refresh_complaints` over all of them changes no row).

`--restart-postgres` restarts the server `--restart-after` seconds in (default: halfway) with
`--restart-command` (default `pg_ctlcluster 15 main restart`, which needs root: it stops every
session on that server, so run it on a machine nobody else is using). It then also reports
the failures around the restart: every one must be a server error showing the site's error
page (no traceback), the failures must stop within `--recovery-seconds` of the restart
finishing, and every request after that must succeed.

Target (issue 8): no failures and a 95th percentile of at most 300 ms over 10 minutes.
Logs, locust's CSV files and the run's configuration are kept in var/bench/load/<time>/.
"""

from __future__ import annotations

import argparse
import csv
import json
import math
import os
import random
import secrets
import shlex
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_pages import SURNAMES, _built, _last_day, analyse, build, database_url, prepare
from common import ROOT, machine, manage

DEFAULT_POSTGRES = "postgres://postgres@127.0.0.1:5432/redress_bench_load"
TARGET_P95_MS = 300.0
OFFICERS = 8  # complaints officers' identities (about one in ten users)
RESPONDING_MANAGERS = 80  # the bench_rm_ users with the most open stages, one per user
WRITES = {
    "acknowledge": "stage.acknowledge",
    "extend": "stage.extend",
    "findings": "aspect.record_finding",
}
BIN = Path(sys.executable).parent


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _session(user: Any) -> str:
    """A signed-in session for the user, as a finished sign-in leaves it (both factors)."""
    from importlib import import_module

    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from redress.accounts import second_factor
    from redress.accounts.middleware import mark_signed_in

    session = import_module(settings.SESSION_ENGINE).SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    mark_signed_in(session)
    if second_factor.required_for(user):
        device = second_factor.authenticator_of(user) or TOTPDevice.objects.create(
            user=user, name=second_factor.AUTHENTICATOR, confirmed=True
        )
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    else:
        session[second_factor.ENROLLED_SESSION_KEY] = False
    session.create()
    return str(session.session_key)


def load_config(folder: Path, think: tuple[float, float]) -> dict[str, Any]:
    """The load users, their sessions and what they work on."""
    from django.conf import settings
    from django.db.models import Count

    from redress.accounts.models import Role, User
    from redress.complaints.models import Complaint, Stage
    from redress.people.models import Person

    rng = random.Random(8)
    manager, _ = User.objects.get_or_create(
        username="bench_load_manager",
        defaults={"role": Role.COMPLAINTS_MANAGER, "first_name": "Mo", "last_name": "Load"},
    )
    officers = [
        User.objects.get_or_create(
            username=f"bench_load_officer_{i}",
            defaults={"role": Role.COMPLAINTS_OFFICER, "first_name": "Ola", "last_name": f"{i}"},
        )[0]
        for i in range(1, OFFICERS + 1)
    ]
    open_stages = Stage.objects.filter(status="open")
    with_reasons = open_stages.annotate(n=Count("aspects")).filter(n__gt=0)
    busiest = (
        with_reasons.filter(allocated_to__username__startswith="bench_rm_")
        .values("allocated_to")
        .annotate(held=Count("pk"))
        .order_by("-held", "allocated_to")
        .values_list("allocated_to", flat=True)[:RESPONDING_MANAGERS]
    )
    responders = []
    for user in User.objects.filter(pk__in=list(busiest)).order_by("username"):
        stages = list(with_reasons.filter(allocated_to=user).values_list("complaint_id", "number"))
        complaints = list(
            Stage.objects.filter(allocated_to=user)
            .order_by("-received_date")
            .values_list("complaint_id", flat=True)[:200]
        )
        responders.append(
            {"username": user.username, "session": _session(user), "stages": stages,
             "complaints": complaints}
        )  # fmt: skip
    unacknowledged = list(
        open_stages.filter(
            acknowledged_date__isnull=True, allocated_to__username__startswith="bench_rm_"
        ).values_list("complaint_id", "number")
    )
    rng.shuffle(unacknowledged)
    all_ids = list(Complaint.objects.values_list("pk", flat=True))
    references = Complaint.objects.filter(pk__in=rng.sample(all_ids, 10)).values_list(
        "reference", flat=True
    )
    children = list(Person.objects.filter(key__startswith="BENCH-CHILD-").order_by("pk")[:500])
    return {
        "session_cookie": settings.SESSION_COOKIE_NAME,
        "think_seconds": list(think),
        "request_log": str(folder / "requests.jsonl"),
        "weights": {"officers": 5, "responding_managers": 44},
        "managers": [{"username": manager.username, "session": _session(manager)}],
        "officers": [{"username": u.username, "session": _session(u)} for u in officers],
        "responding_managers": responders,
        "acknowledge": [list(s) for s in unacknowledged],
        "extend": _extendable(rng, open_stages, 500),
        "findings": _sample(rng, with_reasons, 2000),
        "complaints": rng.sample(all_ids, min(2000, len(all_ids))),
        "searches": [
            *rng.sample(SURNAMES, 10),
            *(r[-9:] for r in references),
            *(p.name for p in rng.sample(children, min(10, len(children)))),
        ],
    }


def _extendable(rng: random.Random, stages: Any, n: int) -> list[list[int]]:
    """Open stages whose procedure allows a longer timescale than they have."""
    from redress.complaints.services.stages import extension_refusal

    found = list(stages.select_related("complaint__procedure").order_by("?")[: n * 4])
    return [[s.complaint_id, s.number] for s in found if extension_refusal(s) is None][:n]


def _sample(rng: random.Random, stages: Any, n: int) -> list[list[int]]:
    found = [list(s) for s in stages.values_list("complaint_id", "number")]
    return rng.sample(found, min(n, len(found)))


def _consistent() -> int:
    """How many rows `refresh_complaints` over every complaint would change (rolled back)."""
    from django.db import transaction

    from redress.complaints.models import Complaint
    from redress.complaints.state import refresh_complaints

    with transaction.atomic():
        changed = refresh_complaints(Complaint.objects.values_list("pk", flat=True))
        transaction.set_rollback(True)
    return changed


def _serve(url: str, port: int, folder: Path, args: argparse.Namespace) -> subprocess.Popen:
    from django.conf import settings

    env = {
        **{k: v for k, v in os.environ.items() if k != "DEBUG"},
        "DATABASE_URL": url,
        "ALLOWED_HOSTS": "127.0.0.1",
        "REDRESS_HTTPS": "0",
        "REDRESS_TODAY": str(settings.REDRESS_TODAY),
        "DJANGO_SETTINGS_MODULE": "redress.settings",
    }
    server = subprocess.Popen(  # noqa: S603 (our own gunicorn)
        [str(BIN / "gunicorn"), "redress.wsgi:application", "--bind", f"127.0.0.1:{port}",
         "--workers", str(args.workers), "--threads", str(args.threads),
         "--worker-class", "gthread", "--timeout", "60", "--log-level", "warning",
         "--error-logfile", str(folder / "gunicorn.log")],
        env=env, cwd=ROOT,
    )  # fmt: skip
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/accounts/login/", timeout=5):
                return server
        except OSError:
            if server.poll() is not None:
                sys.exit(f"gunicorn stopped ({server.returncode}): see {folder / 'gunicorn.log'}")
            time.sleep(0.5)
    server.terminate()
    sys.exit(f"gunicorn did not answer within a minute: see {folder / 'gunicorn.log'}")


def _warm_up(port: int, config: dict[str, Any], workers: int, threads: int) -> None:
    """Each worker's first requests import, compile templates and connect: not what is timed."""
    from concurrent.futures import ThreadPoolExecutor

    cookie = f"{config['session_cookie']}={config['managers'][0]['session']}"
    pages = ["/", "/complaints/", "/complaints/?status=overdue", "/complaints/team/",
             f"/complaints/?q={config['searches'][0].replace(' ', '+')}"]  # fmt: skip
    for pk in config["complaints"][:3]:
        pages += [f"/complaints/{pk}/{page}" for page in ("", "stages/", "timeline/", "people/")]

    def get(path: str) -> None:
        address = f"http://127.0.0.1:{port}{path}"
        request = urllib.request.Request(address, headers={"Cookie": cookie})
        with urllib.request.urlopen(request, timeout=60) as response:  # noqa: S310 (http, ours)
            response.read()

    with ThreadPoolExecutor(workers * threads) as pool:
        list(pool.map(get, pages * workers * 2))


def _restart_later(command: str, after: float, times: dict[str, float]) -> threading.Timer:
    def restart() -> None:
        times["restart_started"] = time.time()
        done = subprocess.run(shlex.split(command), capture_output=True, text=True, check=False)  # noqa: S603
        times["restart_finished"] = time.time()
        times["restart_status"] = done.returncode
        if done.returncode:
            print(f"restart command failed ({done.returncode}): {done.stderr.strip()}", flush=True)

    timer = threading.Timer(after, restart)
    timer.start()
    return timer


def _percentile(sorted_ms: list[float], q: float) -> float:
    """Nearest rank: the smallest time that q of the requests took no longer than."""
    return sorted_ms[max(0, math.ceil(q * len(sorted_ms)) - 1)]


def _report(requests: list[dict[str, Any]]) -> float:
    """Each kind of request's count, failures and percentiles (from the run's own log, every
    request to its end: locust's CSV files are kept too, but round their percentiles)."""
    print(f"{'request':<26} {'count':>7} {'fails':>6} {'p50':>7} {'p95':>7} {'p99':>7}  ms")
    names = sorted({(e["method"], e["name"]) for e in requests}, key=lambda m: (m[1], m[0]))
    p95 = math.nan
    for method, name in [*names, ("", "all requests")]:
        rows = [e for e in requests if not method or (e["method"], e["name"]) == (method, name)]
        ms = sorted(e["ms"] for e in rows)
        if not ms:
            continue
        fails = sum(1 for e in rows if not e["ok"])
        p95 = _percentile(ms, 0.95)
        print(
            f"{(method + ' ' + name).strip():<26} {len(ms):>7} {fails:>6} "
            f"{_percentile(ms, 0.5):>7.0f} {p95:>7.0f} {_percentile(ms, 0.99):>7.0f}"
        )
    return p95


def _high_water() -> dict[str, int]:
    """The last audit event and extension before the run (their times follow the pinned day)."""
    from django.db.models import Max

    from redress.complaints.models import Extension
    from redress.core.models import AuditEvent

    return {
        "audit": AuditEvent.objects.aggregate(n=Max("pk"))["n"] or 0,
        "extension": Extension.objects.aggregate(n=Max("pk"))["n"] or 0,
    }


def _writes_check(log: list[dict[str, Any]], before: dict[str, int], ack: set) -> bool:
    """Each write that answered 'done' left exactly its audit event, and nothing else did."""
    from redress.complaints.models import Extension, Stage
    from redress.core.models import AuditEvent

    events = AuditEvent.objects.filter(pk__gt=before["audit"], actor__username__startswith="bench_")
    good = True
    print(f"{'write':<12} {'done':>6} {'refused':>8} {'failed':>7} {'audit events':>13}")
    for kind, action in WRITES.items():
        outcomes = [e["outcome"] for e in log if e["kind"] == "write" and e["write"] == kind]
        done = outcomes.count("done")
        recorded = events.filter(action=action).count()
        print(
            f"{kind:<12} {done:>6} {outcomes.count('refused'):>8} {outcomes.count('failed'):>7} "
            f"{recorded:>13}"
        )
        good &= done == recorded
    extensions = Extension.objects.filter(pk__gt=before["extension"]).count()
    extended = events.filter(action="stage.extend").count()
    acknowledged = sum(
        1
        for pk, number in Stage.objects.filter(acknowledged_date__isnull=False).values_list(
            "complaint_id", "number"
        )
        if (pk, number) in ack
    )
    print(f"extensions made {extensions} (events {extended}); "
          f"stages acknowledged {acknowledged} (events "
          f"{events.filter(action='stage.acknowledge').count()})")  # fmt: skip
    good &= extensions == extended
    good &= acknowledged == events.filter(action="stage.acknowledge").count()
    other = events.exclude(action__in=WRITES.values()).values_list("action", flat=True)
    if other:
        print(f"other audit events by the load users: {sorted(set(other))}")
    return good


def _restart_check(log: list[dict[str, Any]], times: dict[str, float], grace: float) -> bool:
    """Every failure a server error showing the site's error page, or Django's 400 for a
    session it could not save (SessionInterrupted: the database went between the page's work
    and the end of the request), none showing anything of the exception; none before the
    restart, none `grace` seconds after it finished, and requests succeeding after the last."""
    if "restart_finished" not in times:
        print("PostgreSQL was not restarted (the run ended first)")
        return False
    start, end = times["restart_started"], times["restart_finished"]
    print(f"restart took {end - start:.1f} s (exit status {times['restart_status']})")
    requests = [e for e in log if e["kind"] == "request"]
    failed = [e for e in requests if not e["ok"]]
    server_errors = [e for e in failed if e["status"] >= 500]
    site_page = [e for e in server_errors if e.get("error_page") and e.get("clean")]
    sessions = [e for e in failed if e["status"] == 400 and e.get("clean")]
    other = [e for e in failed if e not in server_errors and e not in sessions]
    last = max((e["t"] for e in failed), default=start)
    after = [e for e in requests if e["t"] > last]
    print(
        f"failures {len(failed)}: server errors {len(server_errors)} (showing the site's error "
        f"page: {len(site_page)}), sessions not saved (Django's 400 page) {len(sessions)}, "
        f"other {len(other)} {sorted({(e['status'], e.get('error', '')) for e in other})[:5]}"
    )
    print(
        f"first failure {min((e['t'] for e in failed), default=start) - start:+.1f} s, "
        f"last {last - start:+.1f} s from the restart's start; "
        f"{len(after)} requests after the last failure, all succeeded"
    )
    for status, title in sorted({(e["status"], e.get("title", "")) for e in failed}):
        print(f"  {status}: {title}")
    before = [e for e in failed if e["t"] < start]
    return (
        len(site_page) == len(server_errors)
        and not other
        and not before
        and last <= end + grace
        and len(after) > 0
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--complaints", type=int, default=100_000)
    parser.add_argument("--postgres-url", default=DEFAULT_POSTGRES)
    parser.add_argument("--rebuild", action="store_true")
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--minutes", type=float, default=10.0)
    parser.add_argument("--spawn-rate", type=float, default=10.0)
    parser.add_argument("--think", default="2,8", help="seconds between a user's actions: min,max")
    parser.add_argument("--workers", type=int, default=3, help="gunicorn worker processes")
    parser.add_argument("--threads", type=int, default=2, help="threads per gunicorn worker")
    parser.add_argument("--restart-postgres", action="store_true")
    parser.add_argument("--restart-command", default="pg_ctlcluster 15 main restart")
    parser.add_argument("--restart-after", type=float, help="seconds (default: halfway)")
    parser.add_argument("--recovery-seconds", type=float, default=10.0)
    args = parser.parse_args()
    think = tuple(float(x) for x in args.think.split(","))
    if len(think) != 2 or think[0] > think[1]:
        parser.error(f"--think wants two numbers, min,max: {args.think!r}")
    url = database_url("postgres", args.complaints, args.postgres_url)
    (ROOT / "var" / "bench").mkdir(parents=True, exist_ok=True)
    if args.rebuild or not _built(url):
        build(url, args.complaints)
    else:  # a kept database, made before the latest migrations
        manage("migrate", "--verbosity", "0", env={**os.environ, "DATABASE_URL": url})

    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "redress.settings")
    # The sessions made here are signed with it: gunicorn gets the same.
    os.environ["SECRET_KEY"] = secrets.token_urlsafe(50)
    os.environ.pop("DEBUG", None)
    import django

    django.setup()
    prepare()
    from django.conf import settings

    from redress.complaints.models import Complaint, Stage

    settings.REDRESS_TODAY = _last_day()
    analyse()
    stale = _consistent()
    if stale:
        sys.exit(f"{stale} rows of stored state are stale before the run: rebuild (--rebuild)")

    folder = ROOT / "var" / "bench" / "load" / time.strftime("%Y%m%d-%H%M%S")
    folder.mkdir(parents=True)
    config = load_config(folder, think)
    (folder / "config.json").write_text(json.dumps(config))
    port = _free_port()
    server = _serve(url, port, folder, args)
    _warm_up(port, config, args.workers, args.threads)
    seconds = round(args.minutes * 60)
    times: dict[str, float] = {}
    before = _high_water()
    timer = None
    if args.restart_postgres:
        after = args.restart_after if args.restart_after is not None else seconds / 2
        timer = _restart_later(args.restart_command, after, times)
    print(
        f"{args.users} users for {seconds} s against gunicorn ({args.workers} workers x "
        f"{args.threads} threads) on port {port}; logs in {folder}",
        flush=True,
    )
    try:
        subprocess.run(  # noqa: S603 (our own locust)
            [str(BIN / "locust"), "-f", str(ROOT / "bench" / "load" / "locustfile.py"),
             "--headless", "-u", str(args.users), "-r", str(args.spawn_rate), "-t", f"{seconds}s",
             "--host", f"http://127.0.0.1:{port}", "--csv", str(folder / "locust"),
             "--only-summary", "--stop-timeout", "30", "--loglevel", "WARNING"],
            env={**os.environ, "REDRESS_LOAD_CONFIG": str(folder / "config.json")},
            cwd=ROOT, check=False, stdout=(folder / "locust.log").open("w"),
            stderr=subprocess.STDOUT,
        )  # fmt: skip
    finally:
        if timer is not None:
            timer.cancel()  # a run that ended first is not restarted afterwards
            timer.join()
        server.terminate()
        server.wait(timeout=60)

    from django.db import connection

    connection.close()  # after a restart, the connection is gone: open a new one
    log = [json.loads(line) for line in (folder / "requests.jsonl").open()]
    print("\n".join(machine(url)))
    print(
        f"Caseload:   {Complaint.objects.count():,} complaints, {Stage.objects.count():,} "
        f"stages; today is {settings.REDRESS_TODAY}; {args.users} users, think "
        f"{think[0]:g}-{think[1]:g} s, {seconds} s"
    )
    requests = [e for e in log if e["kind"] == "request"]
    p95 = _report(requests)
    failures = sum(1 for e in requests if not e["ok"])
    print(f"{len(requests)} requests, {failures} failed, {len(requests) / seconds:.1f} a second")
    with (folder / "locust_exceptions.csv").open(newline="") as f:
        crashes = list(csv.DictReader(f))
    for crash in crashes:
        print(f"a load user's task failed {crash['Count']} times: {crash['Message']}")
    writes_ok = _writes_check(log, before, {tuple(s) for s in config["acknowledge"]})
    stale = _consistent()
    print(f"stored state: refresh_complaints over all would change {stale} rows")
    verdicts = [("writes: each 'done' left its audit event, nothing else did", writes_ok),
                ("stored state consistent", stale == 0),
                ("no task of a load user failed (locust_exceptions.csv)", not crashes)]  # fmt: skip
    if args.restart_postgres:
        verdicts.append(("restart: clean error pages, then recovery", _restart_check(
            log, times, args.recovery_seconds)))  # fmt: skip
    else:
        verdicts.append(("no failures", failures == 0))
        verdicts.append((f"p95 {p95:.0f} ms <= {TARGET_P95_MS:.0f} ms", p95 <= TARGET_P95_MS))
    for label, good in verdicts:
        print(f"{'PASS' if good else 'FAIL'}  {label}")
    sys.exit(0 if all(good for _, good in verdicts) else 1)


if __name__ == "__main__":
    main()
