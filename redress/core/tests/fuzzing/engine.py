"""Finding every form and submitting generated input to it: the answers allowed, and nothing
written when the answer is an error."""

from __future__ import annotations

import contextlib
import html
import re
import time
import traceback
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import Any
from unittest import mock
from urllib.parse import parse_qsl, urlencode, urlsplit

from django.core.handlers.wsgi import WSGIRequest
from django.db import DatabaseError, transaction
from django.test import Client, override_settings
from django.urls import Resolver404, resolve
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import seed as hypothesis_seed

from redress.accounts.models import Role
from redress.core.tests import test_url_permissions as permissions

from .forms import Field, Form, forms_on
from .values import ids_of, submission
from .world import ROLES, TODAY, build_world, fingerprint, fingerprint_sql, signed_in

# What a submission may be answered; anything else (a 5xx above all) is a failure.
ALLOWED = frozenset({200, 302, 400, 403, 404})
ERROR_SUMMARY = 'class="govuk-error-summary"'

# URLs whose POST is part of signing in, not a staff form: the sign-in tests
# (redress/accounts/tests) post them with real passwords and codes, and a signed-in user who
# has given the second factor is sent on from them.
NOT_STAFF_FORMS = frozenset(
    {
        "accounts:login",
        "accounts:sso_start",
        "accounts:sso_callback",
        "accounts:second_factor_verify",
        "accounts:backup_codes",
        # On the page of a complaint followed from the public side, which only a complainant's
        # single-use link opens (redress/front/tests/test_follow.py posts it).
        "front:follow_stop",
    }
)


@dataclass
class Target:
    form: Form
    role: str
    page: str  # the page the form was read from


# The role a form is read and posted as when not every role is: the complaints team does the
# case work; a complaints manager alone writes excerpts.
FIRST_ROLES = (Role.COMPLAINTS_OFFICER, Role.COMPLAINTS_MANAGER, *ROLES)


def targets(
    world: SimpleNamespace, clients: dict[str, Client], *, every_role: bool
) -> list[Target]:
    """Every form on every page of the role x URL table, once per (form, role) for the role x
    URL records (and their twins) and once for the open stage 2: read as each role that gets
    the page, or only as the first of FIRST_ROLES that does and finds a form there (an officer
    reads a letter template the complaints manager alone may change)."""
    found: dict[tuple[str, str, str], Target] = {}

    def read(role: str, url: str, records: str, response: Any) -> int:
        pages = [form_of_query(url)] if "?" in url else []
        if response["Content-Type"].startswith("text/html"):
            pages += forms_on(url, response.content.decode())
        for form in pages:
            found.setdefault((form.label(), role, records), Target(form, role, url))
        return len(pages)

    for name, decision in permissions.TABLE.items():
        if name in NOT_STAFF_FORMS:
            continue
        for url, answers, records in _pages(name, decision, world):
            roles = [role for role in FIRST_ROLES if answers[role] in {"200", "302"}]
            page_url = url
            for role in dict.fromkeys(roles):
                client = clients[role]
                url = page_url
                forms = 0
                response = client.get(url)
                if answers[role] == "302" and response.status_code == 302:
                    # A journey's start: its pages, each a form, hang off the page it leads to.
                    url = response["Location"]
                    response = client.get(url)
                    for page in journey_pages(url, response):
                        forms += read(role, page, records, client.get(page))
                if response.status_code != 200 and (records == "open" or answers[role] == "302"):
                    # No stage 3 yet, for one (the table's answers are for the others); or a
                    # journey not begun, sent on to its start.
                    continue
                assert response.status_code == 200, (
                    f"{name} {url} as {role}: {response.status_code}"
                )
                forms += read(role, url, records, response)
                if forms and not every_role:
                    break
    return list(found.values())


def journey_pages(url: str, response: Any) -> list[str]:
    """The pages of a journey (URLs with a `<page>` argument) that the page at `url` links to:
    a check-your-answers page's "Change" links."""
    if response.status_code != 200 or not response["Content-Type"].startswith("text/html"):
        return []
    pages = []
    for href in dict.fromkeys(_LINK.findall(response.content.decode())):
        path = urlsplit(html.unescape(href)).path
        try:
            match = resolve(path)
        except Resolver404:
            continue
        if "page" in match.kwargs and path != urlsplit(url).path:
            pages.append(path)
    return pages


_LINK = re.compile(r'<a [^>]*href="([^"]+)"')


