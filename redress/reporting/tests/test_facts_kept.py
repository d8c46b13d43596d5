"""Facts kept between reports (facts/kept.py, ADR 0032): the same facts are given again only
while nothing they are read from has changed, whoever changed it and however; never from
inside a caller's transaction; within the limits set. Runs on both databases, outside a
test transaction (the keeping is off inside one)."""

import dataclasses
import datetime
import re

import polars as pl
import psycopg
import pytest
from django.db import connection, transaction

from redress.complaints.models import Stage
from redress.complaints.tests.factories import AspectFactory, ComplaintFactory
from redress.feedback.models import Compliment
from redress.feedback.tests.factories import ComplimentFactory
from redress.organisations.models import ServiceArea
from redress.procedures.calendar import WorkingCalendar
from redress.reporting.facts import extract, extract_facts, kept, schema
from redress.reporting.facts.frames import in_stage_order
from redress.reporting.models import ContextFigure
from redress.reporting.tests.factories import ContextFigureFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

AS_OF = datetime.date(2022, 5, 31)
d = datetime.date.fromisoformat


@pytest.fixture(autouse=True)
def empty_store():
    kept.store.clear()
    yield
    kept.store.clear()


@pytest.fixture
def recorded():
    complaint = ComplaintFactory(
        reference="K1", received_date=d("2021-06-01"), stage1__responded_date=d("2021-06-10")
    )
    AspectFactory(stage=complaint.stages.get())
    ComplimentFactory(received_date=d("2021-07-01"))
    ContextFigureFactory()
    return complaint


def facts(calendar, **kwargs):
    return extract_facts(as_of=AS_OF, calendar=calendar, keep=True, **kwargs)


def test_the_same_facts_are_given_while_nothing_is_recorded(recorded, calendar):
    assert not connection.in_atomic_block
    first = facts(calendar)
    assert facts(calendar) is first
    assert len(kept.store) == 1
    # Nothing kept without being asked to keep.
    assert extract_facts(as_of=AS_OF, calendar=calendar) is not first


def _respond_later(complaint):
    Stage.objects.filter(complaint=complaint).update(responded_date=d("2021-06-20"))


def _add_a_compliment(complaint):
    ComplimentFactory(received_date=d("2021-08-01"))


def _delete_the_compliments(complaint):
    Compliment.objects.all().delete()


def _rename_the_service(complaint):
    ServiceArea.objects.filter(pk=complaint.service_area_id).update(name="Renamed")


def _delete_the_context(complaint):
    ContextFigure.objects.all().delete()


def _a_raw_update(complaint):
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE complaints_stage SET outcome = 'upheld' WHERE complaint_id = %s",
            [complaint.pk],
        )


@pytest.mark.parametrize(
    "change",
    [
        _respond_later,
        _add_a_compliment,
        _delete_the_compliments,
        _rename_the_service,
        _delete_the_context,
        _a_raw_update,
    ],
)
def test_anything_recorded_is_read_afresh(recorded, calendar, change):
    first = facts(calendar)
    change(recorded)
    second = facts(calendar)
    assert second is not first
    assert facts(calendar) is second  # and kept in turn
    # What the change did is in the new facts, exactly as a fresh extraction reads it.
    fresh = extract_facts(as_of=AS_OF, calendar=calendar)
    for name in ("stages", "compliments", "context", "service_areas"):
        assert getattr(second, name).equals(getattr(fresh, name)), name
    assert any(
        not getattr(second, name).equals(getattr(first, name))
        for name in ("stages", "compliments", "context", "service_areas")
    )


def test_a_rolled_back_change_leaves_the_facts_kept(recorded, calendar):
    first = facts(calendar)
    with transaction.atomic():
        _respond_later(recorded)
        transaction.set_rollback(True)
    assert facts(calendar) is first


def test_inside_a_transaction_nothing_is_kept(recorded, calendar):
    """A caller's transaction may hold writes that are rolled back later: facts read in it are
    neither kept nor taken from the store."""
    outside = facts(calendar)
    with transaction.atomic():
        _respond_later(recorded)
        inside = facts(calendar)
        assert inside is not outside
        assert inside.stages["responded"].to_list() == [d("2021-06-20")]
        assert facts(calendar) is not inside
        transaction.set_rollback(True)
    assert facts(calendar) is outside


def test_each_request_is_kept_apart(recorded, calendar):
    whole = facts(calendar)
    scoped = facts(calendar, service_area_ids=[recorded.service_area_id])
    assert scoped is not whole
    assert facts(calendar, aspects_from=d("2021-04-01")) is not whole
    assert extract_facts(as_of=d("2022-06-01"), calendar=calendar, keep=True) is not whole
    assert len(kept.store) == 4  # the default limit
    assert facts(calendar) is whole
    closed = WorkingCalendar({d("2021-06-02"): "closure"})
    assert facts(closed) is not whole
    assert len(kept.store) == 4  # the least recently used (scoped) went
    assert facts(calendar) is whole
    assert facts(calendar, service_area_ids=[recorded.service_area_id]) is not scoped


def test_the_limits(recorded, calendar, settings):
    settings.REDRESS_FACTS_KEPT = 1
    whole = facts(calendar)
    facts(calendar, aspects_from=d("2021-04-01"))
    assert len(kept.store) == 1
    assert facts(calendar) is not whole  # the least recently used went

    kept.store.clear()
    settings.REDRESS_FACTS_KEPT = 4
    settings.REDRESS_FACTS_KEPT_MB = 0
    assert not kept.store.enabled
    facts(calendar)
    assert len(kept.store) == 0

    settings.REDRESS_FACTS_KEPT_MB = 1
    store = kept.KeptFacts()
    some = facts(calendar)
    store.put("small", "0", some)
    assert len(store) == 1
    store.put("too big", "0", _inflated(some, store.bytes))
    assert len(store) == 1  # facts larger than the whole limit are not kept
    assert "small" in store
    assert "too big" not in store


