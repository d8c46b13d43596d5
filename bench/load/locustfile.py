"""Staff at work, for the load test (`bench/bench_load.py` runs it; see bench/README.md).

Three kinds of user, each signed in by a session cookie that bench_load.py made in the database
(the second factor marked as given, as django-otp does after a code):

- a **complaints manager** (exactly one) and **complaints officers**: My work, the team's work,
  the complaints list with filters, searches and its next pages, complaints' pages, and writes:
  acknowledging stages, extending them, recording findings;
- **responding managers**: My work, their list, their complaints' pages, and the findings on
  the stages allocated to them.

Every form is fetched first and posted back with what it holds (its CSRF token, the complaint's
version), changing only what the action needs; a write is posted without following its
redirect, so its own answer is what is recorded. bench_load.py passes the users, their targets
and where to log in a JSON file named by `REDRESS_LOAD_CONFIG`. Every request is logged, one
JSON line each, so the run can be read afterwards second by second: which failed, whether a
server error was the site's own error page, and each write with its outcome.
"""

from __future__ import annotations

import html
import itertools
import json
import os
import random
import re
import time
from html.parser import HTMLParser
from typing import Any

from locust import HttpUser, between, events, task

CONFIG: dict[str, Any] = json.loads(
    open(os.environ["REDRESS_LOAD_CONFIG"], encoding="utf-8").read()  # noqa: SIM115
)
THINK = CONFIG["think_seconds"]
ERROR_PAGE = "Sorry, there is a problem with the service"
TITLE = re.compile(r"<title>(.*?)</title>", re.S)
LEAKS = ("Traceback", "psycopg", "OperationalError", "Exception Value")
_log = open(CONFIG["request_log"], "a", encoding="utf-8", buffering=1)  # noqa: SIM115


def log(**entry: Any) -> None:
    _log.write(json.dumps({"t": round(time.time(), 3), **entry}) + "\n")


@events.request.add_listener
def _on_request(
    request_type: str,
    name: str,
    response_time: float,
    response: Any = None,
    exception: BaseException | None = None,
    **_: Any,
) -> None:
    status = getattr(response, "status_code", 0) or 0
    entry: dict[str, Any] = {
        "kind": "request",
        "method": request_type,
        "name": name,
        "ms": round(response_time, 1),
        "status": status,
        "ok": exception is None,
    }
    if exception is not None:
        entry["error"] = str(exception)[:200]
    if status >= 400:
        text = getattr(response, "text", "") or ""
        # Nothing of the exception (no traceback, no SQL), and whether it is the site's page.
        entry["clean"] = not any(leak in text for leak in LEAKS)
        entry["error_page"] = ERROR_PAGE in text
        title = TITLE.search(text)
        entry["title"] = (title.group(1) if title else text[:80]).strip()
    log(**entry)


class FormReader(HTMLParser):
    """The fields of the page's first form posting to itself (method post): name -> value, and
    each select's options."""

    def __init__(self) -> None:
        super().__init__()
        self.fields: dict[str, str] = {}
        self.options: dict[str, list[str]] = {}
        self.in_form = False
        self.done = False
        self.select: str | None = None
        self.textarea: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if self.done:
            return
        if tag == "form" and a.get("method", "").lower() == "post":
            self.in_form = True
        if not self.in_form:
            return
        name = a.get("name")
        if tag == "input" and name:
            if a.get("type") in ("radio", "checkbox"):
                if "checked" in a:
                    self.fields[name] = a.get("value", "on")
                self.options.setdefault(name, []).append(a.get("value", "on"))
            elif a.get("type") != "submit":
                self.fields[name] = a.get("value", "")
        elif tag == "select" and name:
            self.select = name
            self.fields[name] = ""
            self.options[name] = []
        elif tag == "option" and self.select:
            self.options[self.select].append(a.get("value", ""))
            if "selected" in a:
                self.fields[self.select] = a.get("value", "")
        elif tag == "textarea" and name:
            self.textarea = name
            self.fields[name] = ""

    def handle_data(self, data: str) -> None:
        if self.textarea:
            self.fields[self.textarea] += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "select":
            self.select = None
        elif tag == "textarea":
            self.textarea = None
        elif tag == "form" and self.in_form:
            self.in_form, self.done = False, True


def read_form(text: str) -> FormReader | None:
    reader = FormReader()
    reader.feed(text)
    return reader if "csrfmiddlewaretoken" in reader.fields else None


COMPLAINT_LINK = re.compile(r'href="/complaints/(\d+)/"')
NEXT_PAGE = re.compile(r'govuk-pagination__next">\s*<a[^>]*href="([^"]+)"')
HINT = re.compile(r"More than (\d+) and at most (\d+)")
LIST_FILTERS = (
    "",
    "?status=open&procedure=statutory&sort=due",
    "?status=overdue",
    "?stage=1",
    "?status=open&sort=due",
)


