"""The records the forms are posted about, the signed-in clients, and a fingerprint of the
database that any write changes."""

from __future__ import annotations

import datetime
from types import SimpleNamespace

from django.apps import apps
from django.db import connection
from django.test import Client

from redress.accounts.models import Role, User
from redress.core.tests import test_url_permissions as permissions

# The day the role x URL world is set in (as its `world` fixture).
TODAY = datetime.date(2022, 6, 10)
ROLES = permissions.COLUMNS[1:]


def build_world() -> SimpleNamespace:
    """The role x URL test's records (a complaint at stage 3 with everything hanging off it, and
    a twin the restricted roles may not see) and a user for each role."""
    people = SimpleNamespace(
        **{
            str(role): User.objects.create(
                username=str(role), role=role, is_staff=role == Role.COMPLAINTS_MANAGER
            )
            for role in ROLES
        }
    )
    seen = permissions._records(seen=True, people=people)
    twin = permissions._records(seen=False, people=people)
    _failed_message(people)
    _advocacy_provider()
    _shared_procedure()
    return SimpleNamespace(people=people, seen=seen, twin=twin, open=_open_stage2(people))


def _advocacy_provider() -> None:
    """An advocacy provider to refer to: without one, a complaint's "Refer for advocacy" page
    says what to set and has no form."""
    from redress.core import config

    config.set_value("advocacy_provider_email", "referrals@advocacy.example", by=None)


def _shared_procedure() -> None:
    """A trust and its council sharing the procedure: with one organisation, an Ombudsman
    enquiry's "Organisation" page says there is nothing to choose and has no form."""
    from redress.organisations.tests.factories import OrganisationFactory

    OrganisationFactory(name="Kingsmoor Children's Trust", kind="trust")
    OrganisationFactory(name="Kingsmoor City Council")


def _failed_message(people: SimpleNamespace) -> None:
    """A message that could not be sent: the failed messages page then has its "Try again"
    form (the role x URL table posts to a message that does not exist)."""
    from redress.notifications.models import Message, State

    Message.objects.create(
        recipient=people.complaints_officer,
        to="olive@council.example",
        subject="Reminder: stage due soon",
        body="Stage 2 of a complaint is due on Friday.",
        state=State.FAILED,
        attempts=5,
        last_error="Connection refused by smtp.council.example",
    )


def _open_stage2(people: SimpleNamespace) -> SimpleNamespace:
    """A child's complaint whose stage 2 is open (allocated to the responding manager, with the
    investigating officer appointed): the stage forms of the role x URL world's complaint,
    at stage 3, refuse almost everything; this one's go on to their services."""
    from redress.complaints.tests.factories import (
        AppointmentFactory,
        AspectFactory,
        ComplaintFactory,
        StageFactory,
    )

    day = datetime.date.fromisoformat
    complaint = ComplaintFactory(
        received_date=day("2022-04-04"), complainant_type="child_young_person"
    )
    complaint.stages.update(responded_date=day("2022-04-14"), outcome="not_upheld")
    stage2 = StageFactory(
        complaint=complaint,
        number=2,
        received_date=day("2022-05-03"),
        allocated_to=people.responding_manager,
    )
    return SimpleNamespace(
        complaint=complaint,
        appointment=AppointmentFactory(stage=stage2, user=people.investigating_officer),
        aspect=AspectFactory(stage=stage2),
    )


def signed_in(user: User, *, csrf_checks: bool = True) -> Client:
    """A client signed in as `user`, with the second factor passed where the role needs one;
    it checks CSRF tokens as a browser's request would be checked."""
    from redress.accounts.second_factor import required_for
    from redress.accounts.tests.support import pass_second_factor

    client = Client(raise_request_exception=False, enforce_csrf_checks=csrf_checks)
    client.force_login(user)
    if required_for(user):
        pass_second_factor(client, user)
    return client


def fingerprint_sql() -> str:
    """The query for `fingerprint`: every Redress model's table (that has been migrated: an app
    being written may have none yet)."""
    tables = sorted(
        {
            model._meta.db_table
            for model in apps.get_models()
            if model.__module__.startswith("redress.") and not model._meta.proxy
        }
        & set(connection.introspection.table_names())
    )
    quote = connection.ops.quote_name
    counts = [f"(SELECT COUNT(*) FROM {quote(t)})" for t in tables]
    versions = f"(SELECT COALESCE(SUM(version), 0) FROM {quote('complaints_complaint')})"
    return f"SELECT {', '.join([*counts, versions])}"


def fingerprint(sql: str) -> tuple[int, ...]:
    """Row counts of every Redress table (the audit trail among them) and the sum of the
    complaints' versions: any write a form makes changes one of them."""
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return tuple(cursor.fetchone())