def _pages(
    name: str, decision: permissions.Decision, world: SimpleNamespace
) -> Iterator[tuple[str, dict[str, str], str]]:
    """The URL for the records, and where it names one, for their twins (a draft edition, a
    complaint not from a child...) and for the complaint with an open stage 2, with each role's
    answer to it."""
    url = permissions._address(name, world.seen)
    assert url is not None
    yield url, decision.answers, "records"
    if not permissions._names_a_record(name):
        return
    twin = permissions._address(name, world.twin)
    if twin is not None:
        yield twin, {**decision.answers, **(decision.twin_answers or {})}, "records"
    opened = permissions._address(name, world.open)
    if opened is not None:
        yield opened, decision.answers, "open"


def form_of_query(url: str) -> Form:
    """A page with a query string but no form of its own (a drill-down, a download): its query
    parameters as a GET form."""
    path, _, query = url.partition("?")
    pairs = parse_qsl(query, keep_blank_values=True)
    fields = tuple(Field(key, "text", (value,)) for key, value in pairs)
    return Form("GET", path, (), fields, resolve(path).view_name)


def uncovered_post_views(forms: list[Target], world: SimpleNamespace) -> list[str]:
    """URLs that take a POST which no form found targets (a form the fuzzing would miss): those
    that answer a GET with 405, and those whose view reads the data of an empty POST (which
    must not be a server error either)."""
    covered = {t.form.url_name for t in forms if t.form.method == "POST"}
    client = signed_in(getattr(world.people, Role.COMPLAINTS_MANAGER), csrf_checks=False)
    read: list[str] = []
    load = WSGIRequest._load_post_and_files

    def reading(request: WSGIRequest) -> None:
        read.append(request.path)
        load(request)

    missing = []
    with mock.patch.object(WSGIRequest, "_load_post_and_files", reading):
        for name, decision in permissions.TABLE.items():
            if name in covered or name in NOT_STAFF_FORMS:
                continue
            url = permissions._address(name, world.seen)
            assert url is not None
            read.clear()
            status, problem = check(client, Form("POST", url, (), (), name), [], "SELECT 1")
            if problem and status != 405:  # a GET-only view refuses a POST
                missing.append(f"{name} ({url}), given an empty POST, {problem}")
            elif read or "405" in decision.answers.values():
                missing.append(f"{name} ({url}) takes a POST ({status}) but no page has its form")
    return missing


# Submitting ----------------------------------------------------------------------------------


@dataclass
class Failure:
    target: str
    detail: str


@dataclass
class Outcome:
    submissions: int = 0
    statuses: dict[int, int] = field(default_factory=dict)
    failures: list[Failure] = field(default_factory=list)
    forms: int = 0
    seconds: float = 0.0
    url_names: set[str] = field(default_factory=set)  # (method, URL name) of the forms

    def add(self, other: Outcome) -> None:
        """Another round's."""
        self.submissions += other.submissions
        for status, count in other.statuses.items():
            self.statuses[status] = self.statuses.get(status, 0) + count
        self.failures += other.failures
        self.forms = max(self.forms, other.forms)
        self.url_names |= other.url_names
        self.seconds += other.seconds


def _submit(client: Client, form: Form, data: list[tuple[str, str]]) -> Any:
    if form.method == "GET":
        query = urlencode([*form.query, *data])
        return client.get(f"{form.action}?{query}" if query else form.action)
    body = urlencode(data)
    action = f"{form.action}?{urlencode(form.query)}" if form.query else form.action
    return client.post(action, body, content_type="application/x-www-form-urlencoded")


def check(client: Client, form: Form, data: list[tuple[str, str]], sql: str) -> tuple[int, str]:
    """Submit once, in a savepoint rolled back afterwards; the status, and what was wrong with
    the answer ("" when nothing)."""
    cookies = client.cookies
    client.cookies = type(cookies)(cookies)  # a sign-out in the form is undone afterwards
    failed_part_way = broken = ""
    try:
        with transaction.atomic():
            before = fingerprint(sql)
            response = _submit(client, form, data)
            if response.streaming:
                try:
                    content = b"".join(response.streaming_content)
                except Exception as error:  # a download that fails part way is a server error
                    failed_part_way = "".join(traceback.format_exception(error)[-6:])
            else:
                content = response.content
            try:
                after = fingerprint(sql)
            except DatabaseError as error:  # the view left the transaction broken
                broken = repr(error)
            transaction.set_rollback(True)
    finally:
        client.cookies = cookies
    status = response.status_code
    if broken:
        return 500, f"answered {status} but left the database transaction broken: {broken}"
    if failed_part_way:
        return 500, f"a download failed part way\n{failed_part_way}"
    if status not in ALLOWED:
        exc = getattr(response, "exc_info", None)
        where = "".join(traceback.format_exception(*exc)[-6:]) if exc else ""
        return status, f"answered {status}\n{where}"
    page = content.decode() if response["Content-Type"].startswith("text/html") else ""
    refused = status in {400, 403, 404} or (
        status == 200 and form.method == "POST" and ERROR_SUMMARY in page
    )
    if (refused or form.method == "GET") and before != after:
        return status, f"answered {status} but wrote to the database"
    return status, ""