class Staff(HttpUser):
    abstract = True
    wait_time = between(*THINK)
    pool: itertools.cycle[dict[str, Any]]

    def on_start(self) -> None:
        self.me = next(self.pool)
        self.client.cookies.set(CONFIG["session_cookie"], self.me["session"])
        self.seen: list[int] = []
        self.next_page: str | None = None

    # Reading --------------------------------------------------------------------------------

    def get(self, url: str, name: str) -> str | None:
        with self.client.get(url, name=name, catch_response=True) as response:
            if response.status_code != 200:
                response.failure(f"{response.status_code}")
                return None
            if "/accounts/" in response.url:  # sent to sign in: the session was lost
                response.failure("signed out")
                return None
            return response.text

    def listing(self, query: str, name: str) -> None:
        text = self.get(f"/complaints/{query}", name)
        if text:
            self.seen = [int(pk) for pk in COMPLAINT_LINK.findall(text)] or self.seen
            found = NEXT_PAGE.search(text)
            self.next_page = html.unescape(found.group(1)) if found else None

    def complaint(self) -> int | None:
        choices = self.seen or self.me.get("complaints") or CONFIG["complaints"]
        return random.choice(choices) if choices else None

    @task(4)
    def my_work(self) -> None:
        self.get("/", "My work")

    @task(3)
    def complaint_list(self) -> None:
        self.listing(random.choice(LIST_FILTERS), "list, filtered")

    @task(1)
    def list_next_page(self) -> None:
        if self.next_page:
            self.listing(self.next_page.removeprefix("/complaints/"), "list, next page")
        else:
            self.listing("", "list, filtered")

    @task(2)
    def search(self) -> None:
        term = random.choice(CONFIG["searches"])
        self.listing(f"?q={term.replace(' ', '+')}", "search")

    @task(8)
    def complaint_pages(self) -> None:
        pk = self.complaint()
        if pk is None:
            return
        self.get(f"/complaints/{pk}/", "complaint summary")
        page = random.choice(("stages", "timeline", "people"))
        self.get(f"/complaints/{pk}/{page}/", f"complaint {page}")

    # Writing --------------------------------------------------------------------------------

    def write(self, kind: str, pk: int, number: int, path: str, change: Any) -> None:
        """Fetch the action's form, let `change` fill it in (None: nothing to do), post it."""
        url = f"/complaints/{pk}/stages/{number}/{path}/"
        text = self.get(url, f"{kind} form")
        form = read_form(text) if text else None
        data = change(form, text) if form else None
        if data is None:
            return
        with self.client.post(
            url, data=data, name=kind, allow_redirects=False, catch_response=True
        ) as response:
            if response.status_code == 302 and "/stages/" in response.headers.get("Location", ""):
                outcome = "done"
            elif response.status_code == 200:
                outcome = "refused"  # a rule or a change made meanwhile: shown on the form
            else:
                outcome = "failed"
                response.failure(f"{response.status_code}")
        log(kind="write", write=kind, complaint=pk, stage=number, outcome=outcome)

    def findings(self, pk: int, number: int) -> None:
        def change(form: FormReader, _: str) -> dict[str, str] | None:
            names = [n for n in form.options if n.startswith("finding_")]
            if not names:
                return None
            name = random.choice(names)  # one reason changed: one audit event
            others = [v for v in form.options[name] if v != form.fields.get(name, "")]
            return {**form.fields, name: random.choice(others)}

        self.write("findings", pk, number, "findings", change)


class ComplaintsTeam(Staff):
    abstract = True

    @task(1)
    def acknowledge(self) -> None:
        targets = CONFIG["acknowledge"]
        if not targets:  # every stage acknowledged: another write instead
            return self.record_findings()
        pk, number = targets.pop()
        self.write("acknowledge", pk, number, "acknowledge", lambda form, _: form.fields)

    @task(1)
    def extend(self) -> None:
        if not CONFIG["extend"]:
            return
        pk, number = random.choice(CONFIG["extend"])

        def change(form: FormReader, text: str) -> dict[str, str] | None:
            hint = HINT.search(text)
            if hint is None or int(hint.group(1)) >= int(hint.group(2)):
                return None
            return {
                **form.fields,
                "extended_to_days": str(int(hint.group(1)) + 1),
                "reason": "The case is complex (load test).",
            }

        self.write("extend", pk, number, "extend", change)

    @task(1)
    def record_findings(self) -> None:
        if CONFIG["findings"]:
            self.findings(*random.choice(CONFIG["findings"]))


class ComplaintsManager(ComplaintsTeam):
    fixed_count = 1
    pool = itertools.cycle(CONFIG["managers"])

    @task(2)
    def team(self) -> None:
        self.get("/complaints/team/", "the team's work")


class ComplaintsOfficer(ComplaintsTeam):
    weight = CONFIG["weights"]["officers"]
    pool = itertools.cycle(CONFIG["officers"])


class RespondingManager(Staff):
    weight = CONFIG["weights"]["responding_managers"]
    pool = itertools.cycle(CONFIG["responding_managers"])

    def complaint(self) -> int | None:
        return random.choice(self.me["complaints"]) if self.me["complaints"] else None

    @task(2)
    def record_findings(self) -> None:
        if self.me["stages"]:
            self.findings(*random.choice(self.me["stages"]))
