"""Every staff form with generated input (issue 8): a few submissions a form here; `make fuzz`
(bench/fuzz_forms.py) runs 10,000 and more. The engine is `fuzzing/`."""

from __future__ import annotations

import os
from types import SimpleNamespace

import pytest
from django.db.models import F
from django.http import Http404
from django.test import Client
from django.urls import reverse

from redress.accounts.models import Role
from redress.complaints.models import Complaint
from redress.core.tests import fuzzing

pytestmark = pytest.mark.django_db

EXAMPLES = int(os.environ.get("REDRESS_FUZZ_EXAMPLES", "3"))


def test_no_form_answers_a_server_error_or_writes_when_it_refuses():
    outcome = fuzzing.in_world(lambda world: fuzzing.fuzz(world, examples=EXAMPLES))
    report = "\n".join(fuzzing.describe(outcome))
    assert outcome.forms > 50, report
    assert outcome.submissions >= outcome.forms * EXAMPLES, report
    assert not outcome.failures, report
    # Not vacuous: the forms were found, and submissions got past them to the services.
    assert {"GET complaints:list", "POST complaints:respond", "GET reporting:reports"} <= (
        outcome.url_names
    )
    assert {"GET reporting:figure", "POST accounts:logout"} <= outcome.url_names
    assert outcome.statuses.get(302, 0) > 10, report


# The engine itself: it finds the forms, and it would see a server error or a refusal that wrote.


def _hold_form(
    world: SimpleNamespace,
) -> tuple[Client, fuzzing.Form, list[tuple[str, str]]]:
    """The open stage 2's hold form as the complaints officer reads it, filled in validly."""
    url = reverse("complaints:hold", args=[world.open.complaint.pk, 2])
    client = fuzzing.signed_in(getattr(world.people, Role.COMPLAINTS_OFFICER))
    (form,) = fuzzing.forms_on(url, client.get(url).content.decode())
    filled = {"start_on-day": "6", "start_on-month": "6", "start_on-year": "2022"}
    data = [
        (f.name, filled.get(f.name, f.values[0] or "Waiting for the police")) for f in form.fields
    ]
    return client, form, data


def test_a_form_is_read_with_its_token_version_and_dates():
    _, hold, _ = fuzzing.in_world(_hold_form)
    names = {f.name for f in hold.fields}
    assert {"csrfmiddlewaretoken", "complaint_version", "start_on-day", "reason"} <= names
    assert (hold.method, hold.url_name) == ("POST", "complaints:hold")


def test_a_server_error_and_a_write_with_a_refusal_are_failures(monkeypatch):
    from redress.complaints.views import holds, lists

    def bump(complaint: Complaint) -> None:
        Complaint.objects.filter(pk=complaint.pk).update(version=F("version") + 1)

    def check(world):
        client, form, data = _hold_form(world)
        sql = fuzzing.fingerprint_sql()
        answers = [fuzzing.check(client, form, data, sql)]

        def broken(**kwargs):
            raise ZeroDivisionError

        monkeypatch.setattr(holds.services, "stage_hold", broken)
        answers.append(fuzzing.check(client, form, data, sql))
        monkeypatch.undo()

        # A refusal that wrote first, and a list that writes as it is read (a GET never may).
        def refusing(complaint, number):
            bump(complaint)
            raise Http404("No such stage")

        monkeypatch.setattr(holds, "stage_of", refusing)
        answers.append(fuzzing.check(client, form, data, sql))
        counts = lists.status_counts

        def writing(**kwargs):
            bump(world.open.complaint)
            return counts(**kwargs)

        monkeypatch.setattr(lists, "status_counts", writing)
        listing = fuzzing.Form("GET", reverse("complaints:list"), (), (), "complaints:list")
        answers.append(fuzzing.check(client, listing, [], sql))
        return answers

    ok, broken, refused, listed = fuzzing.in_world(check)
    assert ok == (302, "")
    assert broken[0] == 500
    assert "ZeroDivisionError" in broken[1]
    assert refused == (404, "answered 404 but wrote to the database")
    assert listed == (200, "answered 200 but wrote to the database")
