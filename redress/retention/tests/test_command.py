"""`redress retention`: a dry run lists, --apply anonymises; every mistake a clear message."""

from __future__ import annotations

import datetime
import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from redress.complaints.models import Complaint
from redress.core.models import AuditEvent
from redress.retention import holds, services

from .helpers import closed_complaint, open_complaint

pytestmark = pytest.mark.django_db


def run(*args: str) -> str:
    out = io.StringIO()
    call_command("retention", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def today(settings):
    settings.REDRESS_TODAY = datetime.date(2028, 1, 10)


def test_a_dry_run_lists_counts_and_references(today, manager):
    old = closed_complaint("2016-05-02", "2016-06-01")
    held = closed_complaint("2016-05-02", "2016-06-01")
    holds.legal_hold_place(complaint=held, reason="Claim issued", by=manager)
    open_complaint("2016-05-02")
    printed = run("--dry-run")
    assert "Retention as at 2028-01-10 (dry run)." in printed
    assert "Policy: complaints: 6 years after closing" in printed
    assert "Would anonymise:\n  complaints: 1\n  people: 1\n" in printed
    assert f"Complaints: {old.reference}\n" in printed
    assert f"Kept by a legal hold: 1: {held.reference}" in printed
    assert "Nothing was changed. Run with --apply to anonymise these." in printed
    old.refresh_from_db()
    assert old.summary != ""


def test_apply_with_a_user_and_a_day(today, manager):
    old = closed_complaint("2016-05-02", "2016-06-01")
    printed = run("--apply", "--as-of", "2023-01-01", "--user", manager.username)
    assert "Anonymised:\n  complaints: 1\n" in printed
    assert Complaint.objects.get(pk=old.pk).summary == ""
    event = AuditEvent.objects.get(complaint=old, action=services.ANONYMISED)
    assert event.actor == manager
    assert "Nothing is past its retention period." in run("--apply")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ((), "one of the arguments --dry-run --apply is required"),
        (("--dry-run", "--apply"), "not allowed with argument"),
        (("--dry-run", "--as-of", "1/1/2020"), "--as-of '1/1/2020' is not a date in the form"),
        (("--apply", "--as-of", "2028-01-11"), "--as-of 2028-01-11 is in the future"),
        (("--apply", "--user", "nobody"), "There is no user called 'nobody'."),
    ],
)
def test_mistakes_are_named(today, args, message):
    closed_complaint("2016-05-02", "2016-06-01")
    with pytest.raises(CommandError, match=message):
        call_command("retention", *args, stdout=io.StringIO())
    assert not Complaint.objects.filter(summary="").exists()
