"""The audit table refuses UPDATE and DELETE at the database (issue 8, point 9), on SQLite and
PostgreSQL alike, with one deliberate way round for erasure."""

import pytest
from django.db import IntegrityError, connection, transaction

from redress.core import audit
from redress.core.append_only import audit_erasure
from redress.core.models import AuditEvent, AuthoritySetting

pytestmark = pytest.mark.django_db


@pytest.fixture
def event(manager) -> AuditEvent:
    setting = AuthoritySetting.objects.create(key="test.setting", value="1")
    return audit.record(
        action="test.recorded",
        obj=setting,
        by=manager,
        before=None,
        after={"name": "Alex Example", "born": "2012-03-04"},
    )


def test_an_update_through_the_orm_is_refused(event):
    with pytest.raises(IntegrityError, match="append-only"), transaction.atomic():
        AuditEvent.objects.filter(pk=event.pk).update(note="Quietly changed.")
    event.refresh_from_db()
    assert event.note == ""


def test_saving_a_changed_event_is_refused(event):
    event.actor_label = "Someone else"
    with pytest.raises(IntegrityError, match="append-only"), transaction.atomic():
        event.save()


def test_raw_sql_is_refused_too(event):
    with (
        pytest.raises(IntegrityError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute("UPDATE core_auditevent SET action = 'x' WHERE id = %s", [event.pk])


def test_a_delete_is_refused(event):
    with pytest.raises(IntegrityError, match="append-only"), transaction.atomic():
        AuditEvent.objects.filter(pk=event.pk).delete()
    assert AuditEvent.objects.filter(pk=event.pk).exists()


def test_a_delete_is_refused_even_during_an_erasure(event):
    with (
        pytest.raises(IntegrityError, match="append-only"),
        transaction.atomic(),
        audit_erasure(),
    ):
        AuditEvent.objects.filter(pk=event.pk).delete()


def test_an_erasure_may_anonymise_snapshots_within_its_transaction(event):
    with transaction.atomic(), audit_erasure():
        AuditEvent.objects.filter(pk=event.pk).update(after={"name": "[erased]", "born": None})
    event.refresh_from_db()
    assert event.after == {"name": "[erased]", "born": None}
    # Over once the erasure is: the trail is guarded again.
    with pytest.raises(IntegrityError, match="append-only"), transaction.atomic():
        AuditEvent.objects.filter(pk=event.pk).update(after={})


def test_deleting_the_actor_only_nulls_the_link(event, manager):
    manager.delete()
    event.refresh_from_db()
    assert event.actor_id is None
    assert event.actor_label == "Morgan Tester (Complaints manager)"


def test_nulling_the_actor_cannot_carry_another_change(event):
    with pytest.raises(IntegrityError, match="append-only"), transaction.atomic():
        AuditEvent.objects.filter(pk=event.pk).update(actor=None, note="Changed with it.")


def test_the_triggers_are_in_place():
    """A later migration that remakes the table on SQLite drops its triggers: this notices."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT tgname FROM pg_trigger WHERE tgrelid = 'core_auditevent'::regclass"
                " AND NOT tgisinternal"
            )
            assert [row[0] for row in cursor.fetchall()] == ["core_auditevent_append_only"]
        else:
            cursor.execute(
                "SELECT name FROM sqlite_master WHERE type = 'trigger'"
                " AND tbl_name = 'core_auditevent' ORDER BY name"
            )
            names = [row[0] for row in cursor.fetchall()]
            assert names == ["core_auditevent_no_delete", "core_auditevent_no_update"]