def _fuzz_one(
    target: Target,
    client: Client,
    examples: int,
    seed: int | None,
    ids: list[str],
    sql: str,
    outcome: Outcome,
) -> list[str]:
    """Run Hypothesis on one form as one role; what was wrong, if anything (the example
    Hypothesis shrank it to last)."""
    problems: list[str] = []

    def one(data: list[tuple[str, str]]) -> None:
        status, problem = check(client, target.form, data, sql)
        outcome.submissions += 1
        outcome.statuses[status] = outcome.statuses.get(status, 0) + 1
        if problem:
            problems.append(f"{problem}\nsubmitted: {data!r}"[:3000])
            raise AssertionError(problem)

    run = given(data=submission(target.form, ids))(one)
    run = settings(
        max_examples=examples,
        deadline=None,
        database=None,
        derandomize=seed is None,
        phases=(Phase.generate, Phase.shrink),
        suppress_health_check=list(HealthCheck),
        report_multiple_bugs=False,
    )(run)
    if seed is not None:
        run = hypothesis_seed(seed)(run)
    with contextlib.suppress(AssertionError):  # the failure is in `problems`
        run()
    return problems


def fuzz(
    world: SimpleNamespace,
    *,
    examples: int | None = None,
    total: int | None = None,
    every_role: bool = False,
    seed: int | None = None,
    progress: Callable[[str], None] | None = None,
) -> Outcome:
    """Fuzz every form with `examples` generated submissions each, or `total` shared among
    them (Hypothesis shrinks a failure with a few more); keep going after a form fails."""
    started = time.perf_counter()
    clients = {role: signed_in(getattr(world.people, role)) for role in ROLES}
    found = targets(world, clients, every_role=every_role)
    outcome = Outcome(
        forms=len(found), url_names={f"{t.form.method} {t.form.url_name}" for t in found}
    )
    if examples is None:
        assert total is not None, "give examples or total"
        examples = max(1, -(-total // len(found)))
    if progress:
        progress(f"{len(found)} forms found in {time.perf_counter() - started:.1f} s")
    missing = uncovered_post_views(found, world)
    if progress:
        progress(f"coverage checked at {time.perf_counter() - started:.1f} s")
    outcome.failures += [Failure("coverage", m) for m in missing]
    ids = ids_of(world)
    sql = fingerprint_sql()
    for target in found:
        label = f"{target.form.label()} as {target.role} (from {target.page})"
        problems = _fuzz_one(target, clients[target.role], examples, seed, ids, sql, outcome)
        if problems:
            outcome.failures.append(Failure(label, problems[-1]))
        if progress:
            done = f"{outcome.submissions} submissions so far"
            progress(f"{label}: {'FAILED' if problems else 'ok'} ({done})")
    outcome.seconds = time.perf_counter() - started
    return outcome


def in_world(body: Callable[[SimpleNamespace], Any]) -> Any:
    """Build the world in a transaction, run `body` with it, and roll it all back."""
    with override_settings(REDRESS_TODAY=TODAY), transaction.atomic():
        result = body(build_world())
        transaction.set_rollback(True)
    return result


def describe(outcome: Outcome) -> Iterator[str]:
    """The outcome as lines to print, each failure with its traceback and submission."""
    statuses = ", ".join(f"{k}: {v}" for k, v in sorted(outcome.statuses.items()))
    posts = sum(1 for name in outcome.url_names if name.startswith("POST "))
    gets = len(outcome.url_names) - posts
    yield f"Forms:       {outcome.forms} (form x role) at {posts} POST and {gets} GET URLs"
    yield f"Submissions: {outcome.submissions} ({statuses})"
    yield f"Failures:    {len(outcome.failures)}"
    yield f"Seconds:     {outcome.seconds:.1f}"
    for failure in outcome.failures:
        yield f"\n--- {failure.target}\n{failure.detail}"