def _inflated(facts_, size):
    padding = pl.DataFrame({"x": pl.zeros(size // 8 + 1, dtype=pl.Int64, eager=True)})
    return dataclasses.replace(facts_, context=padding)


def _tables_read(sql: str) -> set[str]:
    return set(re.findall(r'(?:FROM|JOIN)\s+"(\w+)"', sql))


def test_every_table_extraction_reads_records_its_changes(recorded, calendar, monkeypatch):
    """The triggers of reporting migration 0008 must be on every table extraction reads, or a
    change to one would leave old facts kept (a table rebuilt by a later SQLite migration
    loses its triggers: this finds that too)."""
    queries: list[str] = []
    reading = extract._frame_sql

    def read_noting(sql, params, columns):
        queries.append(sql)
        return reading(sql, params, columns)

    monkeypatch.setattr(extract, "_frame_sql", read_noting)
    extract_facts(as_of=AS_OF, calendar=calendar, aspects_from=d("2020-04-01"), keep=True)
    assert len(queries) == len(extract._reads(AS_OF, None)) + 1  # and the token
    read = set().union(*(_tables_read(sql) for sql in queries))
    assert read == set(kept.TABLES)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT tgrelid::regclass::text, tgname FROM pg_trigger "
                "WHERE tgname LIKE 'reporting_facts_%' AND NOT tgisinternal"
            )
            assert sorted(cursor.fetchall()) == [(t, f"reporting_facts_{t}") for t in kept.TABLES]
        else:
            cursor.execute(
                "SELECT tbl_name, sql FROM sqlite_master "
                "WHERE type = 'trigger' AND name LIKE 'reporting_facts_%'"
            )
            events: dict[str, set[str]] = {}
            for table, sql in cursor.fetchall():
                events.setdefault(table, set()).update(
                    re.findall(r"AFTER (INSERT|UPDATE|DELETE) ON", sql)
                )
            assert events == {table: {"INSERT", "UPDATE", "DELETE"} for table in kept.TABLES}


@pytest.mark.skipif("connection.vendor != 'postgresql'")
def test_postgresql_sees_a_change_committed_after_the_facts_were_read(recorded, calendar):
    """Transactions commit in any order: one that had written, but not committed, when the
    facts were read is seen as a change once it commits, though nothing newer was recorded."""
    db = connection.settings_dict
    other = psycopg.connect(
        dbname=db["NAME"],
        user=db["USER"],
        password=db["PASSWORD"] or None,
        host=db["HOST"],
        port=db["PORT"] or None,
    )
    try:
        other.execute(
            "UPDATE complaints_stage SET responded_date = '2021-06-21' WHERE complaint_id = %s",
            [recorded.pk],
        )  # written, not committed
        first = facts(calendar)
        assert first.stages["responded"].to_list() == [d("2021-06-10")]
        assert facts(calendar) is first
        other.commit()
    finally:
        other.close()
    second = facts(calendar)
    assert second is not first
    assert second.stages["responded"].to_list() == [d("2021-06-21")]


@pytest.mark.skipif("connection.vendor != 'postgresql'")
def test_postgresql_prunes_once_a_day_and_then_reads_afresh(recorded, calendar):
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM reporting_facts_change")
        assert cursor.fetchone()[0] > 0  # the fixture's writes
        kept.prune()  # pruned when the table was made: not due
        cursor.execute("SELECT count(*) FROM reporting_facts_change")
        assert cursor.fetchone()[0] > 0
        first = facts(calendar)
        cursor.execute("UPDATE reporting_facts_pruned SET pruned_at = now() - interval '25 hours'")
        kept.prune()
        cursor.execute("SELECT count(*) FROM reporting_facts_change")
        assert cursor.fetchone()[0] == 0
        cursor.execute("SELECT pruned_at > now() - interval '1 minute' FROM reporting_facts_pruned")
        assert cursor.fetchone()[0]
    # The changes before the prune are forgotten, so facts read before it are not trusted.
    assert facts(calendar) is not first


def test_narrowed_facts_are_as_the_figures_read_them_and_kept_apart(recorded, calendar):
    """A report's facts (`narrow`, as report_facts asks) hold only what the figures read, so the
    figures make no copy of them; the full facts are kept apart from them."""
    narrowed = facts(calendar, narrow=True)
    assert narrowed.narrowed
    assert narrowed.stages.columns == list(schema.STAGE_FIGURES)
    assert narrowed.stages.schema["service"] == pl.Categorical()
    assert narrowed.aspects.schema["category"] == pl.Categorical()
    assert narrowed.for_figures() is narrowed
    assert facts(calendar, narrow=True) is narrowed
    full = facts(calendar)
    assert full is not narrowed
    assert not full.narrowed
    assert "acknowledged" in full.stages.columns
    assert full.for_figures().stages.equals(narrowed.stages)
    # Read in the order the figures take them, so not sorted again (ADR 0034).
    assert in_stage_order(narrowed.stages)
    assert "organisation" in full.stages.columns
    # Read without keeping, too.
    assert extract_facts(as_of=AS_OF, calendar=calendar, narrow=True).narrowed
